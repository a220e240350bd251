package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/auth"
)

// revokeToken stops an API token from working and goes back to the list.
func (s *Server) revokeToken(c echo.Context) error {
	id, err := strconv.ParseInt(c.Param("token"), 10, 64)
	if err != nil {
		return echo.ErrNotFound
	}
	t, err := s.tokens.RevokeAudited(c.Request().Context(), s.audit, principal(c).Actor(), id)
	if errors.Is(err, auth.ErrTokenNotFound) {
		return echo.ErrNotFound
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/admin/tokens?revoked="+strconv.FormatInt(t.ID, 10))
}
