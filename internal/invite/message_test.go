package invite

import (
	"strings"
	"testing"
	"time"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/survey"
)

// TestMessageInRecipientsLanguage: a person who chose Spanish gets the
// invitation and the reminder in Spanish, with the date written in
// Spanish; nobody's choice means English.
func TestMessageInRecipientsLanguage(t *testing.T) {
	closes := time.Date(2026, 12, 14, 17, 0, 0, 0, time.UTC)
	snap := survey.Snapshot{Title: "2026 Q4", TimeZone: "Europe/Madrid", ClosesAt: &closes}
	for _, tc := range []struct {
		lang     string
		reminder bool
		want     []string
	}{
		{"es", false, []string{"Tu encuesta de experiencia de desarrollo 2026 Q4", "Hola, Rhea:", "lunes 14 de diciembre a las 18:00 CET", `<html lang="es">`, "Empezar la encuesta"}},
		{"es", true, []string{"Recordatorio:", "se cierra el lunes 14 de diciembre", "Terminar la encuesta"}},
		{"", false, []string{"Your 2026 Q4 developer experience survey", "Hi Rhea,", "Monday 14 December at 18:00 CET", `<html lang="en">`, "Start the survey"}},
	} {
		m := message{Name: "Rhea", Snapshot: snap, Link: "http://x/s/t", Reminder: tc.reminder, l: i18n.For(tc.lang)}
		mail, err := m.mail("rhea@example.com")
		if err != nil {
			t.Fatal(err)
		}
		all := mail.Subject + "\n" + mail.Text + "\n" + mail.HTML + "\n" + m.slack()
		for _, w := range tc.want {
			if !strings.Contains(all, w) {
				t.Errorf("%s reminder=%v: no %q in\n%s", tc.lang, tc.reminder, w, all)
			}
		}
	}
}
