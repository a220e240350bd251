package results

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/insight"
)

// Filter narrows a group to the respondents with one value of one
// segment. The zero Filter is the whole group.
type Filter struct {
	Segment string
	Value   string
}

// Active reports whether the filter narrows anything.
func (f Filter) Active() bool { return f.Segment != "" && f.Value != "" }

// Org is the team ID that stands for the whole organisation in a
// GroupView and in queries; team 0 in the tables is "no team".
const Org int64 = -1

// Hidden says why a group shows no scores.
type Hidden string

const (
	// Shown: the group shows scores and comments.
	Shown Hidden = ""
	// TooFew: the group holds fewer than k responses.
	TooFew Hidden = "too_few"
	// Complementary: the group is hidden so that a smaller group cannot
	// be worked out by subtraction.
	Complementary Hidden = "complementary"
)

// GroupView is one group as a screen may show it: counts always, scores
// only when Hidden is Shown.
type GroupView struct {
	Invited   int // the whole team's invitations (not known per segment)
	Submitted int // the whole team's submitted responses
	Responses int // the group's responses, after the filter
	Hidden    Hidden
}

// IsShown reports whether the group may show scores and comments.
func (g GroupView) IsShown() bool { return g.Hidden == Shown }

// sizes holds one snapshot's group sizes and the directory tree.
type sizes struct {
	k       insight.Threshold
	teams   []directory.Team
	direct  map[groupKey]int
	invited map[int64]int
	// tree caches SuppressTree per filter (the whole group under Filter{}).
	tree map[Filter]map[int64]insight.Visibility
	// subtree caches members per team, built for all teams at once.
	subtree map[int64][]int64
	// counts caches values per team and segment.
	counts map[groupKey]map[string]int
}

type groupKey struct {
	team         int64
	segment, val string
}

