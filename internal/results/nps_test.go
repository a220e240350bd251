package results_test

import (
	"context"
	"slices"
	"strconv"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/insight"
	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/internal/results/resultstest"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testdb"
)

// npsOrg builds, with k = 5, one snapshot with a net promoter question:
//
//	Eng
//	├── A: 7 people answer 10, 9, 9, 8, 7, 3, 0
//	├── B: 6 people, 4 answer 10, 10, 6, 5 (2 skip: under k for the question)
//	└── C: 3 people answer 10, 10, 10 (under k: hidden)
func npsOrg(t *testing.T, db *gorm.DB) (*resultstest.World, survey.Outline) {
	w := resultstest.New(t, db, 5)
	answers := map[string][]int{"Eng/A": {10, 9, 9, 8, 7, 3, 0}, "Eng/B": {10, 10, 6, 5, -1, -1}, "Eng/C": {10, 10, 10}}
	given := map[int64]int{}
	for _, path := range []string{"Eng/A", "Eng/B", "Eng/C"} {
		for i, p := range w.Add(t, path, len(answers[path]), "backend", directory.Remote) {
			given[p.ID] = answers[path][i]
		}
	}
	extra := []survey.Question{{Kind: survey.KindNPS, Key: "nps_platform", Prompt: "How likely are you to recommend this platform to a friend?"}}
	o := w.SnapshotWith(t, "2026 Q1", extra, func(p directory.Person) *resultstest.Answers {
		a := &resultstest.Answers{NPS: map[string]int{}}
		if n := given[p.ID]; n >= 0 {
			a.NPS["nps_platform"] = n
		}
		return a
	})
	return w, o
}

func TestNetPromoterOnDashboards(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		w, o := npsOrg(t, db)
		nps := func(team int64) results.NPSRow {
			t.Helper()
			d, err := w.Results.Dashboard(ctx, results.Query{SnapshotID: o.Snapshot.ID, TeamID: team})
			if err != nil {
				t.Fatal(err)
			}
			if len(d.NPS) != 1 || d.NPS[0].Key != "nps_platform" {
				t.Fatalf("dashboard NPS rows: %+v", d.NPS)
			}
			return d.NPS[0]
		}
		// A: 3 promoters, 2 passives, 2 detractors of 7: 42.9 - 28.6 = 14.3.
		// Passives and detractors tie for the point the split leaves over:
		// detractors take it.
		a := nps(w.Teams["Eng/A"].ID)
		want := insight.NPS{Answered: 7, Promoters: 3, Passives: 2, Detractors: 2, Score: 14,
			PromoterShare: 43, PassiveShare: 28, DetractorShare: 29, OK: true}
		if !a.Shown || a.NPS != want {
			t.Errorf("A: %+v, want %+v", a, want)
		}
		// B is shown (6 responses) but only 4 answered the question.
		if b := nps(w.Teams["Eng/B"].ID); b.Shown || b.NPS != (insight.NPS{}) {
			t.Errorf("B shows %+v with 4 answers", b)
		}
		// C is under k altogether.
		if c := nps(w.Teams["Eng/C"].ID); c.Shown || c.NPS.OK {
			t.Errorf("C shows %+v", c)
		}
		// Eng and the organisation: A, B and C together, 14 answers:
		// 8 promoters (3 + 2 + 3), 2 passives, 4 detractors: 57.1 - 28.6 = 28.6.
		want = insight.NPS{Answered: 14, Promoters: 8, Passives: 2, Detractors: 4, Score: 29,
			PromoterShare: 57, PassiveShare: 14, DetractorShare: 29, OK: true}
		if eng := nps(w.Teams["Eng"].ID); !eng.Shown || eng.NPS != want {
			t.Errorf("Eng: %+v, want %+v", eng, want)
		}
		org, err := w.Results.Org(ctx, results.OrgQuery{SnapshotID: o.Snapshot.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(org.NPS) != 1 || !org.NPS[0].Shown || org.NPS[0].NPS != want {
			t.Errorf("org: %+v, want %+v", org.NPS, want)
		}

		// The response export has the answer as a number.
		header, rows, err := w.Results.ResponseRows(ctx, o.Snapshot.ID)
		if err != nil {
			t.Fatal(err)
		}
		col := slices.Index(header, "nps_platform")
		if col < 0 {
			t.Fatalf("no nps_platform column in %q", header)
		}
		var got []int
		for _, r := range rows {
			if r[col] != "" {
				n, err := strconv.Atoi(r[col])
				if err != nil {
					t.Fatalf("cell %q", r[col])
				}
				got = append(got, n)
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, []int{0, 3, 5, 6, 7, 8, 9, 9, 10, 10, 10, 10, 10, 10}) {
			t.Errorf("exported answers %v", got)
		}
	})
}

func TestNoNetPromoterQuestionNoRows(t *testing.T) {
	db := testdb.SQLite(t)
	o := newOrg(t, db)
	d, err := o.w.Results.Dashboard(context.Background(), results.Query{TeamID: o.w.Teams["Eng/A"].ID})
	if err != nil {
		t.Fatal(err)
	}
	if d.NPS != nil {
		t.Errorf("a snapshot without a net promoter question has rows %+v", d.NPS)
	}
}
