package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/survey"
	adminview "github.com/devpulse/devpulse/templates/admin"
)

// newQuestion shows the form that adds a question to a section.
func (s *Server) newQuestion(c echo.Context) error {
	o, err := s.outlineParam(c)
	if err != nil {
		return err
	}
	if !o.Snapshot.Editable() {
		return survey.ErrFrozen
	}
	form := adminview.SnapshotQuestionView{
		Kind: string(survey.KindRating), Section: c.QueryParam("section"), Required: true,
		MaxLength: strconv.Itoa(survey.DefaultTextLength),
	}
	if form.Section == "" && len(o.Sections) > 0 {
		form.Section = strconv.FormatInt(o.Sections[len(o.Sections)-1].ID, 10)
	}
	return s.renderQuestionForm(c, http.StatusOK, o, form)
}

// editQuestion shows the form that changes a question.
func (s *Server) editQuestion(c echo.Context) error {
	o, q, err := s.snapshotQuestion(c)
	if err != nil {
		return err
	}
	if !o.Snapshot.Editable() {
		return survey.ErrFrozen
	}
	return s.renderQuestionForm(c, http.StatusOK, o, questionForm(q))
}

// createQuestion adds a question at the end of its section.
func (s *Server) createQuestion(c echo.Context) error {
	o, err := s.outlineParam(c)
	if err != nil {
		return err
	}
	return s.saveQuestion(c, o, survey.Question{SnapshotID: o.Snapshot.ID})
}

// updateQuestion saves a changed question.
func (s *Server) updateQuestion(c echo.Context) error {
	o, q, err := s.snapshotQuestion(c)
	if err != nil {
		return err
	}
	return s.saveQuestion(c, o, q)
}

// saveQuestion reads the question form over q and stores it. Bad input or
// a frozen snapshot re-renders the form as entered.
func (s *Server) saveQuestion(c echo.Context, o survey.Outline, q survey.Question) error {
	form := adminview.SnapshotQuestionView{
		QuestionID: q.ID, Section: c.FormValue("section"), Kind: c.FormValue("kind"),
		Prompt: c.FormValue("prompt"), Help: c.FormValue("help"), Required: c.FormValue("required") != "",
		Driver: c.FormValue("driver"), Choices: c.FormValue("choices"), Categories: c.FormValue("categories"),
		Min: c.FormValue("min"), Max: c.FormValue("max"), Unit: c.FormValue("unit"),
		MaxLength: c.FormValue("max_length"), Roles: c.FormValue("audience_roles"),
		Translations: postedTranslations(c, survey.TrQuestion),
	}
	errs := applyQuestionForm(&q, form)
	if len(errs) > 0 {
		for field, msg := range q.Validate() {
			if errs[field].ID == "" {
				errs[field] = msg
			}
		}
		form.Errors = errs.In(c.Request().Context())
		return s.renderQuestionForm(c, http.StatusUnprocessableEntity, o, form)
	}
	err := s.surveys.SaveQuestion(c.Request().Context(), &q, principal(c).Actor())
	if fe, ok := asProblems(err); ok {
		form.Errors = fe.In(c.Request().Context())
		return s.renderQuestionForm(c, http.StatusUnprocessableEntity, o, form)
	}
	if err == nil {
		err = s.saveTranslations(c, survey.TrQuestion, q.ID)
	}
	if errors.Is(err, survey.ErrFrozen) {
		form.Notice = i18n.T(c.Request().Context(), "admin.question.frozen")
		return s.renderQuestionForm(c, http.StatusConflict, o, form)
	}
	if err != nil {
		return err
	}
	msg := i18n.T(c.Request().Context(), "admin.flash.question_added")
	if form.Editing() {
		msg = i18n.T(c.Request().Context(), "admin.flash.question_saved")
	}
	return s.redirectWith(c, fmt.Sprintf("/admin/snapshots/%d#q-%d", o.Snapshot.ID, q.ID), flashOK, msg)
}

// deleteQuestion removes a question.
func (s *Server) deleteQuestion(c echo.Context) error {
	o, q, err := s.snapshotQuestion(c)
	if err != nil {
		return err
	}
	if err := s.surveys.DeleteQuestion(c.Request().Context(), q.ID, principal(c).Actor()); err != nil {
		return err
	}
	return s.redirectWith(c, fmt.Sprintf("/admin/snapshots/%d#s-%d", o.Snapshot.ID, q.SectionID), flashOK, i18n.T(c.Request().Context(), "admin.flash.question_deleted"))
}

// moveQuestion moves a question one place up or down in its section.
func (s *Server) moveQuestion(c echo.Context) error {
	o, q, err := s.snapshotQuestion(c)
	if err != nil {
		return err
	}
	if err := s.surveys.MoveQuestion(c.Request().Context(), q.ID, direction(c)); err != nil {
		return err
	}
	return s.redirectWith(c, fmt.Sprintf("/admin/snapshots/%d#q-%d", o.Snapshot.ID, q.ID), "", "")
}

// snapshotQuestion loads the snapshot and the question the route names;
// a question of another snapshot is not found.
func (s *Server) snapshotQuestion(c echo.Context) (survey.Outline, survey.Question, error) {
	o, err := s.outlineParam(c)
	if err != nil {
		return survey.Outline{}, survey.Question{}, err
	}
	qid, err := pathID(c, "question")
	if err != nil {
		return survey.Outline{}, survey.Question{}, err
	}
	q, err := s.surveys.Question(c.Request().Context(), qid)
	if err != nil {
		return survey.Outline{}, survey.Question{}, err
	}
	if q.SnapshotID != o.Snapshot.ID {
		return survey.Outline{}, survey.Question{}, survey.ErrNotFound
	}
	return o, q, nil
}

// direction reads the move buttons: -1 for up, +1 for down.
func direction(c echo.Context) int {
	if c.FormValue("direction") == "up" {
		return -1
	}
	return 1
}

func (s *Server) renderQuestionForm(c echo.Context, status int, o survey.Outline, form adminview.SnapshotQuestionView) error {
	drivers, err := s.surveys.Drivers(c.Request().Context(), true)
	if err != nil {
		return err
	}
	if form.Translations == nil {
		if form.Translations, err = s.storedTranslations(c.Request().Context(), survey.TrQuestion, form.QuestionID); err != nil {
			return err
		}
	}
	form.SnapshotID, form.SnapshotTitle = o.Snapshot.ID, o.Snapshot.Title
	for _, sec := range o.Sections {
		form.Sections = append(form.Sections, adminview.SnapshotOption{Value: strconv.FormatInt(sec.ID, 10), Label: sec.Title})
	}
	for _, k := range survey.Kinds() {
		form.Kinds = append(form.Kinds, adminview.SnapshotOption{Value: string(k.Kind()), Label: kindLabel(c.Request().Context(), k.Kind())})
	}
	for _, d := range drivers {
		id := strconv.FormatInt(d.ID, 10)
		switch {
		case !d.Retired():
			form.Drivers = append(form.Drivers, adminview.SnapshotOption{Value: id, Label: d.Name + " (" + d.Category + ")"})
		case id == form.Driver: // a question keeps its retired driver
			form.Drivers = append(form.Drivers, adminview.SnapshotOption{Value: id, Label: d.Name + " (retired)"})
		}
	}
	return s.render(c, status, adminview.SnapshotQuestionPage(form))
}

// asProblems is err's messages by field when it is a definition's
// validation error.
func asProblems(err error) (survey.Problems, bool) {
	var fe survey.Problems
	if errors.As(err, &fe) {
		return fe, true
	}
	return nil, false
}
