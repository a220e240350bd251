package web

import (
	"context"

	"github.com/devpulse/devpulse/templates/systemmetrics"
)

// orgMetrics reads DORA's four keys per team for the organisation page.
func (s *Server) orgMetrics(ctx context.Context) (systemmetrics.DORAView, error) {
	r, err := s.metrics.DORA(ctx)
	return systemmetrics.DORAView{Report: r}, err
}
