package e2e

import (
	"context"
	"io"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testbrowser"
	"github.com/devpulse/devpulse/internal/testdb"
	"github.com/devpulse/devpulse/internal/testslack"
	"github.com/devpulse/devpulse/internal/testsmtp"
)

// TestSurveyInSpanish: a respondent who reads Spanish (their setting, and
// their browser's Accept-Language) gets the invitation by email in
// Spanish, through the real job runner and SMTP server, follows its link,
// answers every section in Spanish in Chromium and is thanked in Spanish.
func TestSurveyInSpanish(t *testing.T) {
	db := testdb.SQLite(t)
	smtp := testsmtp.Start(t)
	base, _ := startNotifyingServer(t, db, smtp, testslack.Start(t))
	person := openSpanishSurvey(t, db)

	subject, body := readMail(t, smtp.Wait(t, 1)[0])
	for _, want := range []string{"Tu encuesta de experiencia de desarrollo 2026 Q4", "Hola, Rosa:", "Empezar la encuesta", " a las "} {
		if !strings.Contains(subject+"\n"+body, want) {
			t.Errorf("no %q in the invitation:\n%s\n%s", want, subject, body)
		}
	}
	link := regexp.MustCompile(regexp.QuoteMeta(base) + `/s/[A-Za-z0-9_-]+`).FindString(body)
	if link == "" {
		t.Fatalf("no personal link in\n%s", body)
	}
	if got := smtp.To(person.Email); len(got) != 1 {
		t.Fatalf("%d mails to %s", len(got), person.Email)
	}

	b := testbrowser.New(t)
	b.Run(network.Enable(), network.SetExtraHTTPHeaders(network.Headers{"Accept-Language": "es-ES,es;q=0.9"}))
	spanishPages(t, b, link)
	answerAllInSpanish(t, b)
}

// openSpanishSurvey adds Rosa, who chose Spanish, and opens a template
// snapshot for everyone; the job runner sends the invitations.
func openSpanishSurvey(t *testing.T, db *gorm.DB) directory.Person {
	t.Helper()
	ctx := context.Background()
	team, err := directory.EnsureTeam(ctx, db, "Ingeniería")
	if err != nil {
		t.Fatal(err)
	}
	p := directory.Person{Email: "rosa@example.com", Name: "Rosa", TeamID: &team.ID, JobRole: "backend",
		WorkArrangement: directory.Remote, Active: true, CreatedAt: time.Now(), UpdatedAt: time.Now()}
	dir := directory.NewStore(db)
	if err := dir.CreatePerson(ctx, &p); err != nil {
		t.Fatal(err)
	}
	if err := dir.SetLanguage(ctx, p.ID, "es"); err != nil {
		t.Fatal(err)
	}
	store := survey.NewStore(db, testQueue(t, db))
	snap, err := store.CreateSnapshot(ctx, survey.NewSnapshot{Title: "2026 Q4", Start: survey.StartTemplate, TimeZone: "Europe/Madrid"}, "admin")
	if err != nil {
		t.Fatal(err)
	}
	opens, closes := time.Now().Add(time.Hour), time.Date(2026, 12, 21, 18, 0, 0, 0, time.UTC)
	if closes.Before(time.Now().Add(48 * time.Hour)) {
		closes = time.Now().Add(14 * 24 * time.Hour)
	}
	st := survey.Settings{Title: "2026 Q4", TimeZone: "Europe/Madrid", OpensAt: &opens, ClosesAt: &closes, AudienceAll: true, ReminderDays: "3,1"}
	if err := store.UpdateSettings(ctx, snap.ID, st, "admin"); err != nil {
		t.Fatal(err)
	}
	if err := store.Schedule(ctx, snap.ID, "admin"); err != nil {
		t.Fatal(err)
	}
	if err := store.OpenNow(ctx, snap.ID, "admin"); err != nil {
		t.Fatal(err)
	}
	return p
}

// readMail decodes a captured message's subject and its text.
func readMail(t *testing.T, m testsmtp.Message) (subject, body string) {
	t.Helper()
	msg, err := mail.ReadMessage(strings.NewReader(m.Data))
	if err != nil {
		t.Fatal(err)
	}
	subject, err = new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(quotedprintable.NewReader(msg.Body))
	if err != nil {
		t.Fatal(err)
	}
	return subject, string(raw)
}

// spanishPages checks the first page in Spanish and keeps screenshots of
// it at desktop and phone widths.
func spanishPages(t *testing.T, b *testbrowser.Browser, link string) {
	t.Helper()
	var lang, text string
	b.Run(
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(link),
		chromedp.WaitVisible(`[data-testid="survey-form"]`, chromedp.ByQuery),
		chromedp.Evaluate(`document.documentElement.lang`, &lang),
		chromedp.Text(`main`, &text, chromedp.ByQuery),
	)
	if lang != "es" {
		t.Errorf("<html lang=%q>", lang)
	}
	for _, want := range []string{"Tus respuestas son confidenciales", "Tu experiencia como desarrollador", "Totalmente de acuerdo", "preguntas respondidas", "Siguiente sección"} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q on the first page:\n%s", want, text)
		}
	}
	b.Screenshot("survey-es-1280")
	b.Run(chromedp.EmulateViewport(375, 812), chromedp.Reload(), chromedp.WaitVisible(`[data-testid="survey-form"]`, chromedp.ByQuery))
	b.Screenshot("survey-es-375")
	b.ScreenshotElement("survey-es-375-head", `.survey-head`)
	b.Run(chromedp.EmulateViewport(1280, 900))
}

// answerAllInSpanish fills every section and submits; the autosave line,
// the last page and the thank-you page speak Spanish.
func answerAllInSpanish(t *testing.T, b *testbrowser.Browser) {
	t.Helper()
	b.Run(
		chromedp.Click(`[data-kind="rating"] input[value="4"]`, chromedp.ByQuery),
		chromedp.Poll(`document.querySelector('[data-testid="save-status"]').textContent.includes('guardadas')`, nil, chromedp.WithPollingTimeout(10*time.Second)),
	)
	for {
		var last bool
		b.Run(
			chromedp.Evaluate(fillPage, nil),
			chromedp.Evaluate(`!document.querySelector('[data-testid="survey-next"]')`, &last),
		)
		if last {
			break
		}
		b.ClickNavigate(`[data-testid="survey-next"]`)
	}
	var text string
	b.Run(chromedp.Text(`main`, &text, chromedp.ByQuery))
	for _, want := range []string{"Contacto sobre tus comentarios", "Enviar respuestas", "En general, estoy satisfecho"} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q on the last page:\n%s", want, text)
		}
	}
	b.ClickNavigate(`button[value="submit"]`)
	b.Run(
		chromedp.WaitVisible(`[data-testid="survey-done"], [data-testid="survey-problem"]`, chromedp.ByQuery),
		chromedp.Text(`main`, &text, chromedp.ByQuery),
	)
	b.Screenshot("survey-es-done")
	if !strings.Contains(text, "Gracias") || !strings.Contains(text, "Cambiar mis respuestas") {
		t.Fatalf("after submitting:\n%s", text)
	}
}
