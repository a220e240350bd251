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
		s.csrf(),
		s.loadPrincipal,
	)

	s.handle(http.MethodGet, "/healthz", s.showHealth, auth.Public)
	s.handle(http.MethodGet, "/readyz", s.showReady, auth.Public)
	s.handle(http.MethodGet, static.Prefix+"*", s.serveStatic, auth.Public)

	s.handle(http.MethodGet, "/", s.showHome, auth.Public)
	s.handle(http.MethodPost, "/logout", s.signOut, auth.SignedIn)

	s.handle(http.MethodGet, "/login", s.showLogin, auth.Public)
	s.handle(http.MethodPost, "/login", s.signInPassword, auth.Public)
	s.handle(http.MethodGet, "/auth/oidc/login", s.startOIDC, auth.Public)
	s.handle(http.MethodGet, "/auth/oidc/callback", s.finishOIDC, auth.Public)
	if s.deps.Demo { // the persona sign-in does not exist outside demo mode
		s.handle(http.MethodPost, "/auth/demo", s.signInDemo, auth.Public)
	}
}
