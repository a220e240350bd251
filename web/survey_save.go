package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/responses"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/templates/respond"
	surveyview "github.com/devpulse/devpulse/templates/survey"
)

func (s *Server) saveSurveyByLink(c echo.Context) error { return s.withLink(c, s.saveSurvey) }

func (s *Server) saveSurveySignedIn(c echo.Context) error { return s.withSession(c, s.saveSurvey) }

func (s *Server) autosaveSurveyByLink(c echo.Context) error { return s.withLink(c, s.autosaveSurvey) }

func (s *Server) autosaveSurveySignedIn(c echo.Context) error {
	return s.withSession(c, s.autosaveSurvey)
}

// postedSection is the section a form was sent from, within range.
func postedSection(c echo.Context, a answering) int {
	n, _ := strconv.Atoi(c.FormValue("section"))
	return max(1, min(n, len(a.sections)))
}

// saveSurvey stores a section's answers, then moves on: to the previous or
// next section, or submits. The form may also carry answers to other
// sections' questions (the whole survey in one request). Answers that are
// wrong come back next to their fields with everything else kept.
// Submitting again (a double click, a retry, a second tab) keeps one
// response.
func (s *Server) saveSurvey(c echo.Context, a answering) error {
	if blocked, err := s.surveyClosedPage(c, a, http.StatusConflict); blocked {
		return err
	}
	n := postedSection(c, a)
	form, err := c.FormParams()
	if err != nil {
		return err
	}
	contactOK := form.Get("contact_ok") == "yes"
	questions := a.posted(n, form)
	if form.Get("go") == "submit" {
		return s.submitSurvey(c, a, n, questions, form, contactOK)
	}
	errs, err := s.responses.Save(c.Request().Context(), a.inv, a.outline, questions, form)
	if err != nil {
		return s.answerError(c, a, err)
	}
	if len(errs) > 0 {
		return s.invalidAnswers(c, a, n, form, errs, contactOK)
	}
	switch form.Get("go") {
	case "prev":
		return seeOther(c, sectionURL(a.base, max(1, n-1)))
	case "next":
		return seeOther(c, sectionURL(a.base, min(len(a.sections), n+1)))
	}
	return seeOther(c, sectionURL(a.base, n))
}

// submitSurvey saves what was sent and submits the whole response; a
// small thank-you page follows.
func (s *Server) submitSurvey(c echo.Context, a answering, n int, questions []survey.Question, form url.Values, contactOK bool) error {
	ctx := c.Request().Context()
	res, err := s.responses.SaveAndSubmit(ctx, a.inv, a.outline, questions, form, a.person, contactOK)
	if err != nil {
		return s.answerError(c, a, err)
	}
	if len(res.Invalid) > 0 {
		return s.invalidAnswers(c, a, n, form, res.Invalid, contactOK)
	}
	if len(res.Missing) == 0 {
		return seeOther(c, a.base+"?done=1")
	}
	// Show the first section with a required question left empty.
	answers, _, err := s.responses.Answers(ctx, a.inv, a.outline)
	if err != nil {
		return err
	}
	return s.renderSurvey(c, http.StatusUnprocessableEntity, a, a.firstSection(n, res.Missing), answers, nil, res.Missing, contactOK,
		i18n.T(ctx, "respond.problem.missing"))
}

// invalidAnswers shows the first section with an answer that was not
// accepted, with what was sent.
func (s *Server) invalidAnswers(c echo.Context, a answering, n int, form url.Values, errs survey.FieldErrors, contactOK bool) error {
	answers, _, err := s.responses.Answers(c.Request().Context(), a.inv, a.outline)
	if err != nil {
		return err
	}
	return s.renderSurvey(c, http.StatusUnprocessableEntity, a, a.firstSection(n, errs), answers, form, errs, contactOK,
		i18n.T(c.Request().Context(), "respond.problem.invalid"))
}

// autosaveSurvey saves a section as it is filled in (htmx). It answers with
// a status line and each question's message, updated in place.
func (s *Server) autosaveSurvey(c echo.Context, a answering) error {
	ctx := c.Request().Context()
	n := postedSection(c, a)
	form, err := c.FormParams()
	if err != nil {
		return err
	}
	errs, err := s.responses.Save(ctx, a.inv, a.outline, a.asked[a.sections[n-1].ID], form)
	if errors.Is(err, responses.ErrClosed) || errors.Is(err, responses.ErrNotOpen) {
		return s.render(c, http.StatusOK, respond.SaveStatus(i18n.T(ctx, "respond.status.not_open"), nil))
	}
	if err != nil {
		return err
	}
	l := i18n.From(ctx)
	status := l.T("respond.status.saved", "Time", l.Time(time.Now().In(a.outline.Snapshot.Location())))
	if len(errs) > 0 {
		status = l.T("respond.status.invalid")
	}
	var notes []surveyview.Question
	for _, q := range a.asked[a.sections[n-1].ID] {
		notes = append(notes, surveyview.Question{ID: q.ID, Error: answerText(ctx, errs[survey.FieldName(q)])})
	}
	return s.render(c, http.StatusOK, respond.SaveStatus(status, notes))
}

// answerError turns a snapshot that closed meanwhile into its clear page.
func (s *Server) answerError(c echo.Context, a answering, err error) error {
	if errors.Is(err, responses.ErrClosed) || errors.Is(err, responses.ErrNotOpen) {
		_, rerr := s.surveyClosedPage(c, a, http.StatusConflict)
		return rerr
	}
	return err
}
