package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/directory"
)

// setChannel stores how the signed-in person prefers to get survey
// invitations and reminders: "" (whatever is set up), "email" or "slack".
func (s *Server) setChannel(c echo.Context) error {
	channel := c.FormValue("channel")
	if channel != "" && channel != "email" && channel != "slack" {
		return echo.NewHTTPError(http.StatusUnprocessableEntity, "Choose email, Slack, or whatever works.")
	}
	p := principal(c)
	err := s.deps.DB.WithContext(c.Request().Context()).Model(&directory.Person{}).
		Where("id = ?", p.PersonID).Update("notify_channel", channel).Error
	if err != nil {
		return err
	}
	s.setFlash(c, "Saved how we reach you.")
	return seeOther(c, "/")
}
