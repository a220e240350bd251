package pulse

import (
	"testing"

	"github.com/devpulse/devpulse/internal/insight"
)

func TestBetweenRunsTheWeeksBetweenTheQuarters(t *testing.T) {
	weeks := []TeamWeek{{Week: "2026-W52", Shown: true}, {Week: "2027-W02", Shown: true}}
	quarters := []Quarter{
		{Title: "Q2", Week: "2026-W20", Score: insight.Percent(1, 2)},
		{Title: "Q3", Week: "2026-W51", Score: insight.Percent(1, 4)},
		{Title: "Q4", Week: "2027-W03"},
	}
	got := Between(weeks, quarters)
	var labels []string
	for _, p := range got {
		labels = append(labels, p.Week)
	}
	// 2026 has 53 ISO weeks.
	want := []string{"2026-W51", "2026-W52", "2026-W53", "2027-W01", "2027-W02", "2027-W03"}
	if len(labels) != len(want) {
		t.Fatalf("axis %v, want %v", labels, want)
	}
	for i := range want {
		if labels[i] != want[i] {
			t.Fatalf("axis %v, want %v", labels, want)
		}
	}
	if got[0].Quarter == nil || got[0].Quarter.Title != "Q3" || got[1].Pulse == nil || got[2].Pulse != nil || got[2].Quarter != nil ||
		got[5].Quarter == nil || got[5].Quarter.Score.OK {
		t.Fatalf("points %+v", got)
	}
}
