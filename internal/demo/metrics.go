package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/metrics"
)

// MetricWeeks is how many weeks of system metrics every team has: the 26
// weeks up to eight weeks after the latest closed snapshot.
const MetricWeeks = 26

// weekOf is one week of the demo's metrics and how many weeks it starts
// after (negative: before) the week the latest closed snapshot closed.
type weekOf struct {
	week      string
	sinceLast float64
}

// buildMetrics stores 26 weeks of system metrics for every team, derived
// from the snapshots' dates (never the clock), with the stories the
// surveys confirm: CI failure rate climbs in the weeks before the CI
// reliability decline, and Checkout's change failure rate falls weeks
// before the snapshot that shows its deployment process improving. Each
// team's level follows its own driver scores, so the correlations on the
// organisation page have something to find. It draws from its own random
// source so the answers stay as they were.
func buildMetrics(ctx context.Context, tx *gorm.DB, o org, m *model, qs []quarter) error {
	closed := metrics.Week(qs[latestClosed].closes)
	// Eight weeks after that close is always before the current quarter
	// began (the latest snapshot closes four weeks into its quarter).
	last, err := metrics.AddWeeks(closed, 8)
	if err != nil {
		return err
	}
	first, _ := metrics.AddWeeks(last, 1-MetricWeeks)
	names, _ := metrics.Weeks(first, last)
	var weeks []weekOf
	for k, w := range names {
		weeks = append(weeks, weekOf{week: w, sinceLast: float64(k - (MetricWeeks - 1 - 8))})
	}
	r := rand.New(rand.NewPCG(20, 26))
	var vals []metrics.Value
	for t, spec := range teamSpecs {
		shift := func(key string) float64 {
			if j := slices.Index(m.drivers, key); j >= 0 {
				return m.team[t][j]
			}
			return 0
		}
		for _, w := range weeks {
			vals = append(vals, teamWeek(o.teamIDs[t], spec, w, shift, r)...)
		}
	}
	if _, err := metrics.New(tx, audit.New(tx)).Save(ctx, vals, metrics.SourceDemo, Actor); err != nil {
		return fmt.Errorf("demo: metrics: %w", err)
	}
	return nil
}

// teamWeek is one team's figures for one week.
func teamWeek(teamID int64, spec teamSpec, w weekOf, shift func(string) float64, r *rand.Rand) []metrics.Value {
	noise := func(scale float64) float64 { return (r.Float64()*2 - 1) * scale }
	pos := func(x float64) float64 { return max(x, 0.005) }
	v := func(name, unit string, x float64) metrics.Value {
		return metrics.Value{TeamID: teamID, Name: name, ISOWeek: w.week, Value: x, Unit: unit}
	}
	deployRate := 0.16 - 0.5*shift("deploy_process")
	if spec.path == Improvements[0].Team { // Checkout fixes its deployments
		deployRate = 0.34 - 0.26*ramp(w.sinceLast, -12, -3)
	}
	deploys := float64(spec.size)/3 + 6*ramp(-deployRate, -0.34, -0.08) + noise(1.5)
	return []metrics.Value{
		v(metrics.CIFailureRate, "ratio", pos(0.08-0.3*shift(Decline)+ciStory(w.sinceLast)+noise(0.012))),
		v(metrics.CIDurationP50, "minutes", pos(14-30*shift("build_test_speed")+noise(1.2))),
		v(metrics.DeployFrequency, "deploys", float64(int(pos(deploys)+0.5))),
		v(metrics.ChangeFailureRate, "ratio", pos(deployRate+noise(0.02))),
		v(metrics.TimeToRestore, "hours", pos(3-20*shift("incident_response")+noise(0.8))),
		v(metrics.PRLeadTime, "hours", pos(22-60*shift("code_review")+noise(4))),
		v(metrics.PRThroughput, "PRs", float64(int(float64(spec.size)*1.4+noise(4)))),
		v(metrics.DaysTo10thPR, "days", pos(34-60*shift("onboarding")+noise(2))),
	}
}

// ciStory is how much CI failure rate rises around the CI reliability
// decline: it climbs over the ten weeks before the latest closed
// snapshot, then eases after it as the platform team works on it.
func ciStory(sinceLast float64) float64 {
	return 0.11*ramp(sinceLast, -10, -2) - 0.06*ramp(sinceLast, 2, 8)
}

// ramp rises from 0 at from to 1 at to, flat outside.
func ramp(x, from, to float64) float64 {
	return min(1, max(0, (x-from)/(to-from)))
}
