package survey

import (
	"math"
	"net/url"
	"strconv"
	"strings"

	"github.com/devpulse/devpulse/internal/input"
)

// numberKind is one number, optionally bounded, with a unit.
type numberKind struct{}

func (numberKind) Kind() Kind                 { return KindNumber }
func (numberKind) Label() string              { return "Number" }
func (numberKind) Settings() []Setting        { return []Setting{SettingRange} }
func (numberKind) Fields(q Question) []string { return []string{FieldName(q)} }
func (numberKind) Results() Results           { return ResultsTotals }
func (numberKind) Load(a *Answer, it Item)    { a.Number = it.Number }
func (numberKind) Columns(Question) []Column  { return []Column{numberColumn()} }

func (numberKind) Check(q Question) Problems {
	if c := q.Config; c.Min != nil && c.Max != nil && *c.Max <= *c.Min {
		return Problems{"max": input.M("admin.invalid.max_not_above_min")}
	}
	return nil
}

func (numberKind) Detail(q Question, _ int) string {
	c := q.Config
	var parts []string
	if c.Min != nil {
		parts = append(parts, "from "+formatFloat(*c.Min))
	}
	if c.Max != nil {
		parts = append(parts, "to "+formatFloat(*c.Max))
	}
	if c.Unit != "" {
		parts = append(parts, c.Unit)
	}
	return strings.Join(parts, " ")
}

func (numberKind) Input(q Question, _ []Option) Input {
	return Input{Widget: WidgetNumber, Min: q.Config.Min, Max: q.Config.Max, Unit: q.Config.Unit}
}

func (numberKind) Parse(q Question, form url.Values, _ []string) (Answer, string) {
	var a Answer
	raw := formValue(form, FieldName(q))
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
	return a, ""
}

func (numberKind) Values(q Question, a Answer) url.Values {
	if a.Number == nil {
		return nil
	}
	return url.Values{FieldName(q): {formatFloat(*a.Number)}}
}

func (numberKind) Items(_ Question, a Answer) []Item {
	if a.Number == nil {
		return nil
	}
	return []Item{{Number: a.Number}}
}