// loadSizes reads the group sizes of the given snapshots: every segment's
// of the current one, and of the others only what view needs under f (the
// whole groups and f's segment).
func (s *Store) loadSizes(ctx context.Context, teams []directory.Team, snapshotIDs []int64, current int64, f Filter) (map[int64]*sizes, error) {
	out := map[int64]*sizes{}
	for _, id := range snapshotIDs {
		// Sized for what the query below reads: every segment value of
		// the current snapshot (about a dozen a team), one row a team of
		// the others.
		n := len(teams) + 1
		if id == current {
			n *= 16
		}
		out[id] = &sizes{k: s.k, teams: teams, direct: make(map[groupKey]int, n), invited: make(map[int64]int, len(teams)+1), tree: map[Filter]map[int64]insight.Visibility{}}
	}
	// Thousands of rows per snapshot: scanned by hand, not by reflection,
	// with the few distinct segment names and values shared.
	rows, err := s.db.WithContext(ctx).Model(&Group{}).Select("snapshot_id, team_id, segment, value, invited, responses").
		Where("snapshot_id IN ? AND (snapshot_id = ? OR segment = '' OR segment = ?)", snapshotIDs, current, f.Segment).Rows()
	if err != nil {
		return nil, fmt.Errorf("results: group sizes: %w", err)
	}
	defer rows.Close()
	strs := map[string]string{}
	str := func(b []byte) string {
		if v, ok := strs[string(b)]; ok {
			return v
		}
		v := string(b)
		strs[v] = v
		return v
	}
	var snap, team, invited, responses integer
	var seg, val sql.RawBytes
	for rows.Next() {
		if err := rows.Scan(&snap, &team, &seg, &val, &invited, &responses); err != nil {
			return nil, fmt.Errorf("results: group sizes: %w", err)
		}
		sz := out[int64(snap)]
		sz.direct[groupKey{int64(team), str(seg), str(val)}] = int(responses)
		if len(seg) == 0 {
			sz.invited[int64(team)] = int(invited)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("results: group sizes: %w", err)
	}
	return out, nil
}

// visibility runs SuppressTree over the direct counts under f, with people
// without a team as a top-level group of their own (team 0).
func (sz *sizes) visibility(f Filter) map[int64]insight.Visibility {
	if v, ok := sz.tree[f]; ok {
		return v
	}
	nodes := []insight.Node{{ID: 0, Responses: sz.direct[groupKey{0, f.Segment, f.Value}]}}
	for _, t := range sz.teams {
		nodes = append(nodes, insight.Node{ID: t.ID, ParentID: t.ParentID, Responses: sz.direct[groupKey{t.ID, f.Segment, f.Value}]})
	}
	v, err := sz.k.SuppressTree(nodes)
	if err != nil {
		// The directory's tree has no cycles and counts are never
		// negative; should it happen, hide everything.
		v = map[int64]insight.Visibility{}
	}
	sz.tree[f] = v
	return v
}

// members lists the direct teams of a group: the team's subtree, or every
// team and team 0 for the organisation.
func members(teams []directory.Team, team int64) []int64 {
	if team == Org {
		ids := []int64{0}
		for _, t := range teams {
			ids = append(ids, t.ID)
		}
		return ids
	}
	in := directory.Subtrees(teams, []int64{team})
	var ids []int64
	for _, t := range teams {
		if in[t.ID] {
			ids = append(ids, t.ID)
		}
	}
	return ids
}

// members is members(sz.teams, team), with every team's list worked out
// in one pass over the tree the first time (a heatmap asks for each team).
func (sz *sizes) members(team int64) []int64 {
	if team == Org {
		return members(sz.teams, team)
	}
	if sz.subtree == nil {
		parent := map[int64]int64{}
		for _, t := range sz.teams {
			if t.ParentID != nil {
				parent[t.ID] = *t.ParentID
			}
		}
		sz.subtree = map[int64][]int64{}
		for _, t := range sz.teams {
			// Each team joins its own list and its ancestors' lists, in
			// the order of sz.teams as members has it.
			id, ok := t.ID, true
			for range len(sz.teams) {
				sz.subtree[id] = append(sz.subtree[id], t.ID)
				if id, ok = parent[id]; !ok {
					break
				}
			}
		}
	}
	return sz.subtree[team]
}

// values counts a group's responses per value of a segment.
func (sz *sizes) values(ids []int64, segment string) map[string]int {
	in := make(map[int64]bool, len(ids))
	for _, id := range ids {
		in[id] = true
	}
	out := map[string]int{}
	for key, n := range sz.direct {
		if key.segment == segment && in[key.team] {
			out[key.val] += n
		}
	}
	return out
}

// teamValues is values(sz.members(team), segment), worked out once per
// team and segment: a dashboard's filter options ask for each value.
func (sz *sizes) teamValues(team int64, segment string) map[string]int {
	key := groupKey{team: team, segment: segment}
	if v, ok := sz.counts[key]; ok {
		return v
	}
	if sz.counts == nil {
		sz.counts = map[groupKey]map[string]int{}
	}
	v := sz.values(sz.members(team), segment)
	sz.counts[key] = v
	return v
}

// view decides what a group (a team with its sub-teams, or Org) may show
// under a filter. A filtered group is shown only when the whole group is
// shown, its segment value survives SuppressSegments within the group, and
// the value's own team tree shows the group too (so that nested groups
// filtered alike cannot be subtracted either).
func (sz *sizes) view(team int64, f Filter) GroupView {
	ids := sz.members(team)
	var g GroupView
	for _, id := range ids {
		g.Invited += sz.invited[id]
		g.Submitted += sz.direct[groupKey{id, "", ""}]
	}
	g.Responses = g.Submitted
	switch {
	case team == Org:
		if !sz.k.Shows(g.Submitted) {
			g.Hidden = TooFew
		}
	default:
		v := sz.visibility(Filter{})[team]
		if !v.Shown {
			g.Hidden = TooFew
			if v.Complementary {
				g.Hidden = Complementary
			}
		}
	}
	if !f.Active() {
		return g
	}
	counts := sz.teamValues(team, f.Segment)
	g.Responses = counts[f.Value]
	if g.Hidden != Shown {
		return g
	}
	suppressed, err := sz.k.SuppressSegments(g.Submitted, counts)
	if err != nil || suppressed[f.Value] || !sz.k.Shows(g.Responses) {
		g.Hidden = TooFew
		if err == nil && sz.k.Shows(g.Responses) {
			g.Hidden = Complementary
		}
		return g
	}
	if team != Org {
		if v := sz.visibility(f)[team]; !v.Shown {
			g.Hidden = Complementary
		}
	}
	return g
}
