package web

import (
	"net/http"

	"github.com/devpulse/devpulse/internal/auth"
)

// metricsRoutes: weekly system metrics in (API, CSV import), their links
// to drivers, and where they show.
func (s *Server) metricsRoutes() {
	s.handle(http.MethodPost, "/api/v1/metrics", s.createMetricsAPI, auth.Scope(auth.ScopeMetricsWrite))
	s.handle(http.MethodGet, "/api/v1/teams/:id/metrics", s.apiTeamMetrics, auth.Scope(auth.ScopeResultsRead))
	s.handle(http.MethodGet, "/api/v1/snapshots/:id/correlations", s.apiCorrelations, auth.Scope(auth.ScopeResultsRead))

	s.handle(http.MethodGet, "/admin/metrics", s.showMetricsImport, auth.Admin)
	s.handle(http.MethodGet, "/admin/metrics/example.csv", s.downloadMetricsExample, auth.Admin)
	s.handle(http.MethodPost, "/admin/metrics/preview", s.previewMetrics, auth.Admin)
	s.handle(http.MethodPost, "/admin/metrics/apply", s.applyMetrics, auth.Admin)
	s.handle(http.MethodGet, "/admin/metrics/links", s.showMetricLinks, auth.Admin)
	s.handle(http.MethodPost, "/admin/metrics/links", s.addMetricLink, auth.Admin)
	s.handle(http.MethodPost, "/admin/metrics/links/:id/delete", s.removeMetricLink, auth.Admin)
}
