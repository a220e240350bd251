package pulse

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/i18n"
)

// TestAskInRecipientsLanguage: a person who chose Spanish gets the pulse
// ask by mail and Slack, and the Slack thanks, in Spanish; nobody's choice
// means English, word for word as before.
func TestAskInRecipientsLanguage(t *testing.T) {
	q, _ := json.Marshal(Questions{Rating: "How was the deploy?"})
	prog := Programme{Name: "Deploys", Questions: string(q)}
	for _, tc := range []struct {
		lang string
		want []string
	}{
		{"es", []string{"Una pregunta rápida: Deploys", "Hola, Rhea:", "How was the deploy?", "1 · Muy mal: http://x/p/tok?rating=1",
			"O responde en tu página de pulso: http://x/pulse", `<html lang="es">`, `<a href="http://x/pulse">Tu página de pulso</a> tiene`,
			"encuesta de pulso confidencial", "¡Gracias! Has valorado Deploys: 4 · Bien."}},
		{"", []string{"Quick question: Deploys", "Hi Rhea,\n\nHow was the deploy?\n\nPick a rating (the page that opens asks you to confirm it; nothing is\nrecorded before you do):\n\n  1 · Very poor: http://x/p/tok?rating=1",
			"  5 · Very good: http://x/p/tok?rating=5\n\nOr answer on your pulse page: http://x/pulse\n\nThis is a short pulse survey. Answers are confidential: tool owners see them\nonly in groups of at least the minimum size. Change how often and where you\nare asked on your pulse page.\n",
			`<html lang="en">`, `size. <a href="http://x/pulse">Your pulse page</a> has your pending asks`,
			"Deploys · confidential pulse survey · <http://x/pulse|add a comment or change how often you are asked>",
			":white_check_mark: Thanks! You rated Deploys: 4 · Good. Your answers and settings: <http://x/pulse|your pulse page>."}},
	} {
		p := directory.Person{Name: "Rhea", Email: "rhea@example.com", Language: tc.lang}
		mail, err := mailMessage("http://x", "tok", p, prog, Ask{ID: 7})
		if err != nil {
			t.Fatal(err)
		}
		all := []string{mail.Subject, mail.Text, mail.HTML}
		for _, f := range []func() (string, []any){
			func() (string, []any) {
				s, b := slackAsk("http://x", Ask{ID: 7}, prog, i18n.For(tc.lang))
				return s, anys(b)
			},
			func() (string, []any) { s, b := slackThanks("http://x", 4, prog, i18n.For(tc.lang)); return s, anys(b) },
		} {
			s, blocks := f()
			js, _ := json.Marshal(blocks)
			all = append(all, s, string(js))
		}
		joined := strings.Join(all, "\n")
		for _, w := range tc.want {
			if !strings.Contains(joined, w) && !strings.Contains(joined, jsonText(w)) {
				t.Errorf("%q: no %q in\n%s", tc.lang, w, joined)
			}
		}
	}
}

func anys[T any](xs []T) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

// jsonText is s as it appears inside a JSON string.
func jsonText(s string) string {
	b, _ := json.Marshal(s)
	return string(b[1 : len(b)-1])
}

// TestRatingLabelsInEnglish: the catalog's English rating labels are
// RatingLabels.
func TestRatingLabelsInEnglish(t *testing.T) {
	for r := 1; r <= 5; r++ {
		if got := RatingLabel(i18n.For(""), r); got != RatingLabels[r-1] {
			t.Errorf("%d: %q, want %q", r, got, RatingLabels[r-1])
		}
	}
}

// TestOptionLabelsInEnglish: the catalog's English settings labels, which
// the pulse page shows, are the options' own.
func TestOptionLabelsInEnglish(t *testing.T) {
	en := i18n.For("")
	for prefix, opts := range map[string][]Option{"pulse.frequency.": FrequencyOptions(), "pulse.channel.": ChannelOptions()} {
		for _, o := range opts {
			key := o.Value
			if key == "" {
				key = "default"
			}
			if got := en.T(prefix + key); got != o.Label {
				t.Errorf("%s%s: %q, want %q", prefix, key, got, o.Label)
			}
		}
	}
}
