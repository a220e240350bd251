package demo_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/demo"
	"github.com/devpulse/devpulse/internal/metrics"
	"github.com/devpulse/devpulse/internal/testdb"
)

// meanMetric is a team's mean of a metric over the weeks whose start lies
// from weeks after (negative: before) the close of snapshot id, to before.
func meanMetric(t *testing.T, db *gorm.DB, snapID int64, team, name string, from, to int) float64 {
	t.Helper()
	var snap struct{ ClosedAt time.Time }
	if err := db.Table("snapshots").Select("closed_at").Where("id = ?", snapID).Scan(&snap).Error; err != nil {
		t.Fatal(err)
	}
	closed := snap.ClosedAt
	var weeks []string
	for k := from; k <= to; k++ {
		weeks = append(weeks, metrics.Week(closed.AddDate(0, 0, 7*k)))
	}
	var mean float64
	err := db.Raw(`SELECT AVG(m.value) FROM team_metrics m JOIN teams t ON t.id = m.team_id
		WHERE t.path = ? AND m.name = ? AND m.iso_week IN ?`, team, name, weeks).Scan(&mean).Error
	if err != nil {
		t.Fatal(err)
	}
	return mean
}

func TestDemoMetricsTellTheStories(t *testing.T) {
	db := testdb.SQLite(t)
	res := build(t, db)
	var teams, perTeam int64
	db.Raw("SELECT COUNT(DISTINCT team_id) FROM team_metrics").Scan(&teams)
	db.Raw("SELECT COUNT(*) FROM team_metrics m JOIN teams t ON t.id = m.team_id WHERE t.path = ? AND m.name = ?",
		"Engineering/Platform/CI", metrics.CIFailureRate).Scan(&perTeam)
	if teams < 10 || perTeam != demo.MetricWeeks {
		t.Fatalf("%d teams with metrics, %d weeks of CI failure rate for CI", teams, perTeam)
	}
	last := res.Closed[len(res.Closed)-1]
	for _, team := range []string{"Engineering/Platform/CI", "Engineering/Product/Search"} {
		before, rising := meanMetric(t, db, last, team, metrics.CIFailureRate, -14, -11), meanMetric(t, db, last, team, metrics.CIFailureRate, -3, 0)
		if rising < before+0.06 {
			t.Errorf("%s: CI failure rate %.3f in the weeks before the decline, %.3f earlier: it should climb first", team, rising, before)
		}
	}
	checkout := demo.Improvements[0].Team
	early, late := meanMetric(t, db, last, checkout, metrics.ChangeFailureRate, -15, -13), meanMetric(t, db, last, checkout, metrics.ChangeFailureRate, -3, 0)
	if late > early-0.15 {
		t.Errorf("Checkout's change failure rate: %.3f before, %.3f just before the improving snapshot", early, late)
	}
}

// The metrics sit in the same place relative to the snapshots whatever
// day the demo is built.
func TestDemoMetricsAreTheSameOnAnyDay(t *testing.T) {
	want := metricsFingerprint(t, now)
	for _, day := range []time.Time{time.Date(2027, 1, 1, 0, 30, 0, 0, time.UTC), time.Date(2028, 2, 29, 10, 0, 0, 0, time.UTC)} {
		if got := metricsFingerprint(t, day); got != want {
			t.Errorf("the metrics built on %s differ from those built on %s", day.Format(time.DateOnly), now.Format(time.DateOnly))
		}
	}
}

func metricsFingerprint(t *testing.T, day time.Time) string {
	t.Helper()
	db := testdb.SQLite(t)
	if _, err := demo.Build(context.Background(), db, day, demo.Options{}); err != nil {
		t.Fatal(err)
	}
	var rows []struct {
		Path, Name, ISOWeek string
		Value               float64
	}
	db.Raw("SELECT t.path, m.name, m.iso_week, m.value FROM team_metrics m JOIN teams t ON t.id = m.team_id ORDER BY t.path, m.name, m.iso_week").Scan(&rows)
	h := sha256.New()
	for i, r := range rows {
		fmt.Fprintf(h, "%s %s %d %.9f\n", r.Path, r.Name, i%demo.MetricWeeks, r.Value)
	}
	return hex.EncodeToString(h.Sum(nil))
}
