package web

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// csrfCookie holds the token forms must echo (Echo's CSRF middleware
// compares the two).
const csrfCookie = "devpulse_csrf"

// sessionCSRFToken is the only CSRF token a session accepts: an HMAC of
// the session's secret token, so it cannot be chosen by a client (a cookie
// planted by a sibling subdomain does not match) and changes with every
// new session, that is at every sign-in.
func sessionCSRFToken(session string) string {
	m := hmac.New(sha256.New, []byte(session))
	m.Write([]byte("devpulse csrf v1"))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// bindCSRF ties the CSRF token to the signed-in session. Echo's middleware
// has already checked that the form's token equals the cookie's; here a
// state-changing request must also carry the session's own token, and a
// page read hands that token out. A request whose Sec-Fetch-Site header
// proved it same-origin needs no token.
func (s *Server) bindCSRF(c echo.Context, session string) error {
	if verifiedByHandler(c.Request().URL.Path) {
		return nil // signed, or checked by origin, in the handler
	}
	token, _ := c.Get(middleware.DefaultCSRFConfig.ContextKey).(string)
	if token == middleware.CSRFUsingSecFetchSite {
		return nil
	}
	want := sessionCSRFToken(session)
	switch c.Request().Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		if token != want {
			s.setCSRFCookie(c, want)
		}
		return nil
	}
	if subtle.ConstantTimeCompare([]byte(token), []byte(want)) != 1 {
		return errCSRF
	}
	return nil
}

// setCSRFCookie hands out a new token, for this page's forms and the next.
func (s *Server) setCSRFCookie(c echo.Context, token string) {
	c.Set(middleware.DefaultCSRFConfig.ContextKey, token)
	c.SetCookie(&http.Cookie{
		Name: csrfCookie, Value: token, Path: "/", MaxAge: csrfMaxAge,
		HttpOnly: true, Secure: s.deps.Config.SecureCookies(), SameSite: http.SameSiteLaxMode,
	})
}
