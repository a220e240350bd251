package web

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/internal/results/resultstest"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testdb"
)

// A lead who reads devpulse in Spanish reads the team pages in Spanish:
// the team list, the dashboard with its headline, strengths and
// opportunities, goals, net promoter score and other questions, a
// driver's page and the system metrics, with the admins' Spanish driver
// names and prompts and decimals written 4,0.
func TestTeamPagesInSpanish(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		s := newTestServer(t, db, "http://localhost")
		f, w := leadWorld(t, db)
		extra := []survey.Question{{Kind: survey.KindNPS, Key: "nps_platform", Prompt: "How likely are you to recommend this platform to a friend?"}}
		o := w.SnapshotWith(t, "2026 Q3", extra, func(p directory.Person) *resultstest.Answers {
			a := &resultstest.Answers{Ratings: map[string]int{survey.KeyOverall: 4, "local_env": 4}, NPS: map[string]int{"nps_platform": 9}, Hours: 2.5}
			return a
		})
		for _, q := range o.Questions {
			if q.Key == "nps_platform" {
				if err := w.Surveys.SetTranslations(ctx, survey.TrQuestion, q.ID, i18n.Spanish, map[string]string{"prompt": "¿Recomendarías esta plataforma?"}); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := directory.NewStore(db).SetLanguage(ctx, f.people[leadA], i18n.Spanish); err != nil {
			t.Fatal(err)
		}
		team := fmt.Sprintf("/teams/%d", f.teamA.ID)
		get := func(path string) string {
			t.Helper()
			rec := f.formRequest(t, s, http.MethodGet, path, leadA, nil)
			if rec.Code != http.StatusOK {
				t.Fatalf("GET %s: %d", path, rec.Code)
			}
			return rec.Body.String()
		}

		// A goal the form refuses says why in Spanish; then one it takes.
		bad := f.formRequest(t, s, http.MethodPost, team+"/goals", leadA, url.Values{"driver": {"local_env"}, "kind": {"score"}, "target": {"lots"}, "reason": {"x"}})
		if msg, _ := testID(bad.Body.String(), "error-target"); bad.Code != http.StatusUnprocessableEntity || msg != "Escribe un número entero, por ejemplo 70." {
			t.Errorf("goal error %d %q", bad.Code, msg)
		}
		goal := url.Values{"driver": {"local_env"}, "kind": {"points"}, "target": {"10"}, "reason": {"Montar el entorno lleva un día"}}
		if rec := f.formRequest(t, s, http.MethodPost, team+"/goals", leadA, goal); rec.Code != http.StatusSeeOther {
			t.Fatalf("set goal: %d", rec.Code)
		}

		body := get(team)
		if got, want := testText(body, "headline"), "Satisfacción general 100, sube 100 puntos desde 2026 Q2, un cambio real. Eso es al nivel de la organización (100)."; got != want {
			t.Errorf("headline %q, want %q", got, want)
		}
		spanishPage(t, body, []string{"Resultados", "Factores", "Fortalezas", "Oportunidades", "Puntuación", "Prioridad",
			"Configuración del entorno local", "cambio real", "|z| ≥ 1,96", "Tendencia entre encuestas", "Comentarios en 2026 Q3",
			"Índice de recomendación neta", "¿Recomendarías esta plataforma?", "Promotores (9–10)",
			"Otras preguntas", "Mediana", "2,5 horas por semana", "Objetivos", "mejorar 10 puntos", "Fijar objetivo",
			"Miembros activos", "Subequipos", "Descargar 2026 Q3 para este equipo"},
			[]string{"Overall satisfaction", "Results", "Strengths", "Opportunities", "real change", "Change since", "Local environment setup",
				"Net promoter score", "Other questions", "hours per week", "Goals", "Set goal", "Active members", "Download"})
		// The mean is a decimal: one place, with a decimal comma.
		row := upTo(body, `data-driver="local_env"`, "</tr>")
		if !strings.Contains(row, ">4,0<") {
			t.Errorf("the local environment's mean is not 4,0: %s", row)
		}
		chart := html.UnescapeString(body[strings.Index(body, `data-testid="trend-chart"`)-2000:])
		if !strings.Contains(chart, `"% favorable"`) || !strings.Contains(chart, `"Satisfacción general"`) {
			t.Errorf("the trend chart is not in Spanish")
		}

		body = get(team + "/drivers/local_env")
		if got, want := testText(body, "headline"), "Configuración del entorno local 100, sin cambios desde 2026 Q2, dentro del ruido. Eso es al nivel de la organización (100)."; got != want {
			t.Errorf("driver headline %q, want %q", got, want)
		}
		spanishPage(t, body, []string{"Historial", "Por segmento, 2026 Q3", "Modalidad de trabajo", "en remoto", "Media (de 1 a 5)", "4,0", "100% de acuerdo"},
			[]string{"History", "By segment", "Work arrangement", "Mean (1 to 5)", "agree"})

		spanishPage(t, get("/teams"), []string{"Equipos", "Los equipos que diriges", "Personas", "Con subequipos", "Responsables"},
			[]string{"The teams you lead", "People", "Incl. sub-teams", "Leads"})

		// While a snapshot is open the page says how far the team has
		// answered, in a band worded in Spanish too.
		openSnapshot(t, w, "2026 Q4")
		body = get(team)
		open := pageText(upTo(body, `data-testid="open-snapshot"`, "</p>"))
		if !strings.Contains(open, "Han respondido hasta ahora: 0–10% de") && !strings.Contains(open, "Han respondido hasta ahora: menos de 5 invitadas") {
			t.Errorf("open snapshot notice %q", open)
		}
		for _, english := range []string{"everyone", "fewer than", "invited:"} {
			if strings.Contains(open, english) {
				t.Errorf("open snapshot notice %q: English %q", open, english)
			}
		}
	})
}

