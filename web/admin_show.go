package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/templates/pages"
)

// showAdmin is the admin index: a card per admin area.
func (s *Server) showAdmin(c echo.Context) error {
	return s.render(c, http.StatusOK, pages.AdminIndex(adminSections))
}
