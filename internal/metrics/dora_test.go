package metrics_test

import (
	"context"
	"math"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/metrics"
	"github.com/devpulse/devpulse/internal/testdb"
)

func TestBand(t *testing.T) {
	for _, c := range []struct {
		key  string
		v    float64
		want string
	}{
		{metrics.KeyDeployFrequency, 10, metrics.Elite}, {metrics.KeyDeployFrequency, 7, metrics.Elite},
		{metrics.KeyDeployFrequency, 1, metrics.High}, {metrics.KeyDeployFrequency, 0.1, metrics.Medium},
		{metrics.KeyDeployFrequency, 0.01, metrics.Low},
		{metrics.KeyLeadTime, 0.5, metrics.Elite}, {metrics.KeyLeadTime, 30, metrics.High},
		{metrics.KeyLeadTime, 24 * 30, metrics.Medium}, {metrics.KeyLeadTime, 24 * 200, metrics.Low},
		{metrics.KeyTimeToRestore, 0.9, metrics.Elite}, {metrics.KeyTimeToRestore, 5, metrics.High},
		{metrics.KeyTimeToRestore, 48, metrics.Medium}, {metrics.KeyTimeToRestore, 24 * 8, metrics.Low},
		{metrics.KeyChangeFailure, 0.15, metrics.Elite}, {metrics.KeyChangeFailure, 0.2, metrics.High},
		{metrics.KeyChangeFailure, 0.31, metrics.Low},
	} {
		if got := metrics.Band(c.key, c.v); got != c.want {
			t.Errorf("Band(%s, %v) = %s, want %s", c.key, c.v, got, c.want)
		}
	}
}

func TestDORAReadsTheLastWindowsOfEveryTeam(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		s, team := newStore(t, db)
		var vals []metrics.Value
		for i := 0; i < 26; i++ {
			week, _ := metrics.AddWeeks("2026-W48", -i)
			deploys, rate, restore := 2.0, 0.5, 30.0 // the earlier window
			if i < metrics.DORAWindow {
				deploys, rate, restore = 10, 0.1, 0.5
			}
			if i == 3 { // a week without deployments counts as none
				deploys = 0
			}
			vals = append(vals,
				metrics.Value{TeamID: team.ID, Name: metrics.DeployFrequency, ISOWeek: week, Value: deploys, Unit: "deploys"},
				metrics.Value{TeamID: team.ID, Name: metrics.ChangeFailureRate, ISOWeek: week, Value: rate, Unit: "ratio"},
				metrics.Value{TeamID: team.ID, Name: metrics.TimeToRestore, ISOWeek: week, Value: restore, Unit: "hours"})
		}
		if _, err := s.Save(ctx, vals, metrics.SourceDemo, "test"); err != nil {
			t.Fatal(err)
		}
		r, err := s.DORA(ctx)
		if err != nil || r.LastWeek != "2026-W48" || len(r.Teams) != 1 || r.Teams[0].TeamPath != "Engineering/Platform/CI" {
			t.Fatalf("report %+v %v", r, err)
		}
		k := r.Teams[0].Keys
		df := k[metrics.KeyDeployFrequency]
		if math.Abs(df.Value-120.0/13) > 1e-9 || df.Band != metrics.Elite || !df.Better || math.Abs(df.Previous-2) > 1e-9 {
			t.Errorf("deployment frequency %+v", df)
		}
		if cfr := k[metrics.KeyChangeFailure]; math.Abs(cfr.Value-0.1) > 1e-9 || cfr.Band != metrics.Elite || !cfr.Better {
			t.Errorf("change failure rate %+v", cfr)
		}
		if ttr := k[metrics.KeyTimeToRestore]; ttr.Value != 0.5 || ttr.Band != metrics.Elite || ttr.Previous != 30 {
			t.Errorf("time to restore %+v", ttr)
		}
		if _, ok := k[metrics.KeyLeadTime]; ok {
			t.Error("a lead time without PR figures")
		}
	})
}
