package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/static"
)

// How long a request waits for a slot by default (waiting costs a
// goroutine and an unread socket, not a parsed form), and what a client is
// told to wait when none frees up.
const (
	DefaultActiveWait = 10 * time.Second
	retryAfter        = 5 * time.Second
)

var errBusy = echo.NewHTTPError(http.StatusServiceUnavailable,
	"devpulse is busy right now. Nothing you sent was saved or lost; try again in a few seconds.")

var errDatabaseDown = echo.NewHTTPError(http.StatusServiceUnavailable,
	"devpulse cannot reach its database right now. Nothing you sent was lost; try again in a few seconds.")

// limitActive bounds the requests doing work at once (DEVPULSE_MAX_ACTIVE).
// Past it a request waits up to Deps.ActiveWait for a slot, then gets 503 with
// Retry-After: a burst of respondents, or every client retrying at once
// after a database restart, then queues in the clients, not as parsed
// forms and rendered pages in this process's memory. Static files and
// health checks are cheap and never wait.
func (s *Server) limitActive() echo.MiddlewareFunc {
	slots := make(chan struct{}, s.deps.Config.Active())
	wait := s.deps.ActiveWait
	if wait <= 0 {
		wait = DefaultActiveWait
	}
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			p := c.Request().URL.Path
			if strings.HasPrefix(p, static.Prefix) || p == "/healthz" || p == "/readyz" {
				return next(c)
			}
			select {
			case slots <- struct{}{}:
			default:
				t := time.NewTimer(wait)
				select {
				case slots <- struct{}{}:
					t.Stop()
				case <-t.C:
					return errBusy
				case <-c.Request().Context().Done():
					t.Stop()
					return c.Request().Context().Err()
				}
			}
			defer func() { <-slots }()
			return next(c)
		}
	}
}

// setRetryAfter tells a client refused with 503 when to try again.
func setRetryAfter(c echo.Context) {
	c.Response().Header().Set("Retry-After", strconv.Itoa(int(retryAfter.Seconds())))
}
