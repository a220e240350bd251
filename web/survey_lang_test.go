package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testdb"
)

func getLang(t *testing.T, s *Server, path, accept string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	if accept != "" {
		req.Header.Set("Accept-Language", accept)
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("GET %s: %d", path, rec.Code)
	}
	return rec
}

// A respondent whose browser asks for Spanish reads the survey in Spanish:
// the page's language, its words, the fixed scales, and the default
// drivers and template questions the admins' translations cover. A
// question nobody translated shows in English.
func TestSurveyInSpanish(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s := newTestServer(t, db, "http://localhost")
		token, o := openLinkSurvey(t, db)
		link := "/s/" + token

		rec := getLang(t, s, link+"?section=1", "es-ES,es;q=0.9,en;q=0.5")
		body := rec.Body.String()
		text := pageText(body)
		for _, want := range []string{
			`<html lang="es">`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("no %q in the page", want)
			}
		}
		for _, want := range []string{
			"Tus respuestas son confidenciales", "Siguiente sección", "Tu experiencia como desarrollador",
			"Totalmente de acuerdo", "No aplica", fmt.Sprintf("0 de %d preguntas respondidas", len(o.Questions)),
			"Nuestra CI me da resultados fiables", // a default driver's statement, from the migration
		} {
			if !strings.Contains(text, want) {
				t.Errorf("no %q in\n%s", want, text)
			}
		}
		if strings.Contains(text, "Next section") || strings.Contains(text, "Strongly agree") {
			t.Error("English words on the Spanish page")
		}
		if !strings.Contains(strings.Join(rec.Header().Values("Vary"), ","), "Accept-Language") {
			t.Error("no Vary: Accept-Language")
		}

		// Without the header, English, as before.
		en := getLang(t, s, link+"?section=1", "")
		if !strings.Contains(en.Body.String(), `<html lang="en">`) || !strings.Contains(pageText(en.Body.String()), "Next section") {
			t.Error("the page without Accept-Language is not English")
		}

		// Submitting with answers missing: the summary and notes in Spanish.
		req := postFormLang(t, s, link, url.Values{"section": {fmt.Sprint(len(o.Sections))}, "go": {"submit"}}, "es")
		if req.Code != http.StatusUnprocessableEntity {
			t.Fatalf("submit: %d", req.Code)
		}
		text = pageText(req.Body.String())
		for _, want := range []string{"preguntas aún necesitan respuesta", "Esta pregunta necesita una respuesta.", "Tus respuestas están guardadas"} {
			if !strings.Contains(text, want) {
				t.Errorf("no %q in\n%s", want, text)
			}
		}
	})
}

// A person's own setting wins over the browser's, and an admin's
// translation of a question shows where given; the rest stays English.
func TestSurveyFollowsPersonsLanguage(t *testing.T) {
	db := testdb.SQLite(t)
	s := newTestServer(t, db, "http://localhost")
	token, o := openLinkSurvey(t, db)
	ctx := context.Background()
	dir := directory.NewStore(db)
	people, _, err := dir.People(ctx, directory.PeopleQuery{})
	if err != nil || len(people) == 0 {
		t.Fatal(err)
	}
	if err := dir.SetLanguage(ctx, people[0].ID, "es"); err != nil {
		t.Fatal(err)
	}
	if err := dir.SetLanguage(ctx, people[0].ID, "tlh"); err == nil {
		t.Error("an unsupported language was stored")
	}
	store := survey.NewStore(db, testQueue(t, db))
	var comments survey.Question
	for _, q := range o.Questions {
		if q.Key == survey.KeyComments {
			comments = q
		}
	}
	// Remove the template's Spanish for one question: it falls back to English.
	if err := store.SetTranslations(ctx, survey.TrQuestion, comments.ID, "es", map[string]string{"prompt": "", "help": ""}); err != nil {
		t.Fatal(err)
	}
	last := fmt.Sprintf("/s/%s?section=%d", token, len(o.Sections))
	text := pageText(getLang(t, s, last, "en-US").Body.String())
	for _, want := range []string{"Enviar respuestas", comments.Prompt, "En general, estoy satisfecho"} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in\n%s", want, text)
		}
	}
}

func postFormLang(t testing.TB, s *Server, path string, form url.Values, accept string) *httptest.ResponseRecorder {
	t.Helper()
	form.Set("_csrf", "x")
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept-Language", accept)
	req.AddCookie(&http.Cookie{Name: "devpulse_csrf", Value: "x"})
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	return rec
}
