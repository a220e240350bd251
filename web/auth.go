package web

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/static"
)

// sessionCookie holds the random session token; the database holds its hash.
const sessionCookie = "devpulse_session"

const principalKey = "principal"

// loadPrincipal finds who is asking: the person a session cookie signs in.
// An invalid or expired cookie is cleared; the request goes on anonymously.
func (s *Server) loadPrincipal(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if isInfraPath(c.Request().URL.Path) {
			return next(c)
		}
		ctx := c.Request().Context()
		if bearer, ok := strings.CutPrefix(c.Request().Header.Get(echo.HeaderAuthorization), "Bearer "); ok {
			p, err := s.tokens.Principal(ctx, strings.TrimSpace(bearer))
			if errors.Is(err, auth.ErrNoSession) {
				return echo.NewHTTPError(http.StatusUnauthorized, "This token is unknown or revoked.")
			}
			if err != nil {
				return err
			}
			c.Set(principalKey, p)
			return next(c)
		}
		ck, err := c.Cookie(sessionCookie)
		if err != nil || ck.Value == "" {
			return next(c)
		}
		personID, err := s.sessions.Lookup(ctx, ck.Value)
		if errors.Is(err, auth.ErrNoSession) {
			s.clearSessionCookie(c)
			return next(c)
		}
		if err != nil {
			return err
		}
		if err := s.bindCSRF(c, ck.Value); err != nil {
			return err
		}
		p, err := s.sessions.Principal(ctx, personID)
		if errors.Is(err, auth.ErrNoSession) { // deactivated since sign-in
			s.clearSessionCookie(c)
			return next(c)
		}
		if err != nil {
			return err
		}
		c.Set(principalKey, p)
		return next(c)
	}
}

// principal returns who is asking, or nil when nobody is signed in.
func principal(c echo.Context) *auth.Principal {
	p, _ := c.Get(principalKey).(*auth.Principal)
	return p
}

// handle registers a route with the rule that guards it. Every route goes
// through here, so the route x role test sees every rule.
func (s *Server) handle(method, path string, h echo.HandlerFunc, rule auth.Rule) {
	s.rules[method+" "+path] = rule
	guarded := func(c echo.Context) error {
		p := principal(c)
		if rule.Allow(p, c) {
			return h(c)
		}
		if p == nil && !strings.HasPrefix(path, "/api/") {
			if m := c.Request().Method; m == http.MethodGet || m == http.MethodHead {
				return c.Redirect(http.StatusSeeOther, "/login?next="+url.QueryEscape(c.Request().URL.RequestURI()))
			}
			return echo.NewHTTPError(http.StatusUnauthorized, "Sign in first.")
		}
		if p == nil {
			return echo.NewHTTPError(http.StatusUnauthorized, "A bearer token is required.")
		}
		return echo.NewHTTPError(http.StatusForbidden, "You do not have access to this page.")
	}
	s.echo.Add(method, path, guarded)
	if method == http.MethodGet {
		// Load balancers and uptime checks send HEAD: the same answer
		// without its body (net/http drops the body), under the same rule.
		s.echo.Add(http.MethodHead, path, guarded)
	}
}

// startSession signs a person in with a fresh session and cookie.
func (s *Server) startSession(c echo.Context, personID int64) error {
	if ck, err := c.Cookie(sessionCookie); err == nil {
		_ = s.sessions.Delete(c.Request().Context(), ck.Value)
	}
	token, err := s.sessions.Create(c.Request().Context(), personID)
	if err != nil {
		return err
	}
	c.SetCookie(&http.Cookie{
		Name: sessionCookie, Value: token, Path: "/",
		MaxAge:   int(auth.AbsoluteTimeout.Seconds()),
		HttpOnly: true, Secure: s.deps.Config.SecureCookies(), SameSite: http.SameSiteLaxMode,
	})
	// A new session, a new CSRF token: one learnt before sign-in is void.
	s.setCSRFCookie(c, sessionCSRFToken(token))
	return nil
}

func (s *Server) clearSessionCookie(c echo.Context) {
	c.SetCookie(&http.Cookie{
		Name: sessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.deps.Config.SecureCookies(), SameSite: http.SameSiteLaxMode,
	})
}

// signOut ends the session.
func (s *Server) signOut(c echo.Context) error {
	if ck, err := c.Cookie(sessionCookie); err == nil {
		if err := s.sessions.Delete(c.Request().Context(), ck.Value); err != nil {
			return err
		}
	}
	s.clearSessionCookie(c)
	c.SetCookie(&http.Cookie{
		Name: csrfCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.deps.Config.SecureCookies(), SameSite: http.SameSiteLaxMode,
	})
	return c.Redirect(http.StatusSeeOther, "/")
}

// safeNext keeps post-sign-in redirects on this site: a local path and
// query only. Browsers drop tabs and newlines and read a backslash as a
// slash, so "/\t/evil.example" would lead to another host; any control
// character, backslash or leading "//" sends people home instead.
func safeNext(next string) string {
	if next == "" || len(next) > 2000 || next[0] != '/' || strings.HasPrefix(next, "//") || strings.ContainsRune(next, '\\') {
		return "/"
	}
	for _, r := range next {
		if r < 0x20 || r == 0x7f || r == utf8.RuneError {
			return "/"
		}
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || !strings.HasPrefix(u.Path, "/") || strings.HasPrefix(u.Path, "//") {
		return "/"
	}
	return next
}

// isInfraPath reports paths that never need to know who is asking: static
// files and health checks skip the session lookup.
func isInfraPath(p string) bool {
	return strings.HasPrefix(p, static.Prefix) || p == "/healthz" || p == "/readyz"
}
