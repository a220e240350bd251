package survey

import (
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
)

// allocationKind splits 100% across the question's categories, one form
// field and one stored item per category.
type allocationKind struct{}

func (allocationKind) Kind() Kind          { return KindAllocation }
func (allocationKind) Label() string       { return "Time allocation (adds up to 100%)" }
func (allocationKind) Settings() []Setting { return []Setting{SettingCategories} }
func (allocationKind) Results() Results    { return ResultsAllocation }

func (allocationKind) Check(q Question) Problems {
	if msg := checkList(q.Config.Categories, MinAllocationFields, "categories"); msg.ID != "" {
		return Problems{"categories": msg}
	}
	return nil
}

func (allocationKind) Detail(q Question, _ int) string {
	return fmt.Sprintf("%d categories: %s", len(q.Config.Categories), strings.Join(q.Config.Categories, ", "))
}

func (allocationKind) Input(q Question, _ []Option) Input {
	return Input{Widget: WidgetAllocation, Categories: q.Config.Categories}
}

// Fields are FieldName + "-" + the category's index.
func (allocationKind) Fields(q Question) []string {
	out := make([]string, len(q.Config.Categories))
	for i := range q.Config.Categories {
		out[i] = FieldName(q) + "-" + strconv.Itoa(i)
	}
	return out
}

func (k allocationKind) Parse(q Question, form url.Values, _ []string) (Answer, string) {
	a := Answer{Allocation: map[string]float64{}}
	total := 0.0
	for i, field := range k.Fields(q) {
		cat := q.Config.Categories[i]
		raw := formValue(form, field)
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
		return a, fmt.Sprintf("The percentages add up to %s; they must add up to 100.", formatFloat(total))
	}
	return a, ""
}

func (k allocationKind) Values(q Question, a Answer) url.Values {
	if len(a.Allocation) == 0 {
		return nil
	}
	out := url.Values{}
	for i, field := range k.Fields(q) {
		if v, ok := a.Allocation[q.Config.Categories[i]]; ok {
			out.Set(field, formatFloat(v))
		}
	}
	return out
}

// Items: one per category answered, in the question's order.
func (allocationKind) Items(q Question, a Answer) []Item {
	var out []Item
	for _, cat := range q.Config.Categories {
		if v, ok := a.Allocation[cat]; ok {
			out = append(out, Item{Item: cat, Number: &v})
		}
	}
	return out
}

func (allocationKind) Load(a *Answer, it Item) {
	if a.Allocation == nil {
		a.Allocation = map[string]float64{}
	}
	if it.Number != nil {
		a.Allocation[it.Item] = *it.Number
	}
}

// Columns: one per category, named after it.
func (allocationKind) Columns(q Question) []Column {
	var out []Column
	for _, cat := range q.Config.Categories {
		out = append(out, Column{Suffix: cat, Cell: func(items []Item) string {
			for _, it := range items {
				if it.Item == cat && it.Number != nil {
					return formatFloat(*it.Number)
				}
			}
			return ""
		}})
	}
	return out
}
