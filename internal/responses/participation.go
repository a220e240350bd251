package responses

import (
	"context"
	"fmt"
)

// Count is how many people of a group were invited and have submitted.
type Count struct {
	Invited   int
	Submitted int
}

// Rate is submitted / invited as a whole percentage, or -1 when nobody
// was invited.
func (c Count) Rate() int {
	if c.Invited == 0 {
		return -1
	}
	return (200*c.Submitted + c.Invited) / (2 * c.Invited) // rounded half up
}

// Add sums two counts.
func (c Count) Add(o Count) Count { return Count{c.Invited + o.Invited, c.Submitted + o.Submitted} }

// Participation counts invitations and submissions per team (the team
// each person was in when invited). Counts only: it may be shown while a
// snapshot is open.
func (s *Store) Participation(ctx context.Context, snapID int64) (map[int64]Count, error) {
	var rows []struct {
		TeamID    *int64
		Invited   int
		Submitted int
	}
	err := s.db.WithContext(ctx).Raw(`
		SELECT team_id, COUNT(*) AS invited, SUM(CASE WHEN submitted THEN 1 ELSE 0 END) AS submitted
		FROM invitations WHERE snapshot_id = ? GROUP BY team_id`, snapID).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("responses: participation of %d: %w", snapID, err)
	}
	out := map[int64]Count{}
	for _, r := range rows {
		var id int64 // people without a team count under 0
		if r.TeamID != nil {
			id = *r.TeamID
		}
		out[id] = Count{Invited: r.Invited, Submitted: r.Submitted}
	}
	return out, nil
}
