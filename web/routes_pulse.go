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
	s.handle(http.MethodGet, "/teams/:team/pulse/:programme", s.showPulseWeekly, auth.TeamReader("team"))

	// A person's asks and settings, and the channels answers come from.
	s.handle(http.MethodGet, "/pulse", s.showPulse, auth.SignedIn)
	s.handle(http.MethodPost, "/pulse/settings", s.savePulseSettings, auth.SignedIn)
	s.handle(http.MethodPost, "/pulse/asks/:id", s.answerAsk, auth.SignedIn)
	s.handle(http.MethodGet, "/p/:token", s.showPulseLink, auth.Public)
	s.handle(http.MethodPost, "/p/:token", s.answerPulseLink, auth.Public)
	s.handle(http.MethodPost, "/slack/interactions", s.receiveSlack, auth.Public)
	// CORS headers go on before any middleware can refuse a widget request
	// (a bad CSRF token), so the tool's page can read why.
	s.echo.Pre(s.widgetPre)
	s.handle(http.MethodGet, "/widget.js", s.serveWidget, auth.Public)
	s.handle(http.MethodGet, "/widget/ask", s.showWidgetAsk, auth.Public)
	s.handle(http.MethodOptions, "/widget/answer", s.preflightWidget, auth.Public)
	s.handle(http.MethodPost, "/widget/answer", s.answerWidget, auth.SignedIn)
}

// verifiedByHandler reports paths whose handlers check where a request
// comes from instead of a browser's CSRF token: GitHub's and Slack's HMAC
// signatures, and the widget's answers (an allow-listed Origin and a JSON
// body, which no other site can send with the person's cookies).
func verifiedByHandler(path string) bool {
	return path == "/webhooks/github" || path == "/slack/interactions" || path == "/widget/answer"
}
