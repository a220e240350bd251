package web

import (
	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/i18n"
)

// setChannel stores how the signed-in person prefers to be reached: the
// channel of survey invitations and reminders ("" for whatever is set up,
// "email" or "slack"), and, when the form has it, the language they read
// devpulse and its messages in ("" for their browser's).
func (s *Server) setChannel(c echo.Context) error {
	ctx := c.Request().Context()
	personID := principal(c).PersonID
	if err := s.dir.SetNotifyChannel(ctx, personID, c.FormValue("channel")); err != nil {
		return err
	}
	lang, ok := c.Request().PostForm["language"]
	if ok {
		if err := s.dir.SetLanguage(ctx, personID, lang[0]); err != nil {
			return err
		}
		// The confirmation is read in the language just chosen.
		useLanguage(c, lang[0])
	}
	s.setFlash(c, i18n.T(c.Request().Context(), "home.saved"))
	return seeOther(c, "/")
}
