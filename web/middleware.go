package web

import (
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"github.com/devpulse/devpulse/static"
)

// contentSecurityPolicy allows nothing from other hosts and no inline
// script: every script is a file under /static.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

// securityHeaders sets the headers every response carries.
func (s *Server) securityHeaders() echo.MiddlewareFunc {
	hsts := s.deps.Config.SecureCookies()
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			h := c.Response().Header()
			h.Set("Content-Security-Policy", contentSecurityPolicy)
			h.Set("X-Content-Type-Options", "nosniff")
			h.Set("X-Frame-Options", "DENY")
			h.Set("Referrer-Policy", "same-origin")
			h.Set("Cross-Origin-Opener-Policy", "same-origin")
			h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
			if hsts {
				h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
			}
			if !strings.HasPrefix(c.Request().URL.Path, static.Prefix) {
				// Pages show people's results, exports and admin data: no
				// browser or proxy may keep a copy. Static files set their own.
				h.Set("Cache-Control", "no-store")
			}
			return next(c)
		}
	}
}

// csrfMaxAge is how long a CSRF cookie lives, in seconds.
const csrfMaxAge = 7 * 24 * 3600

// csrf checks a token on every state-changing request from a browser. The
// JSON API under /api authenticates with bearer tokens, not cookies, so a
// forged cross-site request carries no credentials there.
func (s *Server) csrf() echo.MiddlewareFunc {
	return middleware.CSRFWithConfig(middleware.CSRFConfig{
		Skipper: func(c echo.Context) bool {
			p := c.Request().URL.Path
			return strings.HasPrefix(p, "/api/") || strings.HasPrefix(p, static.Prefix) || verifiedByHandler(p)
		},
		TokenLookup:    "header:" + echo.HeaderXCSRFToken + ",form:_csrf",
		CookieName:     csrfCookie,
		CookiePath:     "/",
		CookieMaxAge:   csrfMaxAge,
		CookieHTTPOnly: true,
		CookieSecure:   s.deps.Config.SecureCookies(),
		CookieSameSite: http.SameSiteLaxMode,
		ErrorHandler: func(err error, c echo.Context) error {
			return errCSRF
		},
	})
}

// accessLog writes one line per request. It logs the route pattern, never
// the raw path or query, and no client address: a survey link carries a
// personal token, and logs must not tie an answer to a person.
func (s *Server) accessLog() echo.MiddlewareFunc {
	log := s.deps.Logger
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			start := time.Now()
			err := next(c)
			if err != nil {
				c.Error(err)
			}
			path := c.Path()
			if path == "" {
				path = "(no route)"
			}
			status := c.Response().Status
			level := slog.LevelInfo
			if status >= 500 {
				level = slog.LevelError
			}
			if !log.Enabled(c.Request().Context(), level) {
				return nil // at DEVPULSE_LOG_LEVEL=warn, build no line that is dropped
			}
			log.LogAttrs(c.Request().Context(), level, "request",
				slog.String("request_id", c.Response().Header().Get(echo.HeaderXRequestID)),
				slog.String("method", c.Request().Method),
				slog.String("route", path),
				slog.Int("status", status),
				slog.Int64("bytes", c.Response().Size),
				slog.Duration("duration", time.Since(start)),
			)
			return nil
		}
	}
}

// logPanic records a recovered panic once, with the request ID; the error
// handler then shows a 500 page.
func (s *Server) logPanic(c echo.Context, err error, stack []byte) error {
	s.deps.Logger.Error("panic",
		"request_id", c.Response().Header().Get(echo.HeaderXRequestID),
		"error", err, "stack", string(stack))
	return errPanic
}
