package goals

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/devpulse/devpulse/internal/insight"
)

// validate checks a goal as entered and says what is wrong next to each field.
func validate(in NewGoal, drivers map[string]string) (Goal, FieldErrors) {
	errs := FieldErrors{}
	g := Goal{TeamID: in.TeamID, BaselineID: in.BaselineID, DriverKey: in.DriverKey, Kind: in.Kind, Reason: strings.TrimSpace(in.Reason)}
	if _, ok := drivers[in.DriverKey]; !ok {
		errs["driver"] = "Choose one of the drivers the last snapshot measured."
	}
	if in.Kind != insight.GoalScore && in.Kind != insight.GoalPoints {
		errs["kind"] = "Choose a score to reach or points to improve by."
	}
	n, err := strconv.Atoi(strings.TrimSpace(in.Target))
	switch {
	case err != nil:
		errs["target"] = "Enter a whole number, for example 70."
	case n < 1 || n > 100:
		errs["target"] = "Enter a number from 1 to 100."
	}
	g.Target = n
	switch {
	case g.Reason == "":
		errs["reason"] = "Say in a line why this matters to the team."
	case utf8.RuneCountInString(g.Reason) > MaxReason:
		errs["reason"] = "Keep it under 500 characters."
	}
	return g, errs
}
