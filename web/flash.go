package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"
)

// flashCookie carries a one-time message across the redirect after a
// successful POST (post, redirect, get). It holds only text we wrote.
const flashCookie = "devpulse_flash"

// Flash kinds, which are also the suffix of the CSS class (flash-ok, ...).
const (
	flashOK    = "ok"
	flashError = "error"
)

// flash is a message shown once at the top of the next page.
type flash struct {
	Kind    string
	Message string
}

// setFlash stores a message for the next page this browser loads.
func (s *Server) setFlash(c echo.Context, kind, message string) {
	c.SetCookie(&http.Cookie{
		Name: flashCookie, Value: url.QueryEscape(kind + ":" + message), Path: "/", MaxAge: 60,
		HttpOnly: true, Secure: s.deps.Config.SecureCookies(), SameSite: http.SameSiteLaxMode,
	})
}

// popFlash returns the pending message, if any, and clears it.
func (s *Server) popFlash(c echo.Context) flash {
	ck, err := c.Cookie(flashCookie)
	if err != nil || ck.Value == "" {
		return flash{}
	}
	c.SetCookie(&http.Cookie{
		Name: flashCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.deps.Config.SecureCookies(), SameSite: http.SameSiteLaxMode,
	})
	raw, err := url.QueryUnescape(ck.Value)
	if err != nil {
		return flash{}
	}
	kind, msg, ok := strings.Cut(raw, ":")
	if !ok || (kind != flashOK && kind != flashError) {
		return flash{}
	}
	return flash{Kind: kind, Message: msg}
}

// redirectWith sets a flash message and sends the browser to target with
// 303, or tells htmx to go there.
func (s *Server) redirectWith(c echo.Context, target, kind, message string) error {
	if message != "" {
		s.setFlash(c, kind, message)
	}
	if isHTMX(c) {
		c.Response().Header().Set("HX-Redirect", target)
		return c.NoContent(http.StatusNoContent)
	}
	return c.Redirect(http.StatusSeeOther, target)
}