// The system metrics beside a team's drivers read in Spanish too: the
// section's words, the direction and signal, ratios with a decimal comma
// and the chart's series.
func TestTeamMetricsInSpanish(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		team, _ := metricsTeam(t, db)
		a := newAdminClient(t, db)
		grace, err := directory.NewStore(db).PersonByEmail(ctx, "grace@example.com")
		if err != nil {
			t.Fatal(err)
		}
		if err := directory.NewStore(db).SetLanguage(ctx, grace.ID, i18n.Spanish); err != nil {
			t.Fatal(err)
		}
		body := a.get(fmt.Sprintf("/teams/%d", team.ID)).Body.String()
		text := pageText(body)
		for _, want := range []string{"Métricas de sistema junto a los factores", "más bajo es mejor", "empeorando", "20,0%", "10,0%", "Semana", "Fiabilidad de la CI"} {
			if !strings.Contains(text, want) {
				t.Errorf("no %q in\n%s", want, text)
			}
		}
		for _, english := range []string{"System metrics", "lower is better", "worsening", "20.0%", "CI reliability"} {
			if strings.Contains(text, english) {
				t.Errorf("English %q left", english)
			}
		}
		if chart := html.UnescapeString(body); !strings.Contains(chart, `"Fiabilidad de la CI (puntuación)"`) {
			t.Error("the metrics chart's score series is not in Spanish")
		}
	})
}

// A number question's bars are written from their numbers, with the
// reader's decimal separator and unit; other bars keep their label.
func TestNumberLabelInSpanish(t *testing.T) {
	es := i18n.For(i18n.Spanish)
	for _, tt := range []struct {
		bar  results.Share
		want string
	}{
		{results.Share{Label: "2.5 hours", Number: true, From: 2.5, To: 2.5}, "2,5 horas"},
		{results.Share{Label: "0–2.5 hours", Number: true, From: 0, To: 2.5}, "0–2,5 horas"},
		{results.Share{Label: "1250 hours", Number: true, From: 1250, To: 1250}, "1.250 horas"},
		{results.Share{Label: "Yes"}, "Yes"},
	} {
		if got := numberLabel(es, tt.bar, "horas"); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.bar, got, tt.want)
		}
	}
}
