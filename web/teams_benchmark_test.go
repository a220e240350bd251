package web

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/benchmark"
	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/internal/testdb"
)

// A team of six hybrid workers is compared with the hybrid benchmark of
// the organisation's company size, and the page says so; without a
// company size it falls back to the hybrid one, then to everyone's.
func TestTeamDashboardSaysWhichBenchmark(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		team, _ := metricsTeam(t, db)
		ctx := context.Background()
		store := benchmark.NewStore(db)
		f, errs, err := store.Parse(ctx, strings.NewReader("driver_key,p25,p50,p75,p90,source,year,work_arrangement,company_size\n"+
			"ci_reliability,40,50,60,70,Acme,2025,,\n"+
			"ci_reliability,96,97,98,99,Acme,2025,hybrid,1000-5000\n"+
			"ci_reliability,10,20,30,40,Acme,2025,hybrid,\n"))
		if err != nil || len(errs) > 0 {
			t.Fatal(err, errs)
		}
		if _, err := store.Import(ctx, f, "test"); err != nil {
			t.Fatal(err)
		}
		a := newAdminClient(t, db)
		tests := []struct{ size, describe, title string }{
			{"1000-5000", "the industry benchmark for hybrid teams, 1,000–5,000 engineers (Acme, 2025)", "p25 96, median 97, p75 98, p90 99"},
			{"5000+", "the industry benchmark for hybrid teams (Acme, 2025)", "p25 10, median 20, p75 30, p90 40"},
		}
		for _, tt := range tests {
			a.s.deps.Config.CompanySize = tt.size
			rec := a.get(fmt.Sprintf("/teams/%d", team.ID))
			body := html.UnescapeString(rec.Body.String())
			if rec.Code != http.StatusOK || !strings.Contains(body, "Benchmark: where the score sits against "+tt.describe+".") {
				t.Errorf("size %s: status %d, the page does not say %q", tt.size, rec.Code, tt.describe)
			}
			if !strings.Contains(body, tt.title) {
				t.Errorf("size %s: the score is not placed against %q", tt.size, tt.title)
			}
		}
		// Filtered to a segment, the dashboard keeps the filter's benchmark.
		rec := a.get(fmt.Sprintf("/teams/%d?segment=work_arrangement:hybrid", team.ID))
		if body := html.UnescapeString(rec.Body.String()); strings.Contains(body, "industry benchmark for hybrid teams") {
			t.Errorf("a filtered dashboard uses the team's segment benchmark")
		}
	})
}

func TestDominantArrangementOnlyWhenShownAndMajority(t *testing.T) {
	d := func(total int, opts ...results.SegmentOption) results.Dashboard {
		return results.Dashboard{View: results.GroupView{Responses: total}, Options: map[string][]results.SegmentOption{"work_arrangement": opts}}
	}
	tests := []struct {
		name string
		d    results.Dashboard
		want string
	}{
		{"majority shown", d(9, results.SegmentOption{Value: "remote", Responses: 6, Shown: true}, results.SegmentOption{Value: "office", Responses: 3}), "remote"},
		{"majority hidden under k", d(9, results.SegmentOption{Value: "remote", Responses: 6, Shown: false}), ""},
		{"no majority", d(10, results.SegmentOption{Value: "remote", Responses: 5, Shown: true}, results.SegmentOption{Value: "office", Responses: 5, Shown: true}), ""},
		{"no answers", d(0), ""},
	}
	for _, tt := range tests {
		if got := dominantArrangement(tt.d); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

// The benchmark a team is compared with is worded from the segment found,
// in the reader's language.
func TestBenchmarkScopeInSpanish(t *testing.T) {
	es := i18n.For(i18n.Spanish)
	for _, tt := range []struct {
		m    benchmark.Match
		want string
	}{
		{benchmark.Match{Arrangement: "hybrid", Size: "1000-5000"}, "referencia del sector para equipos (híbrida), 1.000–5.000 ingenieros"},
		{benchmark.Match{Arrangement: "remote"}, "referencia del sector para equipos (en remoto)"},
		{benchmark.Match{Size: "5000+"}, "referencia del sector para empresas de más de 5.000 ingenieros"},
		{benchmark.Match{}, "referencia del sector para todos los equipos"},
	} {
		if got := benchmarkScope(es, tt.m); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.m, got, tt.want)
		}
	}
}
