package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/templates/respond"
)

// The survey a respondent answers, by personal link (/s/TOKEN, no account
// needed) or signed in (/surveys/ID). Both share these handlers.

func (s *Server) showSurveyByLink(c echo.Context) error {
	return s.withLink(c, s.showSurvey)
}

func (s *Server) showSurveySignedIn(c echo.Context) error {
	return s.withSession(c, s.showSurvey)
}

func (s *Server) withLink(c echo.Context, fn func(echo.Context, answering) error) error {
	a, err := s.answeringByToken(c)
	if err != nil {
		return err
	}
	return s.answer(c, a, fn)
}

func (s *Server) withSession(c echo.Context, fn func(echo.Context, answering) error) error {
	a, err := s.answeringBySession(c)
	if err != nil {
		return err
	}
	return s.answer(c, a, fn)
}

// answer runs fn unless the person has nothing to answer: every question
// may be limited to other job roles.
func (s *Server) answer(c echo.Context, a answering, fn func(echo.Context, answering) error) error {
	if len(a.sections) == 0 {
		snap := a.outline.Snapshot
		return s.render(c, http.StatusOK, respond.NotOpen(snap.Title, "Nothing to answer",
			"This survey has no questions for your role. Thank you all the same."))
	}
	return fn(c, a)
}

// showSurvey shows a section: the one asked for, or where the person left off.
func (s *Server) showSurvey(c echo.Context, a answering) error {
	if blocked, err := s.surveyClosedPage(c, a, http.StatusOK); blocked {
		return err
	}
	if c.QueryParam("done") == "1" && a.inv.Submitted {
		snap := a.outline.Snapshot
		return s.render(c, http.StatusOK, respond.Done(snap.Title, closesText(snap), a.base+"?section=1"))
	}
	answers, resp, err := s.responses.Answers(c.Request().Context(), a.inv, a.outline)
	if err != nil {
		return err
	}
	n, err := strconv.Atoi(c.QueryParam("section"))
	if err != nil {
		n = a.resumeAt(answers)
	}
	n = max(1, min(n, len(a.sections)))
	return s.renderSurvey(c, http.StatusOK, a, n, answers, nil, nil, resp.ContactOK, "")
}

// renderSurvey draws section n with saved answers, or with what was just
// sent and what is wrong with it.
func (s *Server) renderSurvey(c echo.Context, status int, a answering, n int, answers map[int64]survey.Answer,
	form url.Values, errs survey.FieldErrors, contactOK bool, problem string) error {
	names, err := s.surveys.DriverNames(c.Request().Context(), survey.DriverKeys(a.outline.Questions))
	if err != nil {
		return err
	}
	page := a.page(n, names, answers, form, errs)
	page.ContactOK = contactOK
	snap := a.outline.Snapshot
	v := respond.View{
		Title: snap.Title, Closes: closesText(snap), K: s.deps.Config.K(),
		Page: page, Problem: problem, First: n == 1,
	}
	if status == http.StatusUnprocessableEntity && form == nil {
		v.Missing = a.missing(errs) // a submit that left required questions
	}
	if v.First {
		if v.WorkingOn, err = s.teamWorkingOn(c.Request().Context(), a.person.TeamID); err != nil {
			return err
		}
		if v.YouSaid, err = s.surveyYouSaid(c.Request().Context(), a.person.TeamID); err != nil {
			return err
		}
	}
	return s.render(c, status, respond.Survey(v))
}

// surveyClosedPage answers with a clear page when the snapshot is not open
// for answers; blocked reports whether it did.
func (s *Server) surveyClosedPage(c echo.Context, a answering, status int) (blocked bool, err error) {
	snap := a.outline.Snapshot
	loc := snap.Location()
	switch {
	case snap.State == survey.Draft || snap.State == survey.Scheduled:
		msg := "This survey is not open yet."
		if snap.OpensAt != nil {
			msg = "This survey opens " + snap.OpensAt.In(loc).Format("Monday 2 January at 15:04 MST") + ". Your link will work from then."
		}
		return true, s.render(c, status, respond.NotOpen(snap.Title, "Not open yet", msg))
	case snap.State != survey.Open || (snap.ClosesAt != nil && !time.Now().Before(*snap.ClosesAt)):
		msg := "This survey has closed, so answers can no longer be changed. Thank you for your time."
		if snap.ClosesAt != nil {
			msg = "This survey closed " + snap.ClosesAt.In(loc).Format("Monday 2 January at 15:04 MST") + ", so answers can no longer be changed. Thank you for your time."
		}
		return true, s.render(c, status, respond.NotOpen(snap.Title, "This survey has closed", msg))
	}
	return false, nil
}

func (s *Server) driverNames(c echo.Context) (map[string]string, error) {
	drivers, err := s.surveys.Drivers(c.Request().Context(), true)
	if err != nil {
		return nil, err
	}
	names := make(map[string]string, len(drivers))
	for _, d := range drivers {
		names[d.Key] = d.Name
	}
	return names, nil
}

func closesText(snap survey.Snapshot) string {
	if snap.ClosesAt == nil {
		return "it closes"
	}
	return snap.ClosesAt.In(snap.Location()).Format("Monday 2 January at 15:04 MST")
}

func sectionURL(base string, n int) string { return fmt.Sprintf("%s?section=%d", base, n) }
