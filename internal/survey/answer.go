package survey

import (
	"fmt"
	"net/url"
	"strconv"
)

// Answer is one question's answer, parsed and checked. Which fields a kind
// uses is its own business (see its Behaviour).
type Answer struct {
	// Rating is 1..5, or 0 for "not applicable".
	Rating *int
	// Choice is the pick of a single choice or frequency question.
	Choice string
	// Choices are the picks of a multiple choice or priority question
	// (driver keys for priorities).
	Choices []string
	// Number is a number's answer, or the step of a net promoter scale.
	Number *float64
	Text   string
	// Allocation maps a category to its percentage.
	Allocation map[string]float64
}

// NotApplicable is the rating value of "not applicable".
const NotApplicable = 0

// FieldName is the form field of a question; a kind with several fields
// (an allocation) builds them from it. It is built without fmt: every
// option of every question writes it.
func FieldName(q Question) string { return "q" + strconv.FormatInt(q.ID, 10) }

// Empty reports whether nothing was answered.
func (a Answer) Empty() bool {
	return a.Rating == nil && a.Choice == "" && len(a.Choices) == 0 && a.Number == nil && a.Text == "" && len(a.Allocation) == 0
}

// ParseAnswer reads a question's answer from form values and checks it,
// as its kind does. drivers are the snapshot's rated driver keys (a
// priority's options). It returns a message for the person when the
// answer is not acceptable; an empty answer is acceptable here (required
// is checked at submission).
func (q Question) ParseAnswer(form url.Values, drivers []string) (Answer, string) {
	return q.Kind.Behaviour().Parse(q, form, drivers)
}

// Present reports whether form carries a field of q.
func (q Question) Present(form url.Values) bool {
	for _, f := range q.Kind.Behaviour().Fields(q) {
		if form.Has(f) {
			return true
		}
	}
	return false
}

func rangeMessage(c Config) string {
	f := formatFloat
	switch {
	case c.Min != nil && c.Max != nil:
		return fmt.Sprintf("Enter a number from %s to %s.", f(*c.Min), f(*c.Max))
	case c.Min != nil:
		return fmt.Sprintf("Enter a number of at least %s.", f(*c.Min))
	default:
		return fmt.Sprintf("Enter a number of at most %s.", f(*c.Max))
	}
}
