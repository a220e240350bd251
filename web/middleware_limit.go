package web

import (
	"context"
	"net/http"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync/atomic"
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
			s.load.active.Add(1)
			defer func() {
				s.load.lastDone.Store(time.Now().UnixNano())
				s.load.active.Add(-1)
				<-slots
			}()
			return next(c)
		}
	}
}

// setRetryAfter tells a client refused with 503 when to try again.
func setRetryAfter(c echo.Context) {
	c.Response().Header().Set("Retry-After", strconv.Itoa(int(retryAfter.Seconds())))
}

// load is what the memory release loop needs to know about requests.
type load struct {
	active   atomic.Int64 // requests holding a slot now
	lastDone atomic.Int64 // when the last one ended, Unix nanoseconds
}

// idleRelease is how long the server must be quiet before it hands the
// memory a burst grew back to the system.
const idleRelease = 10 * time.Second

// releaseIdleMemory returns memory to the system once a burst is over:
// left alone, the runtime keeps the heap a burst grew until the next
// collection, which an idle server does not trigger for minutes. It runs
// until ctx ends.
func (s *Server) releaseIdleMemory(ctx context.Context) {
	tick := time.NewTicker(idleRelease / 2)
	defer tick.Stop()
	var released int64
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		last := s.load.lastDone.Load()
		if last != released && s.load.active.Load() == 0 && time.Since(time.Unix(0, last)) >= idleRelease {
			// The first collection moves pooled objects (gzip writers, page
			// buffers) to the pools' victim caches; the second frees them
			// and FreeOSMemory returns the pages.
			runtime.GC()
			debug.FreeOSMemory()
			released = last
		}
	}
}
