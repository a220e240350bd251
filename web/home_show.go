package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/templates/pages"
)

// showHome shows the landing page.
func (s *Server) showHome(c echo.Context) error {
	return s.render(c, http.StatusOK, pages.Landing())
}
