package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"
)

// revokeToken stops an API token from working and goes back to the list.
func (s *Server) revokeToken(c echo.Context) error {
	id, err := pathID(c, "token")
	if err != nil {
		return err
	}
	t, err := s.tokens.RevokeAudited(c.Request().Context(), s.audit, principal(c).Actor(), id)
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/admin/tokens?revoked="+strconv.FormatInt(t.ID, 10))
}
