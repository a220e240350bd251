package web

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/pulse"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testdb"
)

// An admin who chose Spanish reads the snapshot, driver and pulse pages in
// Spanish: words, confirm dialogs, validation messages and dates, and none
// of the English they replaced.
func TestAdminSurveyPagesInSpanish(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		a := newAdminClient(t, db)
		var grace directory.Person
		if err := db.Where("email = ?", "grace@example.com").First(&grace).Error; err != nil {
			t.Fatal(err)
		}
		if err := directory.NewStore(db).SetLanguage(context.Background(), grace.ID, "es"); err != nil {
			t.Fatal(err)
		}
		snap := newSnapshot(t, a, survey.StartTemplate)
		base := fmt.Sprintf("/admin/snapshots/%d", snap.ID)
		// Monday 4 March 2030, 09:00 in Madrid.
		expect(t, a.post(base+"/settings", url.Values{"title": {"2030 T1"}, "time_zone": {"Europe/Madrid"}, "audience": {"all"},
			"opens_at": {"2030-03-04T09:00"}, "closes_at": {"2030-03-18T17:00"}}), http.StatusSeeOther)
		a.flash = nil
		expect(t, a.post(base+"/schedule", nil), http.StatusSeeOther)

		spanishPage(t, a.get("/admin/snapshots").Body.String(), []string{"Encuestas", "Nueva encuesta", "Programada", "lun 4 mar 2030, 09:00 CET", "Zona horaria"},
			[]string{"Survey snapshots", "New snapshot", "Scheduled", "Mon 4 Mar", "Time zone"})
		spanishPage(t, a.get(base).Body.String(), []string{"Estado", "Abrir ahora", "Volver a borrador", "Al abrirla se invita a", "¿Abrir «2030 T1» ahora? Se invita a",
			"Ajustes", "Preguntas", "Valoración (acuerdo en 5 puntos)", "+ Añadir una pregunta", "¿Borrar esta pregunta?", "lun 4 mar 2030"},
			[]string{"Open now", "Back to draft", "Opening invites", "This invites", "Settings", "Rating (5-point agreement)", "Add a question",
				"Delete this question?", "Mon 4 Mar"})

		// Opened: the participation so far and the close dialog.
		expect(t, a.post(base+"/open", nil), http.StatusSeeOther)
		open := a.get(base)
		spanishPage(t, open.Body.String(), []string{"Abierta: se puede responder hasta el", "Han respondido hasta ahora:", "participación por equipo",
			"Cerrar ahora", "¿Cerrar «2030 T1» ahora?", "Ampliar"},
			[]string{"Answered so far", "Close now", "Nobody can answer after this", "Extend"})

		draft := newSnapshot(t, a, survey.StartTemplate)
		o, err := a.s.surveys.Outline(context.Background(), draft.ID)
		if err != nil {
			t.Fatal(err)
		}
		q := o.Questions[len(o.Questions)-1]
		qURL := fmt.Sprintf("/admin/snapshots/%d/questions/%d", draft.ID, q.ID)
		spanishPage(t, a.get(qURL).Body.String(), []string{"Editar la pregunta", "Tipo de pregunta", "Texto de ayuda", "Guardar pregunta", "Cancelar"},
			[]string{"Edit question", "Kind of question", "Help text", "Save question"})
		bad := a.post(qURL, url.Values{"section": {fmt.Sprint(q.SectionID)}, "kind": {"text"}, "prompt": {""}, "max_length": {"2000"}})
		expect(t, bad, http.StatusUnprocessableEntity)
		if got := testText(bad.Body.String(), "error-prompt"); got != "Escribe la pregunta que la gente responderá." {
			t.Errorf("empty prompt: %q", got)
		}
		spanishPage(t, bad.Body.String(), []string{"Aún no se ha guardado nada"}, []string{"Write the question people will answer", "Nothing was saved"})
		spanishPage(t, a.get(fmt.Sprintf("/admin/snapshots/%d/preview", draft.ID)).Body.String(), []string{"Vista previa", "Móvil", "Escritorio"},
			[]string{"What respondents see", "Phone", "Desktop"})

		drivers := a.get("/admin/drivers")
		spanishPage(t, drivers.Body.String(), []string{"Biblioteca de factores", "En uso", "Añadir un factor", "Enunciado que se valora", "Retirar"},
			[]string{"Driver library", "In use", "Add a driver", "Statement people rate", "Retire"})
		var d survey.Driver
		if err := db.Where("retired_at IS NULL").Order("position").First(&d).Error; err != nil {
			t.Fatal(err)
		}
		spanishPage(t, a.get(fmt.Sprintf("/admin/drivers/%d", d.ID)).Body.String(), []string{"Editar el factor", "Guardar texto", "Las encuestas conservan el texto"},
			[]string{"Edit driver", "Save wording", "Snapshots keep the wording"})
		checkPulsePagesInSpanish(t, a, db, d.Key)

		// Without a setting, the browser's language decides.
		if err := directory.NewStore(db).SetLanguage(context.Background(), grace.ID, ""); err != nil {
			t.Fatal(err)
		}
		spanishPage(t, a.getLang("/admin/drivers", "es-ES,es;q=0.9").Body.String(), []string{"Biblioteca de factores"}, []string{"Driver library"})
		if en := pageText(a.get("/admin/drivers").Body.String()); !strings.Contains(en, "Driver library") {
			t.Errorf("English without a setting or header:\n%s", en)
		}
	})
}

