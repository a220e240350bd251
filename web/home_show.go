package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/templates/pages"
)

// showHome shows the landing page to visitors and a personal start page to
// people who are signed in.
func (s *Server) showHome(c echo.Context) error {
	p := principal(c)
	if !p.IsPerson() {
		return s.render(c, http.StatusOK, pages.Landing())
	}
	open, err := s.responses.OpenFor(c.Request().Context(), p.PersonID)
	if err != nil {
		return err
	}
	me, err := s.dir.Person(c.Request().Context(), p.PersonID)
	if err != nil {
		return err
	}
	cards, err := s.surveyCards(c.Request().Context(), me, open)
	if err != nil {
		return err
	}
	shared, err := s.sharedResults(c.Request().Context(), me.TeamID)
	if err != nil {
		return err
	}
	mine, err := s.myComments(c.Request().Context(), p.PersonID)
	if err != nil {
		return err
	}
	if shared != nil {
		if shared.Actions, err = s.ownActions(c.Request().Context(), c); err != nil {
			return err
		}
	}
	return s.render(c, http.StatusOK, pages.Home(pages.HomeView{
		Name: p.Name, Admin: p.Admin, Executive: p.Executive, Lead: p.IsLead(), Surveys: cards,
		Channel: me.NotifyChannel, Language: me.Language, Flash: s.takeFlash(c), Results: shared, Comments: mine,
	}))
}
