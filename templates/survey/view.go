// Package survey holds what a respondent sees: a snapshot's sections and
// questions as forms. The admin preview and the real survey use the same
// components, so the preview shows exactly what people will answer.
package survey

import (
	"fmt"
	"strconv"
	"strings"

	domain "github.com/devpulse/devpulse/internal/survey"
)

// Option is one choice of a radio or checkbox group.
type Option struct {
	Value string
	Label string
}

// Question is one question as a respondent sees it.
type Question struct {
	ID       int64
	Kind     string
	Prompt   string
	Help     string
	Required bool
	// Roles, when set, limits the question to these job roles; the preview
	// says so, the real survey simply leaves it out for others.
	Roles []string
	// Options of a rating, frequency, priority, single or multiple choice.
	Options []Option
	// Categories of a time allocation.
	Categories []string
	// Min, Max and Unit of a number; empty when unbounded.
	Min, Max, Unit string
	// MaxLength of a free text answer.
	MaxLength int
	// MaxPicks of a priority question.
	MaxPicks int
	// Values are the answer as form values (ticked options, typed text),
	// so a page shows what was saved or what was just sent back.
	Values []string
	// Alloc holds a time allocation's values by category index.
	Alloc []string
	// Error says what is wrong with the answer; it shows next to it.
	Error string
}

// has reports whether v is among the answer's values (a ticked option).
func (q Question) has(v string) bool {
	for _, x := range q.Values {
		if x == v {
			return true
		}
	}
	return false
}

// value is the answer's first value (typed text or number).
func (q Question) value() string {
	if len(q.Values) == 0 {
		return ""
	}
	return q.Values[0]
}

// allocValue is an allocation category's typed value.
func (q Question) allocValue(i int) string {
	if i < len(q.Alloc) {
		return q.Alloc[i]
	}
	return ""
}

// AnswerValues turns a stored answer into the form values that show it.
func AnswerValues(q domain.Question, a domain.Answer) (values, alloc []string) {
	switch {
	case a.Rating != nil:
		values = []string{strconv.Itoa(*a.Rating)}
	case q.Kind == domain.KindFrequency && a.Choice != "":
		for i, f := range domain.Frequencies {
			if f == a.Choice {
				values = []string{strconv.Itoa(i)}
			}
		}
	case a.Choice != "":
		values = []string{a.Choice}
	case len(a.Choices) > 0:
		values = a.Choices
	case a.Number != nil:
		values = []string{strconv.FormatFloat(*a.Number, 'f', -1, 64)}
	case a.Text != "":
		values = []string{a.Text}
	case len(a.Allocation) > 0:
		alloc = make([]string, len(q.Config.Categories))
		for i, cat := range q.Config.Categories {
			if v, ok := a.Allocation[cat]; ok {
				alloc[i] = strconv.FormatFloat(v, 'f', -1, 64)
			}
		}
	}
	return values, alloc
}

// FormValues reads what was sent for a question, to show it again as typed.
func FormValues(q domain.Question, form map[string][]string) (values, alloc []string) {
	name := domain.FieldName(q)
	if q.Kind == domain.KindAllocation {
		for i := range q.Config.Categories {
			v := form[fmt.Sprintf("%s-%d", name, i)]
			if len(v) > 0 {
				alloc = append(alloc, v[0])
			} else {
				alloc = append(alloc, "")
			}
		}
		return nil, alloc
	}
	return form[name], nil
}

// Name is the form field name of the answer. Every option of a question
// writes it, so it is built without fmt.
func (q Question) Name() string { return "q" + strconv.FormatInt(q.ID, 10) }

// id builds the element ID of a part of the question.
func (q Question) id(part string) string { return q.Name() + "-" + part }

// Section is one page of the survey.
type Section struct {
	ID        int64
	Title     string
	Questions []Question
}

