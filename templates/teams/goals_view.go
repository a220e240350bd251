package teams

import (
	"github.com/devpulse/devpulse/internal/goals"
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
	Errors  map[string]string
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

// goalChange is a judged goal's change with its significance mark.
func goalChange(j goals.Judged) string {
	if !j.Change.OK {
		return "no change shown"
	}
	s := signed(j.Change.Points) + " points"
	if j.Change.Significant {
		s += " (significant)"
	}
	return s
}
