package benchmark_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/benchmark"
	"github.com/devpulse/devpulse/internal/testdb"
)

func parse(t *testing.T, s *benchmark.Store, csv string) benchmark.File {
	t.Helper()
	f, errs, err := s.Parse(context.Background(), strings.NewReader(csv))
	if err != nil || len(errs) > 0 {
		t.Fatalf("parse: %v %v", err, errs)
	}
	return f
}

func count(t *testing.T, db *gorm.DB, where string, args ...any) int64 {
	t.Helper()
	var n int64
	q := db.Model(&benchmark.Percentiles{})
	if where != "" {
		q = q.Where(where, args...)
	}
	if err := q.Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func auditActions(t *testing.T, db *gorm.DB) []string {
	t.Helper()
	events, err := audit.New(db).Recent(context.Background(), 100, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range events {
		out = append(out, e.Actor+" "+e.Action+" "+e.Detail)
	}
	return out
}

func TestImportReplacesSetsAllOrNothing(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		s := benchmark.NewStore(db)

		// Driver keys come from the drivers table: the default library.
		_, errs, err := s.Parse(ctx, strings.NewReader(header+"ci_speed,All,1,2,3,4,Acme,2025\n"))
		if err != nil || len(errs) != 1 || errs[0].Line != 2 || !strings.Contains(errs[0].Message, `unknown driver key "ci_speed"`) {
			t.Fatalf("unknown key: %v %v", err, errs)
		}

		first := parse(t, s, header+
			"ci_reliability,All,40,55,70,80,Acme,2025\n"+
			"ci_reliability,Remote,42,57,72,82,Acme,2025\n"+
			"code_review,All,30,45,60,75,Acme,2025\n"+
			"code_review,All,31,46,61,76,Acme,2024\n")
		plan, err := s.Preview(ctx, first)
		if err != nil || len(plan.Sets) != 2 || plan.Sets[0].Year != 2025 || plan.Sets[0].Rows != 3 || plan.Sets[0].Drivers != 2 ||
			plan.Sets[0].Replaced != 0 || strings.Join(plan.Sets[0].Segments, ",") != "All,Remote" {
			t.Fatalf("preview %+v %v", plan, err)
		}
		if n := count(t, db, ""); n != 0 {
			t.Fatalf("the preview stored %d rows", n)
		}
		if _, err := s.Import(ctx, first, "admin@example.com"); err != nil {
			t.Fatal(err)
		}
		if n := count(t, db, ""); n != 4 {
			t.Fatalf("%d rows, want 4", n)
		}

		// A second file for Acme 2025 replaces that set whole and leaves 2024 alone.
		second := parse(t, s, header+
			"documentation,All,20,35,50,65,Acme,2025\n"+
			"focus_time,Office,25,40,55,70,Other,2025\n")
		plan, err = s.Preview(ctx, second)
		if err != nil || len(plan.Sets) != 2 || plan.Sets[0].Source != "Acme" || plan.Sets[0].Replaced != 3 || plan.Sets[1].Replaced != 0 {
			t.Fatalf("second preview %+v %v", plan, err)
		}
		if got := plan.Summary(); got != "Acme 2025: 1 row, replacing 3; Other 2025: 1 row, new" {
			t.Errorf("summary %q", got)
		}
		if _, err := s.Import(ctx, second, "cli"); err != nil {
			t.Fatal(err)
		}
		if n := count(t, db, "source = ? AND year = ?", "Acme", 2025); n != 1 {
			t.Errorf("Acme 2025 has %d rows, want 1", n)
		}
		if n := count(t, db, "source = ? AND year = ?", "Acme", 2024); n != 1 {
			t.Errorf("Acme 2024 has %d rows, want 1", n)
		}

		// A row the database refuses rolls the whole import back: the
		// replaced set is still there. (Parse would refuse p25 > p50; this
		// file is made by hand to reach the database.)
		bad := benchmark.File{Rows: []benchmark.Percentiles{
			{DriverKey: "deploy_process", Segment: "All", P25: 10, P50: 20, P75: 30, P90: 40, Source: "Acme", Year: 2024},
			{DriverKey: "no_such_driver", Segment: "All", P25: 10, P50: 20, P75: 30, P90: 40, Source: "Acme", Year: 2024},
		}}
		if _, err := s.Import(ctx, bad, "cli"); err == nil {
			t.Fatal("import of a row with an unknown driver succeeded")
		}
		if n := count(t, db, "source = ? AND year = ?", "Acme", 2024); n != 1 {
			t.Errorf("after a failed import Acme 2024 has %d rows, want the 1 it had", n)
		}
		if n := count(t, db, "driver_key = ?", "deploy_process"); n != 0 {
			t.Errorf("a failed import stored %d rows", n)
		}

		got := auditActions(t, db)
		want := []string{
			"cli benchmark.import Acme 2025: 1 row, replacing 3; Other 2025: 1 row, new",
			"admin@example.com benchmark.import Acme 2025: 3 rows, new; Acme 2024: 1 row, new",
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("audit log:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
}

func TestSetsAndDelete(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		s := benchmark.NewStore(db)
		if _, err := s.Import(ctx, parse(t, s, header+
			"ci_reliability,All,40,55,70,80,Acme,2025\n"+
			"ci_reliability,Remote,42,57,72,82,Acme,2025\n"+
			"code_review,Hybrid,30,45,60,75,Acme,2025\n"+
			"code_review,All,31,46,61,76,Acme,2024\n"), "admin@example.com"); err != nil {
			t.Fatal(err)
		}
		sets, err := s.Sets(ctx)
		if err != nil || len(sets) != 2 {
			t.Fatalf("sets %+v %v", sets, err)
		}
		if a := sets[0]; a.Source != "Acme" || a.Year != 2025 || a.Rows != 3 || a.Drivers != 2 || strings.Join(a.Segments, ",") != "All,Hybrid,Remote" || a.Synthetic {
			t.Errorf("first set %+v", a)
		}
		if b := sets[1]; b.Year != 2024 || b.Rows != 1 || b.Drivers != 1 {
			t.Errorf("second set %+v", b)
		}
		n, err := s.DeleteSet(ctx, "Acme", 2025, "admin@example.com")
		if err != nil || n != 3 {
			t.Fatalf("delete: %d %v", n, err)
		}
		if n := count(t, db, ""); n != 1 {
			t.Errorf("%d rows left, want 1", n)
		}
		if _, err := s.DeleteSet(ctx, "Acme", 2025, "admin@example.com"); !errors.Is(err, benchmark.ErrNotFound) {
			t.Errorf("second delete: %v", err)
		}
		if got := auditActions(t, db)[0]; got != "admin@example.com benchmark.delete Acme 2025: 3 rows" {
			t.Errorf("audit %q", got)
		}
	})
}

func TestFor(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		s := benchmark.NewStore(db)
		if err := benchmark.LoadDemo(ctx, db); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Import(ctx, parse(t, s, header+
			"ci_reliability,All,40,55,70,80,Acme,2024\n"+
			"ci_reliability,All,41,56,71,81,Acme,2025\n"+
			"ci_reliability,All,42,57,72,82,Beta,2025\n"+ // same year: the source first in order wins
			"ci_reliability,remote,10,20,30,40,Acme,2025\n"+
			"code_review,All,1,2,3,4,Acme,2023\n"), "cli"); err != nil {
			t.Fatal(err)
		}
		got, err := s.For(ctx, []string{"ci_reliability", "code_review", "documentation", "no_such"}, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 3 {
			t.Fatalf("%d drivers, want 3: %+v", len(got), got)
		}
		// A real benchmark wins over the synthetic demo set even when older.
		if p := got["ci_reliability"]; p.Source != "Acme" || p.Year != 2025 || p.P50 != 56 {
			t.Errorf("ci_reliability: %+v", p)
		}
		if p := got["code_review"]; p.Source != "Acme" || p.Year != 2023 {
			t.Errorf("code_review: %+v", p)
		}
		if p := got["documentation"]; p.Source != benchmark.DemoSource || p.Year != 2026 || !p.Synthetic() {
			t.Errorf("documentation: %+v", p)
		}
		remote, err := s.For(ctx, []string{"ci_reliability"}, "REMOTE")
		if err != nil || remote["ci_reliability"].P50 != 20 {
			t.Errorf("remote: %+v %v", remote, err)
		}
		none, err := s.For(ctx, []string{"ci_reliability"}, "1000+ engineers")
		if err != nil || len(none) != 0 {
			t.Errorf("unknown segment: %+v %v", none, err)
		}
		empty, err := s.For(ctx, nil, "All")
		if err != nil || len(empty) != 0 {
			t.Errorf("no keys: %+v %v", empty, err)
		}
	})
}

func TestLoadDemo(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		for range 2 { // loading twice replaces the set
			if err := benchmark.LoadDemo(ctx, db); err != nil {
				t.Fatal(err)
			}
		}
		var keys []string
		if err := db.Table("drivers").Order("key").Pluck("key", &keys).Error; err != nil {
			t.Fatal(err)
		}
		sets, err := benchmark.NewStore(db).Sets(ctx)
		if err != nil || len(sets) != 1 {
			t.Fatalf("sets %+v %v", sets, err)
		}
		d := sets[0]
		if d.Source != benchmark.DemoSource || d.Year != 2026 || !d.Synthetic || d.Drivers != len(keys) ||
			strings.Join(d.Segments, ",") != "All,Hybrid,Office,Remote" || d.Rows != 4*len(keys) {
			t.Errorf("demo set %+v (%d drivers in the library)", d, len(keys))
		}
	})
}