// Page is one section on screen, with where the respondent is.
type Page struct {
	Section Section
	// Number is the section's place, 1-based, of Total.
	Number, Total int
	// Preview draws the form without anywhere to send it.
	Preview bool
	// Action is where answers are posted (not in preview).
	Action string
	// PrevHref and NextHref move between sections in preview; empty at
	// the ends. The real survey posts its answers to move on instead.
	PrevHref, NextHref string
	// ContactOK is the respondent's consent to be contacted about their
	// comments, asked on the last page.
	ContactOK bool
	// Status says how saving went ("All answers on this page are saved.").
	Status string
}

// NotApplicable is the value of a rating's "not applicable" answer.
const NotApplicable = "0"

// Sections turns a snapshot's outline into its survey pages. names maps
// driver keys to driver names, for the options of a priority question.
func Sections(o domain.Outline, names map[string]string) []Section {
	var drivers []Option
	for _, key := range domain.DriverKeys(o.Questions) {
		label := names[key]
		if label == "" {
			label = key
		}
		drivers = append(drivers, Option{Value: key, Label: label})
	}
	out := make([]Section, 0, len(o.Sections))
	for _, sec := range o.Sections {
		s := Section{ID: sec.ID, Title: sec.Title}
		for _, q := range o.InSection(sec.ID) {
			s.Questions = append(s.Questions, FromQuestion(q, drivers))
		}
		out = append(out, s)
	}
	return out
}

// FromQuestion builds what respondents see of q; drivers are the options
// of a priority question.
func FromQuestion(q domain.Question, drivers []Option) Question {
	v := Question{ID: q.ID, Kind: q.Kind, Prompt: q.Prompt, Help: q.Help, Required: q.Required, Roles: q.Roles()}
	c := q.Config
	switch q.Kind {
	case domain.KindRating:
		for i, label := range domain.Agreement {
			v.Options = append(v.Options, Option{Value: strconv.Itoa(i + 1), Label: label})
		}
	case domain.KindFrequency:
		for i, label := range domain.Frequencies {
			v.Options = append(v.Options, Option{Value: strconv.Itoa(i), Label: label})
		}
	case domain.KindPriority:
		v.Options, v.MaxPicks = drivers, domain.MaxPriorityPicks
	case domain.KindSingle, domain.KindMulti:
		for _, ch := range c.Choices {
			v.Options = append(v.Options, Option{Value: ch, Label: ch})
		}
	case domain.KindAllocation:
		v.Categories = c.Categories
	case domain.KindNumber:
		v.Min, v.Max, v.Unit = number(c.Min), number(c.Max), c.Unit
	case domain.KindText:
		v.MaxLength = c.MaxLength
	}
	return v
}

func number(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

// rangeHint says what numbers a number question accepts.
func (q Question) rangeHint() string {
	unit := ""
	if q.Unit != "" {
		unit = " " + q.Unit
	}
	switch {
	case q.Min != "" && q.Max != "":
		return fmt.Sprintf("A number from %s to %s%s.", q.Min, q.Max, unit)
	case q.Min != "":
		return fmt.Sprintf("A number of at least %s%s.", q.Min, unit)
	case q.Max != "":
		return fmt.Sprintf("A number up to %s%s.", q.Max, unit)
	}
	return ""
}

// describedBy lists the IDs of the notes that explain the question.
func (q Question) describedBy() string {
	var ids []string
	if q.Error != "" {
		ids = append(ids, q.id("error"))
	}
	if len(q.Roles) > 0 {
		ids = append(ids, q.id("audience"))
	}
	if q.Help != "" {
		ids = append(ids, q.id("help"))
	}
	switch {
	case q.Kind == domain.KindPriority:
		ids = append(ids, q.id("picks"))
	case q.Kind == domain.KindAllocation:
		ids = append(ids, q.id("total-hint"))
	case q.Kind == domain.KindNumber && q.rangeHint() != "":
		ids = append(ids, q.id("range"))
	}
	return strings.Join(ids, " ")
}
