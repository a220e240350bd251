package metrics

import (
	"cmp"
	"context"
	"slices"
)

// RolledUp says whether a figure of a parent team is computed from the
// events of the team and all its sub-teams together: every figure from
// events but the onboarding one. Counts then add up; medians and rates
// are recomputed from the events themselves, never averaged from the
// sub-teams' weekly figures. Values posted through the API or a CSV file
// are not rolled up: a parent shows only what was posted for it.
func RolledUp(name string) bool {
	return name != DaysTo10thPR && slices.Contains(FigureNames, name)
}

// rollUp replaces the event figures among a parent's values (sorted by
// week) with the figures of the events of the team and its sub-teams in
// the weeks first to last, for the names asked about. A week with no
// such events keeps the parent's own stored value, if any.
func (s *Store) rollUp(ctx context.Context, teamID int64, subTeams []int64, names []string, first, last string, own []Value) ([]Value, error) {
	var rows []eventRow
	err := s.db.WithContext(ctx).Table("events").Select("team_id, iso_week, type, occurred_at, context").
		Where("type IN ? AND team_id IN ? AND iso_week BETWEEN ? AND ?", figureTypes, append([]int64{teamID}, subTeams...), first, last).
		Scan(&rows).Error
	if err != nil {
		return nil, wrap(err, "events of team %d and its sub-teams", teamID)
	}
	for i := range rows {
		rows[i].TeamID = teamID
	}
	type key struct{ name, week string }
	rolled := map[key]Value{}
	for _, v := range figures(rows) {
		if RolledUp(v.Name) && slices.Contains(names, v.Name) {
			rolled[key{v.Name, v.ISOWeek}] = v
		}
	}
	out := make([]Value, 0, len(own)+len(rolled))
	for _, v := range own {
		if _, ok := rolled[key{v.Name, v.ISOWeek}]; !ok {
			out = append(out, v)
		}
	}
	for _, v := range rolled {
		out = append(out, v)
	}
	slices.SortFunc(out, func(a, b Value) int { return cmp.Or(cmp.Compare(a.ISOWeek, b.ISOWeek), cmp.Compare(a.Name, b.Name)) })
	return out, nil
}
