package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/input"
)

// flashCookie carries a one-time message across the redirect after a
// successful POST ("Saved changes to ...").
const flashCookie = "devpulse_flash"

// maxFlashBytes bounds a flash message: it may quote what someone typed
// (a title, a name), and a cookie header must stay small.
const maxFlashBytes = 300

// setFlash stores a message for the next page this browser shows.
func (s *Server) setFlash(c echo.Context, msg string) {
	c.SetCookie(&http.Cookie{
		Name: flashCookie, Value: url.QueryEscape(input.Truncate(msg, maxFlashBytes)), Path: "/", MaxAge: 60,
		HttpOnly: true, Secure: s.deps.Config.SecureCookies(), SameSite: http.SameSiteLaxMode,
	})
}

// takeFlash returns the pending message, if any, and clears it.
func (s *Server) takeFlash(c echo.Context) string {
	ck, err := c.Cookie(flashCookie)
	if err != nil || ck.Value == "" {
		return ""
	}
	c.SetCookie(&http.Cookie{
		Name: flashCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.deps.Config.SecureCookies(), SameSite: http.SameSiteLaxMode,
	})
	msg, err := url.QueryUnescape(ck.Value)
	if err != nil {
		return ""
	}
	return msg
}

// seeOther ends a successful POST: a 303 to target, or HX-Redirect for htmx.
func seeOther(c echo.Context, target string) error {
	if isHTMX(c) {
		c.Response().Header().Set("HX-Redirect", target)
		return c.NoContent(http.StatusNoContent)
	}
	return c.Redirect(http.StatusSeeOther, target)
}

// Flash kinds, which are also the suffix of their CSS class (flash-ok, ...).
const (
	flashOK    = "ok"
	flashError = "error"
)

// flashErrorMark starts a flash message that reports a refusal rather
// than a success.
const flashErrorMark = "!"

// takeFlashKind returns the pending message, if any, with its kind.
func (s *Server) takeFlashKind(c echo.Context) (kind, msg string) {
	msg = s.takeFlash(c)
	switch {
	case msg == "":
		return "", ""
	case strings.HasPrefix(msg, flashErrorMark):
		return flashError, strings.TrimPrefix(msg, flashErrorMark)
	}
	return flashOK, msg
}

// redirectWith ends a POST with a message of a kind for the next page
// (none when message is empty) and a 303 to target.
func (s *Server) redirectWith(c echo.Context, target, kind, message string) error {
	switch {
	case message == "":
	case kind == flashError:
		s.setFlash(c, flashErrorMark+message)
	default:
		s.setFlash(c, message)
	}
	return seeOther(c, target)
}
