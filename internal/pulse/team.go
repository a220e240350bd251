package pulse

import (
	"context"
	"fmt"
	"sort"

	"github.com/devpulse/devpulse/internal/insight"
)

// TeamWeek is one programme's week for one team's own members.
type TeamWeek struct {
	Week         string
	Shown        bool
	Asks         int
	Answers      int
	ResponseRate insight.Score
	Favorable    insight.Score
}

// TeamProgramme is a programme linked to a driver that asked the team's
// members, with its weeks, oldest first.
type TeamProgramme struct {
	Programme Programme
	Weeks     []TeamWeek
}

// ForTeam returns the driver-linked programmes that asked the team's own
// members, week by week. A team's week is shown only when the team has at
// least k answers and the rest of that programme week (which its owners
// see whole) has none or at least k, so the two never subtract to a group
// under k.
func (s *Service) ForTeam(ctx context.Context, teamID int64, k int) ([]TeamProgramme, error) {
	var rows []struct {
		ProgrammeID int64
		ISOWeek     string
		TeamAsks    int
		TeamAnswers int
		TeamFav     int
		AllAnswers  int
	}
	err := s.db.WithContext(ctx).Raw(`
		SELECT a.programme_id, a.iso_week,
		       SUM(CASE WHEN a.team_id = ? THEN 1 ELSE 0 END) AS team_asks,
		       SUM(CASE WHEN a.team_id = ? AND r.id IS NOT NULL THEN 1 ELSE 0 END) AS team_answers,
		       SUM(CASE WHEN a.team_id = ? AND r.rating >= 4 THEN 1 ELSE 0 END) AS team_fav,
		       SUM(CASE WHEN r.id IS NOT NULL THEN 1 ELSE 0 END) AS all_answers
		FROM pulse_asks a
		JOIN pulse_programmes p ON p.id = a.programme_id AND p.driver_key <> ''
		LEFT JOIN pulse_answers r ON r.ask_id = a.id
		WHERE a.state IN (?, ?) AND a.programme_id IN (SELECT DISTINCT programme_id FROM pulse_asks WHERE team_id = ?)
		GROUP BY a.programme_id, a.iso_week`, teamID, teamID, teamID, StateOpen, StateAnswered, teamID).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("pulse: weeks of team %d: %w", teamID, err)
	}
	byProg := map[int64]*TeamProgramme{}
	var order []int64
	for _, r := range rows {
		if r.TeamAsks == 0 {
			continue
		}
		tp, ok := byProg[r.ProgrammeID]
		if !ok {
			p, err := s.Programme(ctx, r.ProgrammeID)
			if err != nil {
				return nil, err
			}
			tp = &TeamProgramme{Programme: p}
			byProg[r.ProgrammeID] = tp
			order = append(order, r.ProgrammeID)
		}
		rest := r.AllAnswers - r.TeamAnswers
		w := TeamWeek{Week: r.ISOWeek, Shown: r.TeamAnswers >= k && (rest == 0 || rest >= k)}
		if w.Shown {
			w.Asks, w.Answers = r.TeamAsks, r.TeamAnswers
			w.ResponseRate = insight.Percent(r.TeamAnswers, r.TeamAsks)
			w.Favorable = insight.Percent(r.TeamFav, r.TeamAnswers)
		}
		tp.Weeks = append(tp.Weeks, w)
	}
	out := make([]TeamProgramme, 0, len(order))
	for _, id := range order {
		tp := byProg[id]
		sort.Slice(tp.Weeks, func(i, j int) bool { return tp.Weeks[i].Week < tp.Weeks[j].Week })
		out = append(out, *tp)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Programme.Name < out[j].Programme.Name })
	return out, nil
}
