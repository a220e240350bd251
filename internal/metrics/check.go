package metrics

import (
	"context"
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
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
	where := func(i int) input.Message { return msg("where_metric", "Number", i+1) }
	if lines != nil {
		where = func(i int) input.Message { return msg("where_line", "Line", lines[i]) }
	}
	if len(ins) == 0 {
		return nil, []Problem{problem(0, "metrics", msg("batch_empty"))}, nil
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
				ps = append(ps, problem(i, "", msg("repeats", "Team", in.Team, "Name", v.Name, "Week", v.ISOWeek, "First", where(first))))
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
	add := func(field string, m input.Message) { ps = append(ps, problem(i, field, m)) }
	v := Value{Name: strings.TrimSpace(in.Name), ISOWeek: strings.TrimSpace(in.Week), Unit: strings.TrimSpace(in.Unit)}
	path := directory.NormalizePath(in.Team)
	switch {
	case input.Problem(in.Team, maxTeam).ID != "":
		add("team", fieldText(input.Problem(in.Team, maxTeam)))
	case path == "":
		add("team", msg("team_required"))
	case teams[path] == 0:
		add("team", msg("team_unknown", "Value", strconv.Quote(in.Team)))
	default:
		v.TeamID = teams[path]
	}
	switch {
	case v.Name == "":
		add("name", msg("name_required"))
	case len(v.Name) > maxName || !nameRe.MatchString(v.Name):
		add("name", msg("name_form"))
	}
	var bad WeekError
	if _, err := WeekStart(v.ISOWeek); errors.As(err, &bad) {
		add("week", bad.Problem)
	} else if v.ISOWeek > thisWeek {
		add("week", msg("week_future", "Week", v.ISOWeek, "Now", thisWeek))
	}
	switch {
	case in.Value == nil:
		add("value", msg("value_required"))
	case math.IsNaN(*in.Value) || math.IsInf(*in.Value, 0):
		add("value", msg("value_finite"))
	default:
		v.Value = *in.Value
	}
	if m := input.Problem(in.Unit, maxUnit); m.ID != "" {
		add("unit", fieldText(m))
	}
	return v, ps
}

// fieldText is a text problem (input.Problem) written after a field's
// name: "unit keep it to 32 characters; ...".
func fieldText(m input.Message) input.Message {
	return input.M("directory.metrics.field_"+strings.TrimPrefix(m.ID, "input."), m.Args...)
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
