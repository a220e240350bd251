package results

import (
	"context"
	"slices"

	"github.com/devpulse/devpulse/internal/survey"
)

// Exposed is one group any screen, export, API answer or message may show
// for a snapshot, as the readers decide it: Shown says whether its
// numbers and comments appear; HiddenQuestions lists the questions whose
// numbers it must not show although it is shown.
type Exposed struct {
	Team            int64 // a team with its sub-teams, Org, or 0 for people without a team
	Direct          bool  // only the team's own members
	Filter          Filter
	Shown           bool
	Comments        bool // its comment list is shown
	HiddenQuestions []int64
}

// Exposure lists every group readers can show for a snapshot, through the
// same decisions the dashboards, exports and messages use. Tests check it
// as a whole with an independent verifier.
func (s *Store) Exposure(ctx context.Context, snapshotID int64) ([]Exposed, error) {
	teams, err := s.dir.Teams(ctx)
	if err != nil {
		return nil, err
	}
	all, err := s.loadSizes(ctx, teams, []int64{snapshotID}, snapshotID, Filter{})
	if err != nil {
		return nil, err
	}
	sz := all[snapshotID]
	outline, err := s.surveys.Outline(ctx, snapshotID)
	if err != nil {
		return nil, err
	}
	var questions []int64
	for _, q := range outline.Questions {
		if q.Kind != survey.KindText {
			questions = append(questions, q.ID)
		}
	}
	hasChildren := map[int64]bool{}
	for _, t := range teams {
		if t.ParentID != nil {
			hasChildren[*t.ParentID] = true
		}
	}
	groups := []int64{Org, 0}
	for _, t := range teams {
		groups = append(groups, t.ID)
	}
	var out []Exposed
	add := func(team int64, direct bool, f Filter, v GroupView) {
		e := Exposed{Team: team, Direct: direct, Filter: f, Shown: v.IsShown(), Comments: v.IsShown() && commentsShown(f)}
		if e.Shown {
			for _, q := range questions {
				if !sz.questionShown(team, direct, f, q) {
					e.HiddenQuestions = append(e.HiddenQuestions, q)
				}
			}
		}
		out = append(out, e)
	}
	for _, team := range groups {
		add(team, false, Filter{}, sz.view(team, Filter{}))
		if hasChildren[team] {
			add(team, true, Filter{}, sz.directView(team))
		}
		if team == 0 {
			continue
		}
		for _, seg := range Segments {
			values := sz.teamValues(team, seg.Key)
			keys := make([]string, 0, len(values))
			for v := range values {
				if v != "" {
					keys = append(keys, v)
				}
			}
			slices.Sort(keys)
			for _, v := range keys {
				f := Filter{seg.Key, v}
				add(team, false, f, sz.view(team, f))
			}
		}
	}
	return out, nil
}
