package web

import (
	"net/http"

	"github.com/labstack/echo/v4/middleware"

	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/static"
)

// routes registers every route in one table, after the middleware that
// wraps them all.
func (s *Server) routes() {
	e := s.echo
	e.Pre(middleware.RemoveTrailingSlashWithConfig(middleware.TrailingSlashConfig{RedirectCode: http.StatusMovedPermanently}))
	e.Use(
		middleware.RequestID(),
		s.accessLog(),
		middleware.RecoverWithConfig(middleware.RecoverConfig{LogErrorFunc: s.logPanic, DisableStackAll: true}),
		s.securityHeaders(),
		middleware.GzipWithConfig(middleware.GzipConfig{Level: 5}),
		// Bounds every request body before anything reads it (the CSRF
		// check parses forms); the largest legitimate one is a roster file.
		middleware.BodyLimit("10M"),
		s.csrf(),
		s.loadPrincipal,
	)

	s.handle(http.MethodGet, "/healthz", s.showHealth, auth.Public)
	s.handle(http.MethodGet, "/readyz", s.showReady, auth.Public)
	s.handle(http.MethodGet, static.Prefix+"*", s.serveStatic, auth.Public)

	s.handle(http.MethodGet, "/", s.showHome, auth.Public)
	s.handle(http.MethodPost, "/logout", s.signOut, auth.SignedIn)
	s.handle(http.MethodPost, "/me/channel", s.setChannel, auth.SignedIn)

	s.handle(http.MethodGet, "/admin/tokens", s.showTokens, auth.Admin)
	s.handle(http.MethodPost, "/admin/tokens", s.createToken, auth.Admin)
	s.handle(http.MethodPost, "/admin/tokens/:token/revoke", s.revokeToken, auth.Admin)
	s.handle(http.MethodGet, "/admin/audit", s.showAudit, auth.Admin)

	s.handle(http.MethodGet, "/api/v1/teams", s.listAPITeams, auth.Scope(auth.ScopeResultsRead))
	s.handle(http.MethodGet, "/teams", s.listTeams, auth.Reader)
	s.handle(http.MethodGet, "/participation", s.showParticipation, auth.Reader)
	s.handle(http.MethodGet, "/teams/:team", s.showTeam, auth.TeamReader("team"))

	s.handle(http.MethodGet, "/admin", s.showAdmin, auth.Admin)
	s.handle(http.MethodGet, "/admin/invitations", s.listInvitations, auth.Admin)
	s.handle(http.MethodPost, "/admin/invitations/:id/retry", s.retryInvitation, auth.Admin)
	s.handle(http.MethodGet, "/admin/teams", s.listAdminTeams, auth.Admin)
	s.handle(http.MethodPost, "/admin/teams", s.createTeam, auth.Admin)
	s.handle(http.MethodGet, "/admin/people", s.listPeople, auth.Admin)
	s.handle(http.MethodGet, "/admin/people/:id", s.showPerson, auth.Admin)
	s.handle(http.MethodPost, "/admin/people/:id", s.updatePerson, auth.Admin)
	s.handle(http.MethodPost, "/admin/people/:id/active", s.setPersonActive, auth.Admin)
	s.handle(http.MethodPost, "/admin/people/:id/grants", s.addGrant, auth.Admin)
	s.handle(http.MethodPost, "/admin/people/:id/grants/:grant/delete", s.removeGrant, auth.Admin)
	s.handle(http.MethodGet, "/login", s.showLogin, auth.Public)
	s.handle(http.MethodPost, "/login", s.signInPassword, auth.Public)
	s.handle(http.MethodGet, "/auth/oidc/login", s.startOIDC, auth.Public)
	s.handle(http.MethodGet, "/auth/oidc/callback", s.finishOIDC, auth.Public)
	if s.deps.Demo { // the persona sign-in does not exist outside demo mode
		s.handle(http.MethodPost, "/auth/demo", s.signInDemo, auth.Public)
	}

	s.handle(http.MethodGet, "/admin/roster", s.showRoster, auth.Admin)
	s.handle(http.MethodGet, "/admin/roster/example.csv", s.downloadRosterExample, auth.Admin)
	s.handle(http.MethodPost, "/admin/roster/preview", s.previewRoster, auth.Admin)
	s.handle(http.MethodPost, "/admin/roster/apply", s.applyRoster, auth.Admin)
	s.handle(http.MethodPost, "/api/v1/roster", s.importRosterAPI, auth.Scope(auth.ScopeRosterWrite))
}
