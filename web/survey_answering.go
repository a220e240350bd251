package web

import (
	"fmt"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/responses"
	"github.com/devpulse/devpulse/internal/survey"
	surveyview "github.com/devpulse/devpulse/templates/survey"
)

// answering is one person answering one snapshot, reached by their
// personal link or, signed in, from their home page.
type answering struct {
	inv     responses.Invitation
	person  directory.Person
	outline survey.Outline
	// sections hold only the questions asked of this person, non-empty.
	sections []survey.Section
	asked    map[int64][]survey.Question
	// base is the survey's own address: /s/TOKEN or /surveys/ID.
	base string
	// loc is the snapshot in the respondent's language (renderSurvey sets it).
	loc survey.Localized
	// unanswered is true when the personal link said the invitation had no
	// response yet, so there are no answers to read.
	unanswered bool
}

// answeringByToken finds the invitation of a personal link. An unknown
// token is a plain 404 that reveals nothing.
func (s *Server) answeringByToken(c echo.Context) (answering, error) {
	ctx := c.Request().Context()
	token := c.Param("token")
	link, err := s.responses.OpenLink(ctx, token)
	if err != nil {
		return answering{}, err
	}
	o, err := s.surveys.OutlineOf(ctx, link.Snapshot)
	if err != nil {
		return answering{}, err
	}
	a := newAnswering(link.Invitation, link.Person, o, "/s/"+url.PathEscape(token))
	a.unanswered = !link.Responded
	return a, nil
}

// answeringBySession finds the signed-in person's invitation to a snapshot.
func (s *Server) answeringBySession(c echo.Context) (answering, error) {
	ctx := c.Request().Context()
	snapID, err := pathID(c, "snapshot")
	if err != nil {
		return answering{}, err
	}
	inv, err := s.responses.ForPerson(ctx, snapID, principal(c).PersonID)
	if err != nil {
		return answering{}, err
	}
	person, err := s.dir.Person(ctx, inv.PersonID)
	if err != nil {
		return answering{}, err
	}
	o, err := s.surveys.Outline(ctx, inv.SnapshotID)
	if err != nil {
		return answering{}, err
	}
	return newAnswering(inv, person, o, fmt.Sprintf("/surveys/%d", snapID)), nil
}

func newAnswering(inv responses.Invitation, person directory.Person, o survey.Outline, base string) answering {
	a := answering{inv: inv, person: person, outline: o, base: base, asked: map[int64][]survey.Question{}}
	for _, sec := range o.Sections {
		for _, q := range o.InSection(sec.ID) {
			if q.AskedOf(person.JobRole) {
				a.asked[sec.ID] = append(a.asked[sec.ID], q)
			}
		}
		if len(a.asked[sec.ID]) > 0 {
			a.sections = append(a.sections, sec)
		}
	}
	return a
}

// questions lists every question asked of this person.
func (a answering) questions() []survey.Question {
	var out []survey.Question
	for _, sec := range a.sections {
		out = append(out, a.asked[sec.ID]...)
	}
	return out
}

// posted lists the questions a full-page form answers: every question of
// section n (a field left empty there clears its answer), and any other
// question asked of the person whose field is present, so that one request
// may carry the whole survey.
func (a answering) posted(n int, form url.Values) []survey.Question {
	current := a.sections[n-1].ID
	out := append([]survey.Question(nil), a.asked[current]...)
	for _, sec := range a.sections {
		if sec.ID == current {
			continue
		}
		for _, q := range a.asked[sec.ID] {
			if q.Present(form) {
				out = append(out, q)
			}
		}
	}
	return out
}

// firstSection returns the 1-based number of the first section holding
// one of the fields, or n when none does.
func (a answering) firstSection(n int, errs survey.FieldErrors) int {
	first := len(a.sections) + 1
	for field := range errs {
		first = min(first, a.sectionOf(field))
	}
	if first > len(a.sections) {
		return n
	}
	return first
}

// sectionOf returns the 1-based number of the section holding a form field.
func (a answering) sectionOf(field string) int {
	for i, sec := range a.sections {
		for _, q := range a.asked[sec.ID] {
			if survey.FieldName(q) == field {
				return i + 1
			}
		}
	}
	return 1
}

// resumeAt is where a returning person continues: the first section with
// an unanswered question, or the last one when all are answered.
func (a answering) resumeAt(answers map[int64]survey.Answer) int {
	for i, sec := range a.sections {
		for _, q := range a.asked[sec.ID] {
			if answers[q.ID].Empty() {
				return i + 1
			}
		}
	}
	return len(a.sections)
}

// page builds section n (1-based) for the screen, showing saved answers,
// or what was just sent with its errors.
func (a answering) page(n int, names map[string]string, answers map[int64]survey.Answer, form url.Values, errs survey.FieldErrors) surveyview.Page {
	var drivers []surveyview.Option
	for _, key := range survey.DriverKeys(a.outline.Questions) {
		drivers = append(drivers, surveyview.Option{Value: key, Label: names[key]})
	}
	sec := a.sections[n-1]
	view := surveyview.Section{ID: sec.ID, Title: a.loc.SectionTitle(sec)}
	for _, q := range a.asked[sec.ID] {
		vq := surveyview.FromQuestion(q, drivers)
		a.localize(&vq, q)
		vq.Roles = nil // respondents are not told who else is asked
		if msg := errs[survey.FieldName(q)]; msg != "" && form != nil {
			vq.Values, vq.Alloc = surveyview.FormValues(q, form)
			vq.Error = msg
		} else {
			vq.Values, vq.Alloc = surveyview.AnswerValues(q, answers[q.ID])
			vq.Error = errs[survey.FieldName(q)]
		}
		view.Questions = append(view.Questions, vq)
	}
	page := surveyview.Page{Section: view, Number: n, Total: len(a.sections), Action: a.base}
	page.Answered, page.Asked, page.MinutesLeft = a.progress(answers)
	return page
}

// progress counts the questions answered of those asked, and estimates the
// minutes the rest take.
func (a answering) progress(answers map[int64]survey.Answer) (answered, asked, minutes int) {
	seconds := 0
	for _, q := range a.questions() {
		asked++
		if !answers[q.ID].Empty() {
			answered++
			continue
		}
		seconds += secondsToAnswer(q)
	}
	return answered, asked, (seconds + 59) / 60
}

// secondsToAnswer is a rough time for one question: a rating or a number
// takes seconds, picks a little longer, a time allocation or a comment
// about a minute.
func secondsToAnswer(q survey.Question) int {
	switch q.Kind.Behaviour().Input(q, nil).Widget {
	case survey.WidgetScale, survey.WidgetNumber:
		return 10
	case survey.WidgetChoices:
		return 20
	}
	return 60
}

// missing lists the required questions left unanswered, in survey order,
// each with a link to its section and question.
func (a answering) missing(fields survey.FieldErrors) []surveyview.Missing {
	var out []surveyview.Missing
	for i, sec := range a.sections {
		for _, q := range a.asked[sec.ID] {
			if _, ok := fields[survey.FieldName(q)]; ok {
				out = append(out, surveyview.Missing{Section: i + 1, Prompt: a.loc.Prompt(q),
					Href: fmt.Sprintf("%s#q-%d", sectionURL(a.base, i+1), q.ID)})
			}
		}
	}
	return out
}