// checkPulsePagesInSpanish: the programme list and form, a validation
// message, the team dashboard's pulse section and the weekly page.
func checkPulsePagesInSpanish(t *testing.T, a *adminClient, db *gorm.DB, driver string) {
	t.Helper()
	team, _, people := pulseOrg(t, db, directory.Person{Email: "ana@example.com", Name: "Ana"})
	d := pulse.Definition{Key: "deploys", Name: "Deploys", OwnerTeam: team.Path, Driver: driver, SamplePercent: 100, ExpiryHours: 72,
		Questions: pulse.Questions{Rating: "How was this deploy?"}}
	d.Trigger.Type = "deploy.completed"
	prog, _, err := a.s.pulse.svc.Save(context.Background(), d, "test")
	if err != nil {
		t.Fatal(err)
	}
	storeAsk(t, db, prog, people[0], time.Now().UTC(), 4)
	spanishPage(t, a.get("/admin/pulse").Body.String(), []string{"Programas de pulso", "Activo", "Resultados semanales", "Pausar", "Nuevo programa", "Crear programa", "Ritmo"},
		[]string{"Pulse programmes", "Weekly results", "New programme", "Create programme", "Pacing"})
	bad := a.post("/admin/pulse", url.Values{"key": {"x2"}, "name": {"X"}, "owner_team": {team.Path}, "event_type": {"deploy.completed"},
		"rating": {"How?"}, "sample_percent": {"many"}})
	expect(t, bad, http.StatusUnprocessableEntity)
	if got := testText(bad.Body.String(), "error-sample_percent"); got != "Debe ser un número entero." {
		t.Errorf("sample in words: %q", got)
	}
	spanishPage(t, bad.Body.String(), []string{"El programa no se ha guardado"}, []string{"The programme was not saved"})
	spanishPage(t, a.get(fmt.Sprintf("/teams/%d/pulse/%d", team.ID, prog.ID)).Body.String(), []string{"Deploys · semanal", "no muestran números ni comentarios", "esta semana: no se muestra nada"},
		[]string{"· weekly", "show no numbers", "Fewer than"})
	spanishPage(t, a.get(fmt.Sprintf("/teams/%d", team.ID)).Body.String(), []string{"Pulso entre trimestres", "Tasa de respuesta al pulso", "Semana"},
		[]string{"Pulse between quarters", "Pulse response rate", "Weekly favorable"})
}

// spanishPage checks a page is in Spanish: <html lang="es">, every want,
// and none of the English it used to show (in its text or its attributes:
// confirm dialogs and labels for screen readers count too). It returns the
// page's text.
func spanishPage(t *testing.T, page string, want, english []string) string {
	t.Helper()
	body := html.UnescapeString(page)
	text := pageText(page)
	head := text[:min(len(text), 60)]
	if !strings.Contains(body, `<html lang="es">`) {
		t.Errorf("%q: not lang=es", head)
	}
	for _, w := range want {
		if !strings.Contains(text, w) && !strings.Contains(body, w) {
			t.Errorf("%q: no %q in\n%s", head, w, text)
		}
	}
	for _, e := range english {
		if strings.Contains(body, e) {
			t.Errorf("%q: English %q on the Spanish page", head, e)
		}
	}
	return text
}

// getLang is a GET as the admin from a browser that asks for accept.
func (a *adminClient) getLang(path, accept string) *httptest.ResponseRecorder {
	a.t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.Header.Set("Accept-Language", accept)
	req.AddCookie(&http.Cookie{Name: sessionCookie, Value: a.cookie})
	rec := httptest.NewRecorder()
	a.s.Handler().ServeHTTP(rec, req)
	return rec
}
