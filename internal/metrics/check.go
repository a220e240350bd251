package metrics

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"strings"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/input"
)

// Limits of one value's text.
const (
	maxName = 64
	maxUnit = 32
	maxTeam = 500
)

var nameRe = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$`)

// Check validates every input of a batch against the team tree and returns
// the values to store, or every problem (and no values) when any is bad.
// The same team, name and week twice in one batch is a problem: which of
// the two was meant is not for devpulse to guess.
func (s *Store) Check(ctx context.Context, ins []Input) ([]Value, []Problem, error) {
	return s.check(ctx, ins, nil)
}

// check is Check for a batch whose inputs came from lines of a file (nil
// for API batches): problems then carry the line and name it.
func (s *Store) check(ctx context.Context, ins []Input, lines []int) ([]Value, []Problem, error) {
	where := func(i int) string { return fmt.Sprintf("metric %d", i+1) }
	if lines != nil {
		where = func(i int) string { return fmt.Sprintf("line %d", lines[i]) }
	}
	if len(ins) == 0 {
		return nil, []Problem{{Field: "metrics", Message: `is empty: send {"metrics": [{"team": ..., "name": ..., "week": ..., "value": ...}]}`}}, nil
	}
	teams, err := s.teamIDs(ctx)
	if err != nil {
		return nil, nil, err
	}
	now := Week(s.now())
	out := make([]Value, 0, len(ins))
	var probs []Problem
	seen := make(map[string]int, len(ins))
	for i, in := range ins {
		v, ps := checkOne(i, in, teams, now)
		if len(ps) == 0 {
			key := fmt.Sprintf("%d\x00%s\x00%s", v.TeamID, v.Name, v.ISOWeek)
			if first, dup := seen[key]; dup {
				ps = append(ps, Problem{Index: i, Message: fmt.Sprintf("repeats team %s, metric %s, week %s (first on %s); send each once", in.Team, v.Name, v.ISOWeek, where(first))})
			}
			seen[key] = i
		}
		for _, p := range ps {
			if lines != nil {
				p.Line = lines[i]
			}
			probs = append(probs, p)
		}
		out = append(out, v)
	}
	if len(probs) > 0 {
		return nil, probs, nil
	}
	return out, nil, nil
}

// checkOne validates one input; thisWeek is the current ISO week.
func checkOne(i int, in Input, teams map[string]int64, thisWeek string) (Value, []Problem) {
	var ps []Problem
	add := func(field, msg string) { ps = append(ps, Problem{Index: i, Field: field, Message: msg}) }
	v := Value{Name: strings.TrimSpace(in.Name), ISOWeek: strings.TrimSpace(in.Week), Unit: strings.TrimSpace(in.Unit)}
	path := directory.NormalizePath(in.Team)
	switch {
	case input.Problem(in.Team, maxTeam).ID != "":
		add("team", lowerFirst(input.Problem(in.Team, maxTeam).String()))
	case path == "":
		add("team", "is required: the team's path, such as Engineering/Platform/CI")
	case teams[path] == 0:
		add("team", fmt.Sprintf("%q is not a team: name it by its full path as the Teams page shows it, such as Engineering/Platform/CI", in.Team))
	default:
		v.TeamID = teams[path]
	}
	switch {
	case v.Name == "":
		add("name", "is required, for example flaky_test_rate")
	case len(v.Name) > maxName || !nameRe.MatchString(v.Name):
		add("name", "must be lower-case letters, digits and underscores, for example flaky_test_rate (at most 64 characters)")
	}
	if _, err := WeekStart(v.ISOWeek); err != nil {
		add("week", err.Error())
	} else if v.ISOWeek > thisWeek {
		add("week", fmt.Sprintf("%s has not started yet (this is %s)", v.ISOWeek, thisWeek))
	}
	switch {
	case in.Value == nil:
		add("value", "is required: a number such as 0.031")
	case math.IsNaN(*in.Value) || math.IsInf(*in.Value, 0):
		add("value", "must be a finite number")
	default:
		v.Value = *in.Value
	}
	if msg := input.Problem(in.Unit, maxUnit).String(); msg != "" {
		add("unit", lowerFirst(msg))
	}
	return v, ps
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// teamIDs maps every team's path to its id.
func (s *Store) teamIDs(ctx context.Context) (map[string]int64, error) {
	teams, err := directory.NewStore(s.db).Teams(ctx)
	if err != nil {
		return nil, fmt.Errorf("metrics: teams: %w", err)
	}
	out := make(map[string]int64, len(teams))
	for _, t := range teams {
		out[t.Path] = t.ID
	}
	return out, nil
}
