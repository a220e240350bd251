package web

import (
	"github.com/labstack/echo/v4"
)

// setChannel stores how the signed-in person prefers to get survey
// invitations and reminders: "" (whatever is set up), "email" or "slack".
func (s *Server) setChannel(c echo.Context) error {
	err := s.dir.SetNotifyChannel(c.Request().Context(), principal(c).PersonID, c.FormValue("channel"))
	if err != nil {
		return err
	}
	s.setFlash(c, "Saved how we reach you.")
	return seeOther(c, "/")
}
