package web

import (
	"bytes"
	"sync"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"github.com/devpulse/devpulse/templates/layout"
)

// renderBuffers are reused between pages: growing a fresh buffer to a
// survey page's 40 kB for every request showed in the profile.
var renderBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// render writes a templ component with status. It renders into a buffer
// first so a failing template becomes a clean 500, not half a page.
func (s *Server) render(c echo.Context, status int, comp templ.Component) error {
	ctx := layout.WithChrome(c.Request().Context(), s.chrome(c))
	buf := renderBuffers.Get().(*bytes.Buffer)
	buf.Reset()
	defer func() {
		if buf.Cap() <= 2<<20 { // keep no buffer of an unusually large page (the 500-team heatmap is 850 KiB)
			renderBuffers.Put(buf)
		}
	}()
	if err := comp.Render(ctx, buf); err != nil {
		return err
	}
	return c.HTMLBlob(status, buf.Bytes())
}

// chrome builds the page frame for this request.
func (s *Server) chrome(c echo.Context) layout.Chrome {
	token, _ := c.Get(middleware.DefaultCSRFConfig.ContextKey).(string)
	p := principal(c)
	var name string
	if p.IsPerson() {
		name = p.Name
	}
	return layout.Chrome{
		Nav:       navFor(p),
		UserName:  name,
		Asset:     s.deps.Assets.URL,
		CSRFToken: token,
		RequestID: c.Response().Header().Get(echo.HeaderXRequestID),
		Current:   c.Request().URL.Path,
		Demo:      s.deps.Demo,
		Version:   s.deps.Version,
	}
}

// isHTMX reports whether htmx sent the request, so a fragment suffices.
func isHTMX(c echo.Context) bool {
	return c.Request().Header.Get("HX-Request") == "true"
}
