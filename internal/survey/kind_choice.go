package survey

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
)

// choiceKind is a single choice (radios) or, multiple, a multiple choice
// (checkboxes) among the question's own choices.
type choiceKind struct{ multiple bool }

func (c choiceKind) Kind() Kind {
	if c.multiple {
		return KindMulti
	}
	return KindSingle
}

func (c choiceKind) Label() string {
	if c.multiple {
		return "Multiple choice"
	}
	return "Single choice"
}

func (choiceKind) Settings() []Setting        { return []Setting{SettingChoices} }
func (choiceKind) Fields(q Question) []string { return []string{FieldName(q)} }
func (choiceKind) Results() Results           { return ResultsCounts }
func (choiceKind) Columns(Question) []Column  { return []Column{pickColumn()} }
func (choiceKind) Items(_ Question, a Answer) []Item {
	return pickItems(a)
}

func (choiceKind) Check(q Question) Problems {
	if msg := checkList(q.Config.Choices, MinChoices, "choices"); msg.ID != "" {
		return Problems{"choices": msg}
	}
	return nil
}

func (choiceKind) Detail(q Question, _ int) string {
	return fmt.Sprintf("%d choices: %s", len(q.Config.Choices), strings.Join(q.Config.Choices, ", "))
}

func (c choiceKind) Input(q Question, _ []Option) Input {
	in := Input{Widget: WidgetChoices, Multiple: c.multiple}
	for _, ch := range q.Config.Choices {
		in.Options = append(in.Options, Option{Value: ch, Label: ch})
	}
	return in
}

func (c choiceKind) Parse(q Question, form url.Values, _ []string) (Answer, string) {
	if c.multiple {
		return parsePicks(form[FieldName(q)], q.Config.Choices, 0)
	}
	var a Answer
	raw := formValue(form, FieldName(q))
	if raw == "" {
		return a, ""
	}
	if !slices.Contains(q.Config.Choices, raw) {
		return a, "Choose one of the options."
	}
	a.Choice = raw
	return a, ""
}

func (c choiceKind) Values(q Question, a Answer) url.Values {
	return pickValues(q, a)
}

func (c choiceKind) Load(a *Answer, it Item) {
	if c.multiple {
		a.Choices = append(a.Choices, it.Item)
		return
	}
	a.Choice = it.Item
}
