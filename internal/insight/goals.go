package insight

// Goal targets: a score to reach, or points to improve by.
const (
	GoalScore  = "score"
	GoalPoints = "points"
)

// Goal verdicts.
const (
	GoalMet           = "met"
	GoalNotMet        = "not met"
	GoalNotMeasurable = "not measurable"
)

// GoalVerdict judges a team goal on a driver against the next snapshot:
// met when the score then reaches target (kind GoalScore) or improved by
// at least target points (GoalPoints, on the rounded scores people see);
// not measurable when either snapshot shows no score for the team's
// driver (a group under k, or hidden by the stored decisions).
func GoalVerdict(kind string, target int, baseline, now Score) string {
	if !baseline.OK || !now.OK {
		return GoalNotMeasurable
	}
	reached := now.Value >= target
	if kind == GoalPoints {
		reached = now.Value-baseline.Value >= target
	}
	if reached {
		return GoalMet
	}
	return GoalNotMet
}
