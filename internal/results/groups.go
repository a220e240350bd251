package results

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/insight"
	"github.com/devpulse/devpulse/internal/survey"
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
	// TeamHidden: a filtered group of a team that is hidden as a whole.
	TeamHidden Hidden = "team_hidden"
	// QuestionTooFew: in a shown group, one question that too few
	// answered (not applicable and skips left out) to show its numbers.
	QuestionTooFew Hidden = "too_few_answered"
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
	// subtree caches members per team, built for all teams at once.
	subtree map[int64][]int64
	// counts caches values per team and segment.
	counts map[groupKey]map[string]int
	// cells holds the stored decisions (see cells.go): why each group is
	// hidden, Shown when it is not; a group without one shows nothing.
	cells map[cellKey]Hidden
	// questions holds, per shown group, the questions it must not show.
	questions map[cellKey]map[int64]bool
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
		out[id] = &sizes{k: s.k, teams: teams, direct: make(map[groupKey]int, n), invited: make(map[int64]int, len(teams)+1),
			cells: make(map[cellKey]Hidden, n), questions: map[cellKey]map[int64]bool{}}
	}
	var cells []CellRow
	err := s.db.WithContext(ctx).Where("snapshot_id IN ? AND (snapshot_id = ? OR segment = '' OR segment = ?)", snapshotIDs, current, f.Segment).
		Find(&cells).Error
	if err != nil {
		return nil, fmt.Errorf("results: decisions: %w", err)
	}
	for _, c := range cells {
		sz := out[c.SnapshotID]
		key := cellKey{c.TeamID, c.Direct, c.Segment, c.Value}
		if c.QuestionID == 0 {
			sz.cells[key] = c.Hidden
			continue
		}
		if sz.questions[key] == nil {
			sz.questions[key] = map[int64]bool{}
		}
		sz.questions[key][c.QuestionID] = true
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

// decision is the stored decision for a group: TooFew when there is
// none (when unsure, hide).
func (sz *sizes) decision(key cellKey) Hidden {
	h, ok := sz.cells[key]
	if !ok {
		return TooFew
	}
	return h
}

// view says what a group (a team with its sub-teams, Org, or 0 for people
// without a team) may show under a filter, as decided when the snapshot
// was materialised. A filtered group of a hidden team says so.
func (sz *sizes) view(team int64, f Filter) GroupView {
	ids := sz.members(team)
	if team == 0 {
		ids = []int64{0}
	}
	var g GroupView
	for _, id := range ids {
		g.Invited += sz.invited[id]
		g.Submitted += sz.direct[groupKey{id, "", ""}]
	}
	g.Responses = g.Submitted
	g.Hidden = sz.decision(cellKey{team: team})
	if !f.Active() {
		return g
	}
	g.Responses = sz.teamValues(team, f.Segment)[f.Value]
	if g.Hidden != Shown {
		g.Hidden = TeamHidden
		return g
	}
	g.Hidden = sz.decision(cellKey{team: team, segment: f.Segment, value: f.Value})
	return g
}

// directView decides what a team's direct members, as a group of their
// own, may show.
func (sz *sizes) directView(team int64) GroupView {
	own := GroupView{Invited: sz.invited[team], Submitted: sz.direct[groupKey{team, "", ""}]}
	own.Responses = own.Submitted
	own.Hidden = sz.decision(cellKey{team: team, direct: true})
	return own
}

// questionShown reports whether a shown group may show one question's
// numbers.
func (sz *sizes) questionShown(team int64, direct bool, f Filter, question int64) bool {
	return !sz.questions[cellKey{team, direct, f.Segment, f.Value}][question]
}

// commentsShown reports whether a group's comment list is shown with its
// numbers under a filter: never under a segment filter, since two lists
// of one team filtered by two segments would have in common the comments
// of whoever is in both, however few.
func commentsShown(f Filter) bool { return !f.Active() }

// masked drops from a shown group's distributions the questions it must
// not show.
func (sz *sizes) masked(team int64, direct bool, f Filter, m map[int64]insight.Distribution) map[int64]insight.Distribution {
	hidden := sz.questions[cellKey{team, direct, f.Segment, f.Value}]
	if len(hidden) == 0 {
		return m
	}
	out := make(map[int64]insight.Distribution, len(m))
	for q, d := range m {
		if !hidden[q] {
			out[q] = d
		}
	}
	return out
}

// questionsShown reports whether a shown group may show every question of
// a kind in an outline (the priority pick, say).
func (sz *sizes) questionsShown(team int64, f Filter, o survey.Outline, kind survey.Kind) bool {
	for _, q := range o.Questions {
		if q.Kind == kind && !sz.questionShown(team, false, f, q.ID) {
			return false
		}
	}
	return true
}

// keyShown reports whether a shown group may show the question with this
// key in an outline.
func (sz *sizes) keyShown(team int64, f Filter, o survey.Outline, key string) bool {
	for _, q := range o.Questions {
		if q.Key == key && !sz.questionShown(team, false, f, q.ID) {
			return false
		}
	}
	return true
}
