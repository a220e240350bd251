package goals

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/devpulse/devpulse/internal/input"
	"github.com/devpulse/devpulse/internal/insight"
)

// validate checks a goal as entered and says what is wrong next to each field.
func validate(in NewGoal, drivers map[string]string) (Goal, FieldErrors) {
	errs := FieldErrors{}
	g := Goal{TeamID: in.TeamID, BaselineID: in.BaselineID, DriverKey: in.DriverKey, Kind: in.Kind, Reason: strings.TrimSpace(in.Reason)}
	if _, ok := drivers[in.DriverKey]; !ok {
		errs["driver"] = input.M("teams.goals.error.driver")
	}
	if in.Kind != insight.GoalScore && in.Kind != insight.GoalPoints {
		errs["kind"] = input.M("teams.goals.error.kind")
	}
	n, err := strconv.Atoi(strings.TrimSpace(in.Target))
	switch {
	case err != nil:
		errs["target"] = input.M("teams.goals.error.target_number")
	case n < 1 || n > 100:
		errs["target"] = input.M("teams.goals.error.target_range")
	}
	g.Target = n
	switch {
	case g.Reason == "":
		errs["reason"] = input.M("teams.goals.error.reason")
	case utf8.RuneCountInString(g.Reason) > MaxReason:
		errs["reason"] = input.M("teams.goals.error.reason_long", "Max", MaxReason)
	}
	return g, errs
}
