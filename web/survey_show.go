package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/responses"
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
	useLanguage(c, a.person.Language) // nobody is signed in: the link says who
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
		ctx := c.Request().Context()
		return s.render(c, http.StatusOK, respond.NotOpen(snap.Title, i18n.T(ctx, "respond.nothing.title"),
			i18n.T(ctx, "respond.nothing.message")))
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
		return s.render(c, http.StatusOK, respond.Done(snap.Title, closesText(c.Request().Context(), snap), a.base+"?section=1"))
	}
	answers, resp, err := s.savedAnswers(c, a)
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

// savedAnswers reads what the person has answered so far; a first visit
// by personal link reads nothing.
func (s *Server) savedAnswers(c echo.Context, a answering) (map[int64]survey.Answer, responses.Response, error) {
	if a.unanswered {
		return map[int64]survey.Answer{}, responses.Response{}, nil
	}
	return s.responses.Answers(c.Request().Context(), a.inv, a.outline)
}

// renderSurvey draws section n with saved answers, or with what was just
// sent and what is wrong with it.
func (s *Server) renderSurvey(c echo.Context, status int, a answering, n int, answers map[int64]survey.Answer,
	form url.Values, errs survey.FieldErrors, contactOK bool, problem string) error {
	ctx := c.Request().Context()
	names := map[string]string{}
	var err error
	if survey.OffersDrivers(a.asked[a.sections[n-1].ID]) { // the first page, all ratings, does not
		if names, err = s.surveys.DriverNames(ctx, survey.DriverKeys(a.outline.Questions)); err != nil {
			return err
		}
	}
	if a.loc, err = s.surveys.Localize(ctx, a.outline, i18n.Lang(ctx)); err != nil {
		return err
	}
	for key, name := range names {
		names[key] = a.loc.DriverName(key, name)
	}
	for field, msg := range errs {
		errs[field] = answerText(ctx, msg)
	}
	page := a.page(n, names, answers, form, errs)
	page.ContactOK = contactOK
	snap := a.outline.Snapshot
	v := respond.View{
		Title: snap.Title, Closes: closesText(c.Request().Context(), snap), K: s.deps.Config.K(),
		Page: page, Problem: problem, First: n == 1,
	}
	if status == http.StatusUnprocessableEntity && form == nil {
		v.Missing = a.missing(errs) // a submit that left required questions
	}
	if v.First {
		if err := s.introduce(ctx, &v, a.person.TeamID); err != nil {
			return err
		}
	}
	return s.render(c, status, respond.Survey(v))
}

// introduce fills the first page's introduction: what the person's team
// set out to improve and "you said, we did". Both come from results, so
// before any snapshot has results (a first quarter) one read says there is
// nothing to show.
func (s *Server) introduce(ctx context.Context, v *respond.View, team *int64) error {
	latest, ok, err := s.results.Latest(ctx)
	if err != nil || !ok {
		return err
	}
	if v.WorkingOn, err = s.teamWorkingOn(ctx, team, latest); err != nil {
		return err
	}
	v.YouSaid, err = s.surveyYouSaid(ctx, team)
	return err
}

// surveyClosedPage answers with a clear page when the snapshot is not open
// for answers; blocked reports whether it did.
func (s *Server) surveyClosedPage(c echo.Context, a answering, status int) (blocked bool, err error) {
	snap := a.outline.Snapshot
	loc := snap.Location()
	l := i18n.From(c.Request().Context())
	switch {
	case snap.State == survey.Draft || snap.State == survey.Scheduled:
		msg := l.T("respond.not_open.message")
		if snap.OpensAt != nil {
			msg = l.T("respond.not_open.opens", "Opens", l.DateTime(snap.OpensAt.In(loc)))
		}
		return true, s.render(c, status, respond.NotOpen(snap.Title, l.T("respond.not_open.title"), msg))
	case snap.State != survey.Open || (snap.ClosesAt != nil && !time.Now().Before(*snap.ClosesAt)):
		msg := l.T("respond.closed.message")
		if snap.ClosesAt != nil {
			msg = l.T("respond.closed.at", "Closed", l.DateTime(snap.ClosesAt.In(loc)))
		}
		return true, s.render(c, status, respond.NotOpen(snap.Title, l.T("respond.closed.title"), msg))
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

// closesText is when the survey closes, in the reader's language and the
// snapshot's time zone.
func closesText(ctx context.Context, snap survey.Snapshot) string {
	l := i18n.From(ctx)
	if snap.ClosesAt == nil {
		return l.T("respond.closes_unknown")
	}
	return l.DateTime(snap.ClosesAt.In(snap.Location()))
}

func sectionURL(base string, n int) string { return fmt.Sprintf("%s?section=%d", base, n) }
