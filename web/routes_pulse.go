package web

import (
	"net/http"

	"github.com/devpulse/devpulse/internal/auth"
)

// pulseRoutes: events in, pulse programmes, asks, answers and their channels.
func (s *Server) pulseRoutes() {
	s.handle(http.MethodPost, "/api/v1/events", s.createEvents, auth.Scope(auth.ScopeEventsWrite))
	s.handle(http.MethodPost, "/webhooks/github", s.receiveGitHub, auth.Public)

	s.handle(http.MethodGet, "/admin/pulse", s.listProgrammes, auth.Admin)
	s.handle(http.MethodPost, "/admin/pulse", s.createProgramme, auth.Admin)
	s.handle(http.MethodGet, "/admin/pulse/:id", s.editProgramme, auth.Admin)
	s.handle(http.MethodPost, "/admin/pulse/:id", s.updateProgramme, auth.Admin)
	s.handle(http.MethodPost, "/admin/pulse/:id/pause", s.pauseProgramme, auth.Admin)
	s.handle(http.MethodPost, "/api/v1/pulse/programmes", s.saveProgrammeAPI, auth.Scope(auth.ScopePulseWrite))
}

// signedByCaller reports paths whose requests carry their own signature
// (GitHub's and Slack's HMAC) instead of a browser's CSRF token.
func signedByCaller(path string) bool {
	return path == "/webhooks/github" || path == "/slack/interactions"
}
