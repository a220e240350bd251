package survey

import (
	"net/url"
	"strconv"
)

// ratingKind is the 5-point agreement scale plus "not applicable"; tied to
// a driver it is a driver rating, which the dashboards score.
type ratingKind struct{}

func (ratingKind) Kind() Kind                  { return KindRating }
func (ratingKind) Label() string               { return "Rating (5-point agreement)" }
func (ratingKind) Settings() []Setting         { return []Setting{SettingDriver} }
func (ratingKind) Check(Question) Problems     { return nil }
func (ratingKind) Detail(Question, int) string { return "" }
func (ratingKind) Fields(q Question) []string  { return []string{FieldName(q)} }
func (ratingKind) Results() Results            { return ResultsScore }
func (ratingKind) Load(a *Answer, it Item)     { a.Rating = it.Rating }

// Input offers "not applicable" where a person may have no experience of
// what is asked (a tool, a process), never on overall satisfaction.
func (ratingKind) Input(q Question, _ []Option) Input {
	in := Input{Widget: WidgetScale, NotApplicable: q.Key != KeyOverall}
	for i, label := range Agreement {
		in.Options = append(in.Options, Option{Value: strconv.Itoa(i + 1), Label: label})
	}
	return in
}

func (ratingKind) Parse(q Question, form url.Values, _ []string) (Answer, string) {
	var a Answer
	raw := formValue(form, FieldName(q))
	if raw == "" {
		return a, ""
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 0 || n > 5 || (n == NotApplicable && q.Key == KeyOverall) {
		return a, "Choose one of the answers on the scale."
	}
	a.Rating = &n
	return a, ""
}

func (ratingKind) Values(q Question, a Answer) url.Values {
	if a.Rating == nil {
		return nil
	}
	return url.Values{FieldName(q): {strconv.Itoa(*a.Rating)}}
}

func (ratingKind) Items(_ Question, a Answer) []Item {
	if a.Rating == nil {
		return nil
	}
	return []Item{{Rating: a.Rating}}
}

// Columns: the rating as its number, "not applicable" as "n/a".
func (ratingKind) Columns(Question) []Column {
	return []Column{{Cell: func(items []Item) string {
		if len(items) == 0 || items[0].Rating == nil {
			return ""
		}
		if *items[0].Rating == NotApplicable {
			return "n/a"
		}
		return strconv.Itoa(*items[0].Rating)
	}}}
}
