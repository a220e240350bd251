package teams

import (
	"context"
	"strings"

	"github.com/devpulse/devpulse/internal/goals"
	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/input"
	"github.com/devpulse/devpulse/internal/insight"
)

// GoalsPanel is a team's goals on its dashboard (goals.templ).
type GoalsPanel struct {
	// Show: the dashboard is unfiltered and has a snapshot.
	Show bool
	// CanEdit: the reader leads the team (or reads every team) and the
	// dashboard shows the latest snapshot, after which goals are set.
	CanEdit bool
	// Working are the goals set after the dashboard's snapshot; Judged
	// those set after the one before it, with their verdicts.
	Working []goals.Judged
	Judged  []goals.Judged
	Drivers []GoalDriver
	Form    GoalForm
	Errors  map[string]input.Message
}

// GoalDriver is a driver a goal can be set on.
type GoalDriver struct{ Key, Name string }

// GoalForm is the new-goal form as entered.
type GoalForm struct{ Driver, Kind, Target, Reason string }

func verdictClass(v string) string {
	switch v {
	case insight.GoalMet:
		return "badge badge-ok"
	case insight.GoalNotMet:
		return "badge badge-warn"
	}
	return "badge"
}

// verdict is a goal's verdict in words.
func verdict(ctx context.Context, v string) string {
	if s, ok := lookup(ctx, "teams.goals.verdict."+strings.ReplaceAll(v, " ", "_")); ok {
		return s
	}
	return v
}

// goalTarget is a goal's target in words: "reach 70" or "improve by 10
// points" (goals.Goal.Describe, in the reader's language).
func goalTarget(ctx context.Context, g goals.Goal) string {
	if g.Kind == insight.GoalPoints {
		return i18n.T(ctx, "teams.goals.improve_by", "Count", g.Target)
	}
	return i18n.T(ctx, "teams.goals.reach", "Target", g.Target)
}

// goalChange is a judged goal's change with its significance mark.
func goalChange(ctx context.Context, j goals.Judged) string {
	if !j.Change.OK {
		return i18n.T(ctx, "teams.goals.no_change")
	}
	if j.Change.Significant {
		return i18n.T(ctx, "teams.goals.change.significant", "Count", abs(j.Change.Points), "Points", signed(j.Change.Points))
	}
	return i18n.T(ctx, "teams.goals.change", "Count", abs(j.Change.Points), "Points", signed(j.Change.Points))
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
