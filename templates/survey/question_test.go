package survey

import (
	"bytes"
	"context"
	"strings"
	"testing"

	domain "github.com/devpulse/devpulse/internal/survey"
)

// TestEveryKindRendersItsInputs draws one question of every registered
// kind and checks that the form has an input for each field the kind reads
// its answer from, and that a stored answer shows as checked or typed.
func TestEveryKindRendersItsInputs(t *testing.T) {
	drivers := []Option{{Value: "ci", Label: "CI"}, {Value: "docs", Label: "Docs"}, {Value: "deploys", Label: "Deploys"}}
	config := domain.Config{Choices: []string{"Home", "Office"}, Categories: []string{"Features", "Bugs"}, MaxLength: 200}
	for _, b := range domain.Kinds() {
		t.Run(string(b.Kind()), func(t *testing.T) {
			q := domain.Question{ID: 7, Kind: b.Kind(), Prompt: "A question?", Config: config}
			html := render(t, FromQuestion(q, drivers))
			if !strings.Contains(html, `data-kind="`+string(b.Kind())+`"`) {
				t.Errorf("no data-kind on the fieldset")
			}
			for _, f := range b.Fields(q) {
				if !strings.Contains(html, `name="`+f+`"`) {
					t.Errorf("no input named %q:\n%s", f, html)
				}
			}
		})
	}
}

// TestNPSScale: eleven radios in one group, named ends, no "not
// applicable", and a stored answer checked.
func TestNPSScale(t *testing.T) {
	q := domain.Question{ID: 7, Kind: domain.KindNPS, Prompt: "How likely are you to recommend working here to a friend?"}
	v := FromQuestion(q, nil)
	seven := 7.0
	v.Values, v.Alloc = AnswerValues(q, domain.Answer{Number: &seven})
	html := render(t, v)
	if n := strings.Count(html, `type="radio" name="q7"`); n != 11 {
		t.Errorf("%d radios, want 11", n)
	}
	if strings.Contains(html, "Not applicable") {
		t.Error("an NPS scale offers not applicable")
	}
	if !strings.Contains(html, `value="7" checked`) {
		t.Error("the stored 7 is not checked")
	}
	if !strings.Contains(html, `aria-describedby="q7-ends"`) || !strings.Contains(html, "0: Not at all likely. 10: Extremely likely.") {
		t.Errorf("the scale's ends are not described:\n%s", html)
	}
}

func render(t *testing.T, q Question) string {
	t.Helper()
	var buf bytes.Buffer
	if err := QuestionField(q).Render(context.Background(), &buf); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}
