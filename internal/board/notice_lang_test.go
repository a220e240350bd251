package board

import (
	"strings"
	"testing"

	"github.com/devpulse/devpulse/internal/i18n"
)

// TestNoticeInRecipientsLanguage: a person who chose Spanish gets the
// status notice in Spanish; nobody's choice means English, word for word
// as before.
func TestNoticeInRecipientsLanguage(t *testing.T) {
	for _, tc := range []struct {
		lang   string
		author bool
		want   []string
	}{
		{"es", true, []string{"No se hará: Slow builds", "Hola, Rhea:", `Tu propuesta, "Slow builds", ahora está en estado «No se hará».`,
			"El motivo de los responsables: Q3", "Verla en el tablero de propuestas: http://x/feedback/1"}},
		{"es", false, []string{"Una propuesta que votaste"}},
		{"", true, []string{"Won't do: Slow builds", "Hello Rhea,\n\nYour feedback, \"Slow builds\", is now Won't do.\n\nThe owners' reason: Q3\n\nSee it on the feedback board: http://x/feedback/1\n"}},
		{"", false, []string{"Feedback you voted for"}},
	} {
		m := noticeMessage{Name: "Rhea", Title: "Slow builds", Status: StatusWontDo, Reason: "Q3", Link: "http://x/feedback/1",
			Author: tc.author, l: i18n.For(tc.lang)}
		all := m.subject() + "\n" + m.text()
		for _, w := range tc.want {
			if !strings.Contains(all, w) {
				t.Errorf("%q author=%v: no %q in\n%s", tc.lang, tc.author, w, all)
			}
		}
	}
}

// TestNoticeNamesEveryStatus: every status has a catalog entry, in the
// board's own words in English.
func TestNoticeNamesEveryStatus(t *testing.T) {
	for _, s := range Statuses {
		if got := i18n.For("").T("board.notice.status." + string(s)); got != s.Label() {
			t.Errorf("%s: %q, want %q", s, got, s.Label())
		}
	}
}
