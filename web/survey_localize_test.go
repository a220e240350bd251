package web

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/survey"
)

// The table of the domain's answer messages stays true: each English text
// is its catalog entry's English, and a message with numbers read back in
// English is the domain's own words, in Spanish its translation.
func TestAnswerMessagesMatchTheCatalog(t *testing.T) {
	en := i18n.WithLang(context.Background(), i18n.English)
	es := i18n.WithLang(context.Background(), i18n.Spanish)
	for english, id := range answerMessages {
		if got := i18n.T(en, id); got != english {
			t.Errorf("%s is %q in the catalog, %q in the table", id, got, english)
		}
		if i18n.T(es, id) == english {
			t.Errorf("%s is not translated", id)
		}
	}
	alloc := survey.Question{ID: 9, Kind: survey.KindAllocation, Config: survey.Config{Categories: []string{"A", "B"}}}
	_, msg := alloc.Kind.Behaviour().Parse(alloc, url.Values{"q9-0": {"50"}, "q9-1": {"10"}}, nil)
	if msg == "" || answerText(en, msg) != msg {
		t.Errorf("English %q became %q", msg, answerText(en, msg))
	}
	if got := answerText(es, msg); !strings.Contains(got, "Los porcentajes suman 60") {
		t.Errorf("Spanish %q", got)
	}
	text := survey.Question{ID: 9, Kind: survey.KindText, Config: survey.Config{MaxLength: 5}}
	_, msg = text.Kind.Behaviour().Parse(text, url.Values{"q9": {"too long"}}, nil)
	if got := answerText(es, msg); !strings.Contains(got, "No pases de 5 caracteres") {
		t.Errorf("Spanish of %q: %q", msg, got)
	}
}
