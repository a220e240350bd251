// Package survey holds what a respondent sees: a snapshot's sections and
// questions as forms. The admin preview and the real survey use the same
// components, so the preview shows exactly what people will answer.
package survey

import (
	"context"
	"strconv"
	"strings"

	"github.com/devpulse/devpulse/internal/i18n"
	domain "github.com/devpulse/devpulse/internal/survey"
)

// Option is one choice of a radio or checkbox group.
type Option = domain.Option

// Question is one question as a respondent sees it.
type Question struct {
	ID int64
	// Kind names the question's kind (for styling and tests); Widget is
	// what it is answered with.
	Kind     string
	Widget   domain.Widget
	Prompt   string
	Help     string
	Required bool
	// Roles, when set, limits the question to these job roles; the preview
	// says so, the real survey simply leaves it out for others.
	Roles []string
	// Options of a scale or a list of choices.
	Options []Option
	// NotApplicable adds "not applicable" to a scale.
	NotApplicable bool
	// Low and High name the ends of a numbered scale.
	Low, High string
	// Multiple: checkboxes rather than radios.
	Multiple bool
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
	return FormValues(q, q.Kind.Behaviour().Values(q, a))
}

// FormValues reads what was sent for a question, to show it again as
// typed: the values of its one field, or of an allocation's field per
// category.
func FormValues(q domain.Question, form map[string][]string) (values, alloc []string) {
	kind := q.Kind.Behaviour()
	fields := kind.Fields(q)
	if kind.Input(q, nil).Widget != domain.WidgetAllocation {
		if len(fields) == 0 {
			return nil, nil
		}
		return form[fields[0]], nil
	}
	for _, f := range fields {
		v := form[f]
		if len(v) > 0 {
			alloc = append(alloc, v[0])
		} else {
			alloc = append(alloc, "")
		}
	}
	return nil, alloc
}

// Name is the form field name of the answer. Every option of a question
// writes it, so it is built without fmt.
func (q Question) Name() string { return "q" + strconv.FormatInt(q.ID, 10) }

// choiceType is the input type of a list of choices.
func choiceType(q Question) string {
	if q.Multiple {
		return "checkbox"
	}
	return "radio"
}

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
	// Answered of Asked questions, and the minutes the unanswered ones
	// take; Asked is 0 in preview, which shows sections only.
	Answered, Asked, MinutesLeft int
}

// Missing is a required question left unanswered, wherever it is, with a
// link to it.
type Missing struct {
	Section int
	Prompt  string
	Href    string
}

// progressLabel says where the respondent is, in questions answered
// rather than sections (sections differ a lot in length).
func (p Page) progressLabel(ctx context.Context) string {
	if p.Asked == 0 {
		return i18n.T(ctx, "survey.progress.sections", "Number", p.Number, "Total", p.Total)
	}
	left := i18n.T(ctx, "survey.progress.moment")
	switch {
	case p.Answered == p.Asked:
		left = i18n.T(ctx, "survey.progress.all")
	case p.MinutesLeft > 1:
		left = i18n.T(ctx, "survey.progress.minutes", "Count", p.MinutesLeft)
	}
	return i18n.T(ctx, "survey.progress", "Answered", p.Answered, "Asked", p.Asked, "Left", left, "Number", p.Number, "Total", p.Total)
}

// progressValue and progressMax draw the bar by questions when known.
func (p Page) progressValue() string {
	if p.Asked == 0 {
		return strconv.Itoa(p.Number)
	}
	return strconv.Itoa(p.Answered)
}

func (p Page) progressMax() string {
	if p.Asked == 0 {
		return strconv.Itoa(p.Total)
	}
	return strconv.Itoa(p.Asked)
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

// FromQuestion builds what respondents see of q, as its kind asks to be
// answered; drivers are the options of a priority question.
func FromQuestion(q domain.Question, drivers []Option) Question {
	in := q.Kind.Behaviour().Input(q, drivers)
	return Question{ID: q.ID, Kind: string(q.Kind), Widget: in.Widget, Prompt: q.Prompt, Help: q.Help,
		Required: q.Required, Roles: q.Roles(), Options: in.Options, NotApplicable: in.NotApplicable,
		Low: in.Low, High: in.High, Multiple: in.Multiple, MaxPicks: in.MaxPicks, Categories: in.Categories,
		Min: number(in.Min), Max: number(in.Max), Unit: in.Unit, MaxLength: in.MaxLength}
}

func number(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

// rangeHint says what numbers a number question accepts.
func (q Question) rangeHint(ctx context.Context) string {
	unit := ""
	if q.Unit != "" {
		unit = " " + q.Unit
	}
	switch {
	case q.Min != "" && q.Max != "":
		return i18n.T(ctx, "survey.number.range", "Min", q.Min, "Max", q.Max, "Unit", unit)
	case q.Min != "":
		return i18n.T(ctx, "survey.number.min", "Min", q.Min, "Unit", unit)
	case q.Max != "":
		return i18n.T(ctx, "survey.number.max", "Max", q.Max, "Unit", unit)
	}
	return ""
}

// label is an option's text: the catalog's words for the fixed scales,
// the question's own (already in the reader's language) otherwise.
func (q Question) label(ctx context.Context, o Option) string {
	switch domain.Kind(q.Kind) {
	case domain.KindRating:
		return i18n.T(ctx, "scale.agreement."+o.Value)
	case domain.KindFrequency:
		return i18n.T(ctx, "scale.frequency."+o.Value)
	}
	return o.Label
}

// low and high name the ends of a numbered scale.
func (q Question) low(ctx context.Context) string {
	if domain.Kind(q.Kind) == domain.KindNPS {
		return i18n.T(ctx, "scale.nps.low")
	}
	return q.Low
}

func (q Question) high(ctx context.Context) string {
	if domain.Kind(q.Kind) == domain.KindNPS {
		return i18n.T(ctx, "scale.nps.high")
	}
	return q.High
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
	case q.MaxPicks > 0:
		ids = append(ids, q.id("picks"))
	case q.Widget == domain.WidgetAllocation:
		ids = append(ids, q.id("total-hint"))
	case q.Widget == domain.WidgetNumber && (q.Min != "" || q.Max != ""):
		ids = append(ids, q.id("range"))
	case q.Low != "" || q.High != "":
		ids = append(ids, q.id("ends"))
	}
	return strings.Join(ids, " ")
}
