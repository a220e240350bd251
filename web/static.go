package web

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/static"
)

// serveStatic serves an embedded file. The URL carries the file's content
// hash, so the current version may be cached for a year; a stale hash still
// gets the file but must not be cached.
func (s *Server) serveStatic(c echo.Context) error {
	name, current, ok := s.deps.Assets.Resolve(strings.TrimPrefix(c.Request().URL.Path, static.Prefix))
	if !ok {
		return echo.ErrNotFound
	}
	if current {
		c.Response().Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		c.Response().Header().Set("Cache-Control", "no-cache")
	}
	http.ServeFileFS(c.Response(), c.Request(), s.deps.Assets.FS, name)
	return nil
}

// favicon answers browsers and tools that ask for /favicon.ico before (or
// without) reading a page's icon link: the logo, so no visit logs a 404.
func (s *Server) favicon(c echo.Context) error {
	c.Response().Header().Set("Cache-Control", "public, max-age=86400")
	c.Response().Header().Set(echo.HeaderContentType, "image/svg+xml")
	http.ServeFileFS(c.Response(), c.Request(), s.deps.Assets.FS, "img/logo.svg")
	return nil
}
