package input

import (
	"context"
	"strings"
	"testing"

	"github.com/devpulse/devpulse/internal/i18n"
)

// A problem is written in the reader's language on a page and in English
// in logs; no problem is the zero Message.
func TestProblemInEachLanguage(t *testing.T) {
	long := strings.Repeat("é", 12)
	m := Problem(long, 10)
	if got, want := m.String(), "Keep it to 10 characters; this has 12."; got != want {
		t.Errorf("English: %q, want %q", got, want)
	}
	es := i18n.WithLang(context.Background(), i18n.Spanish)
	if got, want := m.In(es), "No pases de 10 caracteres; este texto tiene 12."; got != want {
		t.Errorf("Spanish: %q, want %q", got, want)
	}
	if p := Problem("fine", 10); p.ID != "" || p.String() != "" {
		t.Errorf("Problem(fine) = %+v", p)
	}
	if got := Problem("a\x00b", 0).String(); got != "Contains a NUL character; remove it." {
		t.Errorf("NUL: %q", got)
	}
}
