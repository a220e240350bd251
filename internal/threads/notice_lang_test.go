package threads

import (
	"strings"
	"testing"

	"github.com/devpulse/devpulse/internal/i18n"
)

// TestNoticeInRecipientsLanguage: reply notices are written in the
// recipient's language, English when they chose none, and never carry the
// comment or the reply.
func TestNoticeInRecipientsLanguage(t *testing.T) {
	es := notice{Name: "Rosa", Replier: "Lena", Snapshot: "2026 Q4", Link: "http://x/me/comments", l: i18n.For("es")}
	if !strings.Contains(es.subject(), "Una respuesta a tu comentario en 2026 Q4") || !strings.Contains(es.text(), "Hola, Rosa:") ||
		!strings.Contains(es.text(), "Lena ha respondido") || !strings.HasSuffix(es.text(), "http://x/me/comments\n") {
		t.Errorf("Spanish notice:\n%s\n%s", es.subject(), es.text())
	}
	en := notice{Name: "Kim", Snapshot: "2026 Q4", Answered: true, Link: "http://x/comments/1", l: i18n.For("")}
	want := "Hello Kim,\n\nThe author of a comment in the 2026 Q4 survey answered your reply.\n\nRead it: http://x/comments/1\n"
	if en.text() != want || en.subject() != "The author answered in 2026 Q4" {
		t.Errorf("English notice %q / %q", en.subject(), en.text())
	}
}
