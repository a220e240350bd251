package survey

import (
	"fmt"
	"net/url"
	"unicode/utf8"

	"github.com/devpulse/devpulse/internal/input"
)

// textKind is a free text answer, optionally about a driver; results show
// it as a comment.
type textKind struct{}

func (textKind) Kind() Kind                 { return KindText }
func (textKind) Label() string              { return "Free text" }
func (textKind) Settings() []Setting        { return []Setting{SettingDriver, SettingMaxLength} }
func (textKind) Fields(q Question) []string { return []string{FieldName(q)} }
func (textKind) Results() Results           { return ResultsComments }

func (textKind) Check(q Question) Problems {
	if n := q.Config.MaxLength; n < 1 || n > MaxTextLength {
		return Problems{"max_length": input.M("admin.invalid.max_length", "Max", MaxTextLength)}
	}
	return nil
}

func (textKind) Detail(q Question, _ int) string {
	return fmt.Sprintf("Up to %d characters", q.Config.MaxLength)
}

func (textKind) Input(q Question, _ []Option) Input {
	return Input{Widget: WidgetText, MaxLength: q.Config.MaxLength}
}

func (textKind) Parse(q Question, form url.Values, _ []string) (Answer, string) {
	a := Answer{Text: formValue(form, FieldName(q))}
	if !input.Clean(a.Text) {
		return Answer{}, "Remove the NUL character or the bytes that are not valid UTF-8 text; nothing else was changed."
	}
	if n := utf8.RuneCountInString(a.Text); q.Config.MaxLength > 0 && n > q.Config.MaxLength {
		return a, fmt.Sprintf("Keep it under %d characters; this is %d.", q.Config.MaxLength, n)
	}
	return a, ""
}

func (textKind) Values(q Question, a Answer) url.Values {
	if a.Text == "" {
		return nil
	}
	return url.Values{FieldName(q): {a.Text}}
}

func (textKind) Items(_ Question, a Answer) []Item {
	if a.Text == "" {
		return nil
	}
	text := a.Text
	return []Item{{Text: &text}}
}

func (textKind) Load(a *Answer, it Item) {
	if it.Text != nil {
		a.Text = *it.Text
	}
}

func (textKind) Columns(Question) []Column {
	return []Column{{Text: true, Cell: func(items []Item) string {
		if len(items) == 0 || items[0].Text == nil {
			return ""
		}
		return *items[0].Text
	}}}
}
