package demo_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/demo"
	"github.com/devpulse/devpulse/internal/metrics"
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
	db, res := demoBuilt.SQLite(t)
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

// metricsFingerprint hashes the demo's metrics by team, name and place
// in the weeks, leaving out the weeks' names, which follow the build day.
func metricsFingerprint(t *testing.T, db *gorm.DB) string {
	t.Helper()
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
