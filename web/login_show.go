package web

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/templates/login"
)

// showLogin offers every sign-in method configured: single sign-on, the
// password form (always, for bootstrap admins) and, in demo mode, the
// persona picker. Someone already signed in goes on to where they were going.
func (s *Server) showLogin(c echo.Context) error {
	next := safeNext(c.QueryParam("next"))
	if principal(c).IsPerson() {
		return c.Redirect(http.StatusSeeOther, next)
	}
	return s.renderLogin(c, http.StatusOK, login.View{Next: next})
}

// renderLogin fills in what every rendering of the sign-in page needs:
// whether single sign-on works, and the personas in demo mode.
func (s *Server) renderLogin(c echo.Context, status int, v login.View) error {
	if s.oidc != nil {
		v.SSO = true
		v.SSOURL = "/auth/oidc/login?next=" + url.QueryEscape(v.Next)
		if _, err := s.oidc.Discover(c.Request().Context()); err != nil {
			s.logOIDCUnavailable(c, err)
			v.SSOUnavailable = true
		}
	}
	if s.deps.Demo {
		if err := s.loadPersonas(c, &v); err != nil {
			return err
		}
	}
	return s.render(c, status, login.Page(v))
}

// logOIDCUnavailable logs a failed discovery once per attempt; the retry
// pause in between answers without a new attempt and logs nothing.
func (s *Server) logOIDCUnavailable(c echo.Context, err error) {
	var de *auth.DiscoveryError
	if errors.As(err, &de) {
		s.deps.Logger.Warn("single sign-on unavailable: provider discovery failed",
			"request_id", c.Response().Header().Get(echo.HeaderXRequestID), "error", de.Err)
	}
}
