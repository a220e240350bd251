package survey

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// Pieces several kinds share.

// formValue is a form field's first value, trimmed.
func formValue(form url.Values, name string) string { return strings.TrimSpace(form.Get(name)) }

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// parsePicks reads ticked options: each at most once, each among options,
// at most max of them (0: no limit).
func parsePicks(values, options []string, max int) (Answer, string) {
	var a Answer
	for _, v := range values {
		if v = strings.TrimSpace(v); v == "" || slices.Contains(a.Choices, v) {
			continue
		}
		if !slices.Contains(options, v) {
			return Answer{}, "Choose from the options shown."
		}
		a.Choices = append(a.Choices, v)
	}
	if max > 0 && len(a.Choices) > max {
		return a, fmt.Sprintf("Pick at most %d; you picked %d.", max, len(a.Choices))
	}
	return a, ""
}

// pickValues shows a single pick or several picks as form values.
func pickValues(q Question, a Answer) url.Values {
	switch {
	case a.Choice != "":
		return url.Values{FieldName(q): {a.Choice}}
	case len(a.Choices) > 0:
		return url.Values{FieldName(q): slices.Clone(a.Choices)}
	}
	return nil
}

// pickItems stores a single pick or each of several picks as an item.
func pickItems(a Answer) []Item {
	if a.Choice != "" {
		return []Item{{Item: a.Choice}}
	}
	var out []Item
	for _, c := range a.Choices {
		out = append(out, Item{Item: c})
	}
	return out
}

// pickColumn exports picks sorted and joined with ";".
func pickColumn() Column {
	return Column{Text: true, Cell: func(items []Item) string {
		var picks []string
		for _, it := range items {
			picks = append(picks, it.Item)
		}
		slices.Sort(picks)
		return strings.Join(picks, ";")
	}}
}

// numberColumn exports a number as it was given.
func numberColumn() Column {
	return Column{Cell: func(items []Item) string {
		if len(items) == 0 || items[0].Number == nil {
			return ""
		}
		return formatFloat(*items[0].Number)
	}}
}
