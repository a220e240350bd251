package web

import (
	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/i18n"
)

// setLanguage puts the reader's language on the request's context, for
// pages and messages alike: the signed-in person's setting, else the
// browser's Accept-Language, else English.
func (s *Server) setLanguage(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		var setting string
		if p := principal(c); p.IsPerson() {
			setting = p.Language
		}
		useLanguage(c, setting)
		// Pages differ by the header; no cache may mix them up.
		c.Response().Header().Add(echo.HeaderVary, "Accept-Language")
		return next(c)
	}
}

// useLanguage sets the request's language from a person's setting, falling
// back to the browser's; a personal survey link uses its person's.
func useLanguage(c echo.Context, setting string) {
	r := c.Request()
	lang := i18n.Match(setting, r.Header.Get("Accept-Language"))
	c.SetRequest(r.WithContext(i18n.WithLang(r.Context(), lang)))
}
