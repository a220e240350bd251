package demo_test

import (
	"context"
	"testing"

	"github.com/devpulse/devpulse/internal/demo"
	"github.com/devpulse/devpulse/internal/pulse"
)

// The demo's deploy pulse climbs after the rollout, weeks before the open
// snapshot closes; every programme week has enough answers to show.
func TestDemoPulseTellsTheRolloutStory(t *testing.T) {
	db, _ := demoBuilt.SQLite(t)
	ctx := context.Background()
	svc := pulse.New(db, pulse.Settings{})
	progs, err := svc.Programmes(ctx)
	if err != nil || len(progs) != 3 {
		t.Fatalf("programmes %d %v", len(progs), err)
	}
	for _, p := range progs {
		weeks, err := svc.Weekly(ctx, p.ID, 5)
		if err != nil {
			t.Fatal(err)
		}
		if len(weeks) < demo.PulseWeeks {
			t.Errorf("%s: %d weeks", p.Key, len(weeks))
		}
		for _, w := range weeks {
			if !w.Shown {
				t.Errorf("%s %s: under k", p.Key, w.Week)
			}
		}
		if p.Key != "deploys" {
			continue
		}
		// weeks are newest first: compare the last three with the first three.
		avg := func(ws []pulse.Week) int {
			sum := 0
			for _, w := range ws {
				sum += w.Favorable.Value
			}
			return sum / len(ws)
		}
		before, after := avg(weeks[len(weeks)-3:]), avg(weeks[:3])
		if after-before < 25 {
			t.Errorf("deploy pulse %d%% before the rollout, %d%% after: no story", before, after)
		}
		t.Logf("deploy pulse: %d%% before the rollout, %d%% in the last three weeks", before, after)
	}
}
