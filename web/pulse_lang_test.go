package web

import (
	"context"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/config"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/pulse"
	"github.com/devpulse/devpulse/internal/testdb"
)

// A respondent whose browser asks for Spanish reads an emailed pulse
// link's page in Spanish; without the header, English, as before.
func TestPulseLinkInSpanish(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s := newTestServer(t, db, "http://localhost")
		_, _, people := pulseOrg(t, db, directory.Person{Email: "ada@example.com", Name: "Ada"})
		d := pulse.Definition{Key: "deploys", Name: "Deploys", OwnerTeam: "Eng/Platform", SamplePercent: 100, ExpiryHours: 72,
			Questions: pulse.Questions{Rating: "How was this deploy?", Comment: "What got in the way?"}}
		d.Trigger.Type = "deploy.completed"
		prog, _, err := s.pulse.svc.Save(context.Background(), d, "test")
		if err != nil {
			t.Fatal(err)
		}
		storeAsk(t, db, prog, people[0], time.Now().UTC(), 0)
		if err := db.Model(&pulse.Ask{}).Where("person_id = ?", people[0].ID).Update("token_hash", auth.Hash("tok-es")).Error; err != nil {
			t.Fatal(err)
		}

		rec := getLang(t, s, "/p/tok-es?rating=4", "es-ES,es;q=0.9")
		body := rec.Body.String()
		text := pageText(body)
		if !strings.Contains(body, `<html lang="es">`) || !strings.Contains(body, `value="4" checked`) {
			t.Error("the Spanish page is not lang=es with the rating preselected")
		}
		for _, want := range []string{"Una pregunta rápida", "Confirma tu valoración", "1 · Muy mal", "5 · Muy bien", "(opcional)", "Enviar respuesta", "preguntada el"} {
			if !strings.Contains(text, want) {
				t.Errorf("no %q in\n%s", want, text)
			}
		}
		if strings.Contains(text, "Send answer") || strings.Contains(text, "Very poor") {
			t.Error("English words on the Spanish page")
		}

		en := pageText(getLang(t, s, "/p/tok-es", "").Body.String())
		for _, want := range []string{"Quick question", "Confirm your rating below", "1 · Very poor", "(optional)", "Send answer", "Deploys · asked"} {
			if !strings.Contains(en, want) {
				t.Errorf("no %q in the English page\n%s", want, en)
			}
		}
	})
}

// A respondent who chose Spanish reads their pulse page in Spanish,
// settings lists included; one who chose nothing reads it in English.
func TestPulsePageInPersonsLanguage(t *testing.T) {
	db := testdb.SQLite(t)
	s := newTestServer(t, db, "http://localhost")
	f := newFixture(t, db)
	if err := directory.NewStore(db).SetLanguage(context.Background(), f.people[respondent], "es"); err != nil {
		t.Fatal(err)
	}
	rec := f.request(t, s, "GET", "/pulse", respondent)
	body := rec.Body.String()
	text := pageText(body)
	if rec.Code != 200 || !strings.Contains(body, `<html lang="es">`) {
		t.Fatalf("GET /pulse in Spanish: %d", rec.Code)
	}
	for _, want := range []string{"Encuestas de pulso", "Pendientes", "¿Cada cuánto podemos preguntarte?", "Como mucho una vez al mes",
		"Slack si lo tengo; si no, correo", "Guardar ajustes", "Tu historial"} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in\n%s", want, text)
		}
	}
	if err := directory.NewStore(db).SetLanguage(context.Background(), f.people[respondent], ""); err != nil {
		t.Fatal(err)
	}
	en := pageText(f.request(t, s, "GET", "/pulse", respondent).Body.String())
	for _, want := range []string{"Pulse surveys", "Waiting for you", "How often may we ask you?", "At most monthly", "Save settings", "Whatever you choose, nobody is asked"} {
		if !strings.Contains(en, want) {
			t.Errorf("no %q in the English page\n%s", want, en)
		}
	}
}

// The widget's ask carries its ratings and words in the person's
// language, English when they chose none.
func TestWidgetAskInPersonsLanguage(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		l := startPulseLive(t, db, func(c *config.Config) { c.WidgetOrigins = toolOrigin })
		_, _, people := pulseOrg(t, db, directory.Person{Email: "di@example.com", Name: "Di"})
		di := people[0]
		deployProgramme(t, l.pulse.svc)
		if err := l.pulse.svc.SetPrefs(context.Background(), di.ID, "", string(pulse.ChanTools)); err != nil {
			t.Fatal(err)
		}
		l.sendEvent(t, "di@example.com", "deploy-1")
		waitAsk(t, db, di.ID)
		l.signInLive(t, db, di.ID)
		for lang, want := range map[string][2]string{"es": {"1 · Muy mal", "Enviar"}, "": {"1 · Very poor", "Send"}} {
			if err := directory.NewStore(db).SetLanguage(context.Background(), di.ID, lang); err != nil {
				t.Fatal(err)
			}
			_, out := widgetCall(t, l.client, l.URL, "GET", "/widget/ask", toolOrigin, "", "")
			a, _ := out["ask"].(map[string]any)
			ratings, _ := a["ratings"].([]any)
			labels, _ := a["labels"].(map[string]any)
			if len(ratings) != 5 || ratings[0] != want[0] || labels["send"] != want[1] {
				t.Errorf("%q: ask %v", lang, a)
			}
		}
	})
}