func TestExampleFileIsTheDocsFile(t *testing.T) {
	docs, err := os.ReadFile("../../docs/benchmarks-example.csv")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(docs, benchmark.Example) {
		t.Error("docs/benchmarks-example.csv and internal/benchmark/example.csv differ: keep them equal")
	}
	if _, errs := benchmark.Parse(bytes.NewReader(benchmark.Example), []string{"ci_reliability", "code_review", "documentation"}); len(errs) > 0 {
		t.Errorf("the example has problems: %v", errs)
	}
}

func TestForTeamPicksTheMostSpecificSegment(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		s := benchmark.NewStore(db)
		f := parse(t, s, "driver_key,p25,p50,p75,p90,source,year,work_arrangement,company_size\n"+
			"ci_reliability,40,50,60,70,Acme,2025,,\n"+
			"ci_reliability,41,51,61,71,Acme,2025,remote,1000-5000\n"+
			"ci_reliability,42,52,62,72,Acme,2025,remote,\n"+
			"ci_reliability,43,53,63,73,Acme,2025,,5000+\n")
		if _, err := s.Import(ctx, f, "cli"); err != nil {
			t.Fatal(err)
		}
		var stored int64
		db.Model(&benchmark.Percentiles{}).Where("work_arrangement = 'remote' AND company_size = '1000-5000'").Count(&stored)
		if stored != 1 {
			t.Fatalf("%d rows stored for remote, 1000-5000; want 1", stored)
		}
		tests := []struct {
			arrangement, size string
			p50               int
			describe          string
		}{
			{"remote", "1000-5000", 51, "industry benchmark for remote teams, 1,000–5,000 engineers"},
			{"remote", "100-1000", 52, "industry benchmark for remote teams"},
			{"office", "5000+", 53, "industry benchmark for companies of over 5,000 engineers"},
			{"hybrid", "", 50, "industry benchmark for all teams"},
			{"", "", 50, "industry benchmark for all teams"},
		}
		for _, tt := range tests {
			m, err := s.ForTeam(ctx, []string{"ci_reliability"}, tt.arrangement, tt.size)
			if err != nil {
				t.Fatal(err)
			}
			if m.Rows["ci_reliability"].P50 != tt.p50 || m.Describe() != tt.describe {
				t.Errorf("ForTeam(%q, %q) = p50 %d %q, want %d %q", tt.arrangement, tt.size, m.Rows["ci_reliability"].P50, m.Describe(), tt.p50, tt.describe)
			}
		}
		// Everyone's benchmark never takes a segment's row.
		all, err := s.For(ctx, []string{"ci_reliability"}, "")
		if err != nil || all["ci_reliability"].P50 != 50 {
			t.Errorf("For everyone = %+v %v", all, err)
		}
	})
}
