package metrics_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/metrics"
	"github.com/devpulse/devpulse/internal/testdb"
)

// newStore returns a store whose clock stands in 2026-W49, with the team
// Engineering/Platform/CI.
func newStore(t *testing.T, db *gorm.DB) (*metrics.Store, directory.Team) {
	t.Helper()
	team, err := directory.EnsureTeam(context.Background(), db, "Engineering/Platform/CI")
	if err != nil {
		t.Fatal(err)
	}
	s := metrics.New(db, audit.New(db))
	s.SetClock(func() time.Time { return time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC) })
	return s, team
}

func num(f float64) *float64 { return &f }

func storedValues(t *testing.T, db *gorm.DB) []metrics.Value {
	t.Helper()
	var out []metrics.Value
	if err := db.Order("name, iso_week").Find(&out).Error; err != nil {
		t.Fatal(err)
	}
	return out
}

func TestIngestStoresAndReplaces(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		s, team := newStore(t, db)
		p, err := s.Ingest(ctx, []metrics.Input{
			{Team: "Engineering/Platform/CI", Name: "flaky_test_rate", Week: "2026-W40", Value: num(0.031), Unit: "ratio"},
			{Team: " Engineering / Platform / CI ", Name: "flaky_test_rate", Week: "2026-W41", Value: num(0.02), Unit: "ratio"},
		}, metrics.SourceAPI, "token:ci")
		if err != nil || p.Values != 2 || p.New != 2 || p.Replaced != 0 {
			t.Fatalf("first: %+v %v", p, err)
		}
		p, err = s.Ingest(ctx, []metrics.Input{{Team: "Engineering/Platform/CI", Name: "flaky_test_rate", Week: "2026-W40", Value: num(0.05), Unit: "ratio"}}, metrics.SourceAPI, "token:ci")
		if err != nil || p.New != 0 || p.Replaced != 1 {
			t.Fatalf("again: %+v %v", p, err)
		}
		got := storedValues(t, db)
		if len(got) != 2 || got[0].Value != 0.05 || got[0].TeamID != team.ID || got[0].Source != metrics.SourceAPI || got[1].ISOWeek != "2026-W41" {
			t.Fatalf("stored %+v", got)
		}
		series, err := s.Series(ctx, team.ID, "2026-W41", "2026-W52")
		if err != nil || len(series) != 1 || series[0].Value != 0.02 {
			t.Fatalf("series %+v %v", series, err)
		}
		entries, err := audit.New(db).Recent(ctx, 5, 0)
		if err != nil || len(entries) != 2 || entries[0].Action != metrics.ActionImport || entries[0].Actor != "token:ci" {
			t.Fatalf("audit %+v %v", entries, err)
		}
	})
}

func TestIngestRefusesBadBatchesWhole(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s, _ := newStore(t, db)
		_, err := s.Ingest(context.Background(), []metrics.Input{
			{Team: "Engineering/Platform/CI", Name: "flaky_test_rate", Week: "2026-W40", Value: num(0.03)},
			{Team: "Engineering/Nope", Name: "Flaky Rate", Week: "2026-W54", Unit: "ratio"},
			{Team: "Engineering/Platform/CI", Name: "flaky_test_rate", Week: "2027-W01", Value: num(1)},
			{Team: "Engineering/Platform/CI", Name: "flaky_test_rate", Week: "2026-W40", Value: num(0.04)},
		}, metrics.SourceAPI, "token:ci")
		var inv *metrics.InvalidError
		if !errors.As(err, &inv) || !errors.Is(err, metrics.ErrInvalid) {
			t.Fatalf("err = %v", err)
		}
		var got []string
		for _, p := range inv.Problems {
			got = append(got, p.Error())
		}
		want := []string{
			`metric 2: team "Engineering/Nope" is not a team`,
			"metric 2: name must be lower-case letters",
			`metric 2: week 2026 has weeks 1 to 53; "2026-W54" is not one of them`,
			"metric 2: value is required",
			"metric 3: week 2027-W01 has not started yet (this is 2026-W49)",
			"metric 4: repeats team Engineering/Platform/CI, metric flaky_test_rate, week 2026-W40 (first on metric 1)",
		}
		if len(got) != len(want) {
			t.Fatalf("problems:\n%s", strings.Join(got, "\n"))
		}
		for i := range want {
			if !strings.HasPrefix(got[i], want[i]) {
				t.Errorf("problem %d = %q, want it to start %q", i, got[i], want[i])
			}
		}
		if n := len(storedValues(t, db)); n != 0 {
			t.Fatalf("%d values stored from a refused batch", n)
		}
	})
}

func TestCheckFileNamesEveryBadLine(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s, _ := newStore(t, db)
		file := "Team,name,week,value,unit\n" +
			"Engineering/Platform/CI,flaky_test_rate,2026-W40,0.031,ratio\n" +
			"Engineering/Platform/CI,flaky_test_rate,2026-W41,lots,ratio\n" +
			"Engineering/Platform/CI,flaky_test_rate,2026-W40,0.02,ratio\n" +
			"Engineering/Platform/CI,flaky_test_rate,2026-W42\n"
		vals, probs, err := s.CheckFile(context.Background(), strings.NewReader(file))
		if err != nil || vals != nil {
			t.Fatalf("vals %v err %v", vals, err)
		}
		want := []string{
			`line 3: value "lots" is not a number`,
			"line 4: repeats team Engineering/Platform/CI, metric flaky_test_rate, week 2026-W40 (first on line 2)",
			"line 5: has 3 values, the header names 5 columns",
		}
		if len(probs) != len(want) {
			t.Fatalf("problems %v", probs)
		}
		for i := range want {
			if !strings.HasPrefix(probs[i].Error(), want[i]) {
				t.Errorf("problem %d = %q, want %q", i, probs[i].Error(), want[i])
			}
		}
		vals, probs, err = s.CheckFile(context.Background(), strings.NewReader(string(metrics.Example)))
		if err != nil || len(probs) != 1 || !strings.Contains(probs[0].Error(), `line 4: team "Engineering/Payments" is not a team`) {
			t.Fatalf("example without its second team: %v %v %v", vals, probs, err)
		}
	})
}

func TestWeeks(t *testing.T) {
	for _, c := range []struct {
		week string
		day  string
	}{{"2026-W01", "2025-12-29"}, {"2026-W40", "2026-09-28"}, {"2026-W53", "2026-12-28"}, {"2027-W01", "2027-01-04"}} {
		got, err := metrics.WeekStart(c.week)
		if err != nil || got.Format(time.DateOnly) != c.day || metrics.Week(got) != c.week {
			t.Errorf("%s starts %v (%v), want %s", c.week, got, err, c.day)
		}
	}
	for _, bad := range []string{"2026-W00", "2025-W53", "2026W40", "26-W40", ""} {
		if _, err := metrics.WeekStart(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	ws, err := metrics.Weeks("2026-W52", "2027-W02")
	if err != nil || strings.Join(ws, " ") != "2026-W52 2026-W53 2027-W01 2027-W02" {
		t.Errorf("weeks %v %v", ws, err)
	}
}
