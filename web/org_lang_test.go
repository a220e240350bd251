package web

import (
	"context"
	stdhtml "html"
	"net/http"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/readout"
	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/internal/results/resultstest"
	"github.com/devpulse/devpulse/internal/testdb"
)

// TestOrgPagesInSpanish: an executive who chose Spanish reads the
// organisation's pages in Spanish: headings, the executive summary's
// findings, numbers written the Spanish way, <html lang="es">, and none of
// the English words they replace.
func TestOrgPagesInSpanish(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s := newTestServer(t, db, "http://localhost")
		f, w := sharedWorld(t, db)
		answers := func(rating int) func(p directory.Person) *resultstest.Answers {
			return func(p directory.Person) *resultstest.Answers {
				a := snapshotAnswers(rating)(p)
				a.Hours = 3.5
				return a
			}
		}
		w.Snapshot(t, "2026 Q1", answers(4))
		q2 := w.Snapshot(t, "2026 Q2", answers(2)).Snapshot
		if err := db.Model(&directory.Person{}).Where("id = ?", f.people[executive]).Update("language", i18n.Spanish).Error; err != nil {
			t.Fatal(err)
		}
		org, err := w.Results.Org(context.Background(), results.OrgQuery{SnapshotID: q2.ID})
		if err != nil {
			t.Fatal(err)
		}
		summary := readout.Summary(i18n.For(i18n.Spanish), org)
		var sentences []string
		for _, fd := range summary {
			sentences = append(append(sentences, fd.Heading, fd.Text), fd.Items...)
			if fd.Key == "ai" && !strings.Contains(fd.Big, ",") {
				t.Errorf("AI capacity %q is not written with a decimal comma", fd.Big)
			}
		}
		for _, tc := range []struct {
			path          string
			want, english []string
		}{
			{"/org", []string{"Organización", "Participación por equipo", "Equipos y factores", "Satisfacción general", "Mejoras significativas"},
				[]string{"Participation by team", "Teams and drivers", "Overall satisfaction", "Significant declines", "Heatmap shows"}},
			{"/org/readout", append([]string{"Experiencia de desarrollo: 2026 Q2", "Imprimir o guardar como PDF",
				"personas invitadas respondieron a 2026 Q2", "Mayores caídas", "Es decir, "}, sentences...),
				[]string{"Print or save as PDF", "invited people answered", "Biggest declines", "That is down", "Overall satisfaction"}},
			{"/org/present", append([]string{"Usa las flechas del teclado", "Siguiente →", "Volver al informe"}, sentences...),
				[]string{"Next →", "Back to the readout", "Developer experience", "Biggest declines"}},
			{"/participation", []string{"Participación", "Respondidas", "Con subequipos", "personas invitadas han respondido"},
				[]string{"Submitted", "With sub-teams", "invited people have submitted"}},
		} {
			rec := f.formRequest(t, s, http.MethodGet, tc.path, executive, nil)
			if rec.Code != http.StatusOK {
				t.Fatalf("%s: %d", tc.path, rec.Code)
			}
			body := rec.Body.String()
			text := stdhtml.UnescapeString(body)
			if !strings.Contains(body, `<html lang="es">`) {
				t.Errorf("%s is not marked Spanish", tc.path)
			}
			for _, want := range tc.want {
				if !strings.Contains(text, want) {
					t.Errorf("%s lacks %q", tc.path, want)
				}
			}
			for _, en := range tc.english {
				if strings.Contains(text, en) {
					t.Errorf("%s still says %q", tc.path, en)
				}
			}
		}
	})
}
