package web

import (
	"net/http"

	"github.com/devpulse/devpulse/internal/auth"
)

// pulseRoutes: events in, pulse programmes, asks, answers and their channels.
func (s *Server) pulseRoutes() {
	s.handle(http.MethodPost, "/api/v1/events", s.createEvents, auth.Scope(auth.ScopeEventsWrite))
	s.handle(http.MethodPost, "/webhooks/github", s.receiveGitHub, auth.Public)
}

// signedByCaller reports paths whose requests carry their own signature
// (GitHub's and Slack's HMAC) instead of a browser's CSRF token.
func signedByCaller(path string) bool {
	return path == "/webhooks/github" || path == "/slack/interactions"
}
