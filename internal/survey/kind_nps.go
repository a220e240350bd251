package survey

import (
	"net/url"
	"strconv"
)

// NPS scale: answers run from NPSMin ("not at all likely") to NPSMax
// ("extremely likely"). insight.NPS turns their counts into the score.
const (
	NPSMin = 0
	NPSMax = 10
)

// npsKind is the net promoter question, "How likely are you to recommend
// ... to a friend?", answered on an 11-step scale. The answer is stored
// with the step as its item (so results count each step) and as its number.
type npsKind struct{}

func (npsKind) Kind() Kind                 { return KindNPS }
func (npsKind) Label() string              { return "Net promoter (0 to 10)" }
func (npsKind) Settings() []Setting        { return []Setting{SettingNone} }
func (npsKind) Check(Question) Problems    { return nil }
func (npsKind) Fields(q Question) []string { return []string{FieldName(q)} }
func (npsKind) Results() Results           { return ResultsNetPromoter }
func (npsKind) Load(a *Answer, it Item)    { a.Number = it.Number }
func (npsKind) Columns(Question) []Column  { return []Column{numberColumn()} }
func (npsKind) Detail(Question, int) string {
	return "0 (not at all likely) to 10 (extremely likely); scored as promoters (9-10) minus detractors (0-6)"
}

func (npsKind) Input(Question, []Option) Input {
	in := Input{Widget: WidgetScale, Low: "Not at all likely", High: "Extremely likely"}
	for i := NPSMin; i <= NPSMax; i++ {
		v := strconv.Itoa(i)
		in.Options = append(in.Options, Option{Value: v, Label: v})
	}
	return in
}

func (npsKind) Parse(q Question, form url.Values, _ []string) (Answer, string) {
	var a Answer
	raw := formValue(form, FieldName(q))
	if raw == "" {
		return a, ""
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < NPSMin || n > NPSMax {
		return a, "Choose a number from 0 to 10."
	}
	f := float64(n)
	a.Number = &f
	return a, ""
}

func (npsKind) Values(q Question, a Answer) url.Values {
	if a.Number == nil {
		return nil
	}
	return url.Values{FieldName(q): {formatFloat(*a.Number)}}
}

func (npsKind) Items(_ Question, a Answer) []Item {
	if a.Number == nil {
		return nil
	}
	return []Item{{Item: formatFloat(*a.Number), Number: a.Number}}
}
