package readout

import (
	"reflect"
	"testing"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/insight"
	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/internal/survey"
)

func score(n int) insight.Score { return insight.Score{Value: n, OK: true} }

var en = i18n.For(i18n.English)

func TestTeamFindings(t *testing.T) {
	q1, q2 := survey.Snapshot{Title: "2026 Q1"}, survey.Snapshot{Title: "2026 Q2"}
	d := results.Dashboard{Snapshots: []survey.Snapshot{q2, q1}, Snapshot: q2, Previous: &q1,
		Overall: &results.DriverRow{Name: "Overall satisfaction", Score: score(44), Org: score(68),
			Delta: insight.Delta{OK: true, Points: -18, Significant: true}},
		Drivers: []results.DriverRow{
			{Key: "a", Name: "CI", Score: score(30), Org: score(50), Priority: score(40), Delta: insight.Delta{OK: true, Points: -20, Significant: true}},
			{Key: "b", Name: "Docs", Score: score(80), Org: score(60), Priority: score(10), Delta: insight.Delta{OK: true, Points: 12}},
			{Key: "c", Name: "Review", Score: score(61), Org: score(60), Priority: score(24), Delta: insight.Delta{OK: true, Points: 15, Significant: true}},
			{Key: "d", Name: "Deploy", TooFewAnswered: true, Org: score(10)},
			{Key: "e", Name: "Onboarding", Score: score(60), Org: score(60), Priority: score(30)},
		}}
	got := Team(en, d)
	if len(got) != 3 {
		t.Fatalf("%d findings", len(got))
	}
	if want := "Overall satisfaction 44, down 18 points since 2026 Q1, a real change. That is 24 points below the organisation (68)."; got[0].Text != want {
		t.Errorf("headline %q", got[0].Text)
	}
	strengths := []string{"Review: up 15 points to 61 since 2026 Q1, a real change", "Docs: 80, 20 points above the organisation (60)"}
	if !reflect.DeepEqual(got[1].Items, strengths) {
		t.Errorf("strengths %q", got[1].Items)
	}
	// CI is named once, its priority share beside its fall; Onboarding,
	// level with the organisation, for its share alone; a 24% share is
	// below the bar.
	opportunities := []string{"CI: down 20 points to 30 since 2026 Q1, a real change; 40% of respondents picked it among the three they most want improved",
		"Onboarding: 30% of respondents picked it among the three they most want improved"}
	if !reflect.DeepEqual(got[2].Items, opportunities) {
		t.Errorf("opportunities %q", got[2].Items)
	}

	// No organisation to compare with: the scores above and below the
	// team's average (57.75).
	for i := range d.Drivers {
		d.Drivers[i].Org, d.Drivers[i].Delta, d.Drivers[i].Priority = insight.Score{}, insight.Delta{}, insight.Score{}
	}
	d.Overall, d.Previous = nil, nil
	got = Team(en, d)
	high, low := []string{"Docs: 80, among the team's highest scores", "Review: 61, among the team's highest scores",
		"Onboarding: 60, among the team's highest scores"}, []string{"CI: 30, among the team's lowest scores"}
	if len(got) != 2 || !reflect.DeepEqual(got[0].Items, high) || !reflect.DeepEqual(got[1].Items, low) {
		t.Errorf("without the organisation: %+v", got)
	}
	d.View.Hidden = results.TooFew
	if got := Team(en, d); got != nil {
		t.Errorf("a hidden group has findings: %+v", got)
	}
}

// The same findings in Spanish: the words from the catalog, the driver
// names as the caller gave them.
func TestTeamFindingsInSpanish(t *testing.T) {
	q1, q2 := survey.Snapshot{Title: "2026 Q1"}, survey.Snapshot{Title: "2026 Q2"}
	d := results.Dashboard{Snapshots: []survey.Snapshot{q2, q1}, Snapshot: q2, Previous: &q1,
		Overall: &results.DriverRow{Name: "Satisfacción general", Score: score(44), Org: score(68),
			Delta: insight.Delta{OK: true, Points: -1, Significant: false}},
		Drivers: []results.DriverRow{
			{Key: "a", Name: "Fiabilidad de la CI", Score: score(30), Org: score(50), Priority: score(40), Delta: insight.Delta{OK: true, Points: -20, Significant: true}},
			{Key: "b", Name: "Documentación", Score: score(80), Org: score(79)},
		}}
	got := Team(i18n.For(i18n.Spanish), d)
	if len(got) != 3 {
		t.Fatalf("%d findings", len(got))
	}
	if want := "Satisfacción general 44, baja 1 punto desde 2026 Q1, dentro del ruido. Eso es 24 puntos por debajo de la organización (68)."; got[0].Text != want {
		t.Errorf("headline %q", got[0].Text)
	}
	if want := []string{"Documentación: 80, 1 punto por encima de la organización (79)"}; got[1].Heading != "Fortalezas" || !reflect.DeepEqual(got[1].Items, want) {
		t.Errorf("strengths %q %q", got[1].Heading, got[1].Items)
	}
	want := []string{"Fiabilidad de la CI: baja 20 puntos hasta 30 desde 2026 Q1, un cambio real; el 40% de los participantes lo eligió entre los tres que más quieren mejorar"}
	if got[2].Heading != "Oportunidades" || !reflect.DeepEqual(got[2].Items, want) {
		t.Errorf("opportunities %q %q", got[2].Heading, got[2].Items)
	}
}
