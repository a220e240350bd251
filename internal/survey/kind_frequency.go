package survey

import (
	"net/url"
	"slices"
	"strconv"
)

// frequencyKind is the frequency scale, never to daily. The form sends the
// step's index (0 = never); the step's label is stored.
type frequencyKind struct{}

func (frequencyKind) Kind() Kind                  { return KindFrequency }
func (frequencyKind) Label() string               { return "Frequency (never to daily)" }
func (frequencyKind) Settings() []Setting         { return []Setting{SettingNone} }
func (frequencyKind) Check(Question) Problems     { return nil }
func (frequencyKind) Detail(Question, int) string { return "" }
func (frequencyKind) Fields(q Question) []string  { return []string{FieldName(q)} }
func (frequencyKind) Results() Results            { return ResultsShares }
func (frequencyKind) Load(a *Answer, it Item)     { a.Choice = it.Item }
func (frequencyKind) Columns(Question) []Column   { return []Column{pickColumn()} }
func (frequencyKind) Items(_ Question, a Answer) []Item {
	return pickItems(a)
}

func (frequencyKind) Input(Question, []Option) Input {
	in := Input{Widget: WidgetScale}
	for i, label := range Frequencies {
		in.Options = append(in.Options, Option{Value: strconv.Itoa(i), Label: label})
	}
	return in
}

func (frequencyKind) Parse(q Question, form url.Values, _ []string) (Answer, string) {
	var a Answer
	raw := formValue(form, FieldName(q))
	if raw == "" {
		return a, ""
	}
	i, err := strconv.Atoi(raw)
	if err != nil || i < 0 || i >= len(Frequencies) {
		return a, "Choose one of the options."
	}
	a.Choice = Frequencies[i]
	return a, ""
}

func (frequencyKind) Values(q Question, a Answer) url.Values {
	i := slices.Index(Frequencies, a.Choice)
	if a.Choice == "" || i < 0 {
		return nil
	}
	return url.Values{FieldName(q): {strconv.Itoa(i)}}
}
