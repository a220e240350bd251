package survey

import (
	"fmt"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/devpulse/devpulse/internal/input"
)

// Answer is one question's answer, parsed and checked.
type Answer struct {
	// Rating is 1..5, or 0 for "not applicable".
	Rating *int
	// Choice is the pick of a single choice or frequency question.
	Choice string
	// Choices are the picks of a multiple choice or priority question
	// (driver keys for priorities).
	Choices []string
	Number  *float64
	Text    string
	// Allocation maps a category to its percentage.
	Allocation map[string]float64
}

// NotApplicable is the rating value of "not applicable".
const NotApplicable = 0

// FieldName is the form field of a question; an allocation uses one field
// per category, FieldName + "-" + index.
func FieldName(q Question) string { return fmt.Sprintf("q%d", q.ID) }

// Empty reports whether nothing was answered.
func (a Answer) Empty() bool {
	return a.Rating == nil && a.Choice == "" && len(a.Choices) == 0 && a.Number == nil && a.Text == "" && len(a.Allocation) == 0
}

// ParseAnswer reads a question's answer from form values and checks it.
// drivers are the snapshot's rated driver keys (a priority's options). It
// returns a message for the person when the answer is not acceptable; an
// empty answer is acceptable here (required is checked at submission).
func (q Question) ParseAnswer(form url.Values, drivers []string) (Answer, string) {
	name := FieldName(q)
	raw := strings.TrimSpace(form.Get(name))
	var a Answer
	switch q.Kind {
	case KindRating:
		if raw == "" {
			return a, ""
		}
		n, err := strconv.Atoi(raw)
		if err != nil || n < 0 || n > 5 {
			return a, "Choose one of the answers on the scale."
		}
		a.Rating = &n
	case KindFrequency:
		// The form sends the step's index (0 = never); the label is stored.
		if raw == "" {
			return a, ""
		}
		i, err := strconv.Atoi(raw)
		if err != nil || i < 0 || i >= len(Frequencies) {
			return a, "Choose one of the options."
		}
		a.Choice = Frequencies[i]
	case KindSingle:
		if raw == "" {
			return a, ""
		}
		if !slices.Contains(q.Config.Choices, raw) {
			return a, "Choose one of the options."
		}
		a.Choice = raw
	case KindMulti, KindPriority:
		options := q.Config.Choices
		if q.Kind == KindPriority {
			options = drivers
		}
		for _, v := range form[name] {
			if v = strings.TrimSpace(v); v == "" || slices.Contains(a.Choices, v) {
				continue
			}
			if !slices.Contains(options, v) {
				return Answer{}, "Choose from the options shown."
			}
			a.Choices = append(a.Choices, v)
		}
		if q.Kind == KindPriority && len(a.Choices) > MaxPriorityPicks {
			return a, fmt.Sprintf("Pick at most %d; you picked %d.", MaxPriorityPicks, len(a.Choices))
		}
	case KindNumber:
		if raw == "" {
			return a, ""
		}
		n, err := strconv.ParseFloat(strings.ReplaceAll(raw, ",", "."), 64)
		if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
			return a, "Enter a number."
		}
		if c := q.Config; (c.Min != nil && n < *c.Min) || (c.Max != nil && n > *c.Max) {
			return a, rangeMessage(c)
		}
		a.Number = &n
	case KindText:
		a.Text = strings.TrimSpace(form.Get(name))
		if !input.Clean(a.Text) {
			return Answer{}, "Remove the NUL character or the bytes that are not valid UTF-8 text; nothing else was changed."
		}
		if n := utf8.RuneCountInString(a.Text); q.Config.MaxLength > 0 && n > q.Config.MaxLength {
			return a, fmt.Sprintf("Keep it under %d characters; this is %d.", q.Config.MaxLength, n)
		}
	case KindAllocation:
		return q.parseAllocation(form)
	}
	return a, ""
}

func (q Question) parseAllocation(form url.Values) (Answer, string) {
	a := Answer{Allocation: map[string]float64{}}
	total := 0.0
	for i, cat := range q.Config.Categories {
		raw := strings.TrimSpace(form.Get(fmt.Sprintf("%s-%d", FieldName(q), i)))
		if raw == "" {
			continue
		}
		n, err := strconv.ParseFloat(strings.ReplaceAll(raw, ",", "."), 64)
		// NaN fails every comparison, so it is refused by name.
		if err != nil || math.IsNaN(n) || math.IsInf(n, 0) || n < 0 || n > 100 {
			return a, fmt.Sprintf("%s: enter a percentage from 0 to 100.", cat)
		}
		a.Allocation[cat] = n
		total += n
	}
	if len(a.Allocation) == 0 {
		return Answer{}, ""
	}
	if math.Abs(total-100) > 0.001 {
		return a, fmt.Sprintf("The percentages add up to %s; they must add up to 100.", strconv.FormatFloat(total, 'f', -1, 64))
	}
	return a, ""
}

func rangeMessage(c Config) string {
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	switch {
	case c.Min != nil && c.Max != nil:
		return fmt.Sprintf("Enter a number from %s to %s.", f(*c.Min), f(*c.Max))
	case c.Min != nil:
		return fmt.Sprintf("Enter a number of at least %s.", f(*c.Min))
	default:
		return fmt.Sprintf("Enter a number of at most %s.", f(*c.Max))
	}
}
