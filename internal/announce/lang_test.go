package announce_test

import (
	"context"
	stdhtml "html"
	"mime"
	"net/mail"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/readout"
	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/internal/testdb"
)

// TestAnnouncementsInRecipientsLanguage: the voice-of-the-developer email
// reaches a person whose language is Spanish in Spanish (subject, body,
// findings), and an address nobody in the directory has in English; a
// lead who reads Spanish gets their Slack message in Spanish.
func TestAnnouncementsInRecipientsLanguage(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		wd := newWorld(t, db)
		cto := directory.Person{Name: "Carmen Ortiz", Email: "cto@example.com", Active: true, Language: i18n.Spanish}
		if err := wd.w.Dir.CreatePerson(ctx, &cto); err != nil {
			t.Fatal(err)
		}
		if err := db.Model(&directory.Person{}).Where("id = ?", leadID(t, db, "UA")).Update("language", i18n.Spanish).Error; err != nil {
			t.Fatal(err)
		}
		q2 := wd.q2.Snapshot.ID
		db.Exec("DELETE FROM result_snapshots WHERE snapshot_id = ?", q2)
		h := start(t, db, wd)
		h.waitSent(t, q2, 1+4+2)
		org, err := wd.w.Results.Org(ctx, results.OrgQuery{SnapshotID: q2})
		if err != nil {
			t.Fatal(err)
		}
		es := h.voiceEmail(t, "cto@example.com", "La voz de los desarrolladores: 2026 Q2")
		checkVoiceIn(t, es, i18n.Spanish, org, "Lo que nos dijeron los desarrolladores", "Voice of the developer", "invited people answered")
		en := h.voiceEmail(t, "eng-all@example.com", "Voice of the developer: 2026 Q2")
		checkVoiceIn(t, en, i18n.English, org, "What developers told us", "La voz", "personas invitadas")

		dm := postsTo(h.slack.Posts(), "UA", "2026 Q2")
		if len(dm) != 1 || !strings.Contains(dm[0], "los resultados de tu equipo en *2026 Q2* ya están listos") ||
			!strings.Contains(dm[0], "satisfacción general") {
			t.Errorf("the Spanish lead's message: %q", dm)
		}
		if dm := postsTo(h.slack.Posts(), "UE", "2026 Q2"); len(dm) != 1 || !strings.Contains(dm[0], "your teams' results") {
			t.Errorf("the English lead's message: %q", dm)
		}
	})
}

// voiceMail is one received email: its subject, text and HTML.
type voiceMail struct{ subject, text, html string }

// voiceEmail is the email to addr whose subject is subject.
func (h harness) voiceEmail(t *testing.T, addr, subject string) voiceMail {
	t.Helper()
	for _, m := range h.smtp.To(addr) {
		if got := mailSubject(t, m.Data); got == subject {
			text, html := parts(t, m.Data)
			return voiceMail{subject: got, text: text, html: stdhtml.UnescapeString(html)}
		}
	}
	t.Fatalf("%s got no email with subject %q (%d messages)", addr, subject, len(h.smtp.To(addr)))
	return voiceMail{}
}

// checkVoiceIn: the email is in lang, with every finding of the summary
// in that language, and none of the other language's words.
func checkVoiceIn(t *testing.T, m voiceMail, lang string, org results.OrgDashboard, want string, unwanted ...string) {
	t.Helper()
	if !strings.Contains(m.html, `<html lang="`+lang+`">`) {
		t.Errorf("%s email's HTML has no lang %s", lang, lang)
	}
	for _, body := range []string{m.text, m.html} {
		if !strings.Contains(body, want) {
			t.Errorf("%s email lacks %q:\n%s", lang, want, body)
		}
		for _, f := range readout.Summary(i18n.For(lang), org) {
			for _, s := range append([]string{f.Heading, f.Big, f.Text}, f.Items...) {
				if !strings.Contains(body, s) {
					t.Errorf("%s email lacks %q of finding %s", lang, s, f.Key)
				}
			}
		}
		for _, u := range unwanted {
			if strings.Contains(body, u) {
				t.Errorf("%s email has %q:\n%s", lang, u, body)
			}
		}
	}
}

// mailSubject is a mail's decoded subject.
func mailSubject(t *testing.T, data string) string {
	t.Helper()
	m, err := mail.ReadMessage(strings.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	s, err := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}
