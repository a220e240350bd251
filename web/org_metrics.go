package web

import (
	"context"

	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/templates/systemmetrics"
)

// orgMetrics reads DORA's four keys per team and the driver–metric
// correlations of the snapshot d shows, for the organisation page.
func (s *Server) orgMetrics(ctx context.Context, d results.OrgDashboard) (systemmetrics.DORAView, error) {
	r, err := s.metrics.DORA(ctx)
	if err != nil {
		return systemmetrics.DORAView{}, err
	}
	cs, err := s.correlations(ctx, d)
	if err != nil {
		return systemmetrics.DORAView{}, err
	}
	v := systemmetrics.DORAView{Report: r, Correlations: correlationsView(d, cs)}
	return v, s.sentimentView(ctx, d, &v.Correlations)
}
