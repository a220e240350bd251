package pulse

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/insight"
)

// Org names the whole organisation in a GroupQuery.
const Org int64 = -1

// RecentWeeks is how many of a programme's latest weeks its pulse
// response rate on the dashboards covers.
const RecentWeeks = 4

// GroupQuery asks for the pulse a dashboard shows.
type GroupQuery struct {
	// Teams is the directory, to find each team's sub-teams.
	Teams []directory.Team
	// TeamID is the team with its sub-teams, or Org.
	TeamID int64
	// Since is the first ISO week read ("2026-W23").
	Since string
	K     insight.Threshold
}

// TeamWeek is one programme's week for one group.
type TeamWeek struct {
	Week         string
	Shown        bool
	Asks         int
	Answers      int
	ResponseRate insight.Score
	Favorable    insight.Score
}

// TeamProgramme is a programme linked to a driver that asked the group,
// with its weeks, oldest first, and its recent response rate.
type TeamProgramme struct {
	Programme Programme
	Weeks     []TeamWeek
	Recent    Recent
}

// Recent is the pulse response rate over a programme's latest weeks: the
// shown ones among the RecentWeeks latest, summed, so it tells nothing
// the weeks themselves do not.
type Recent struct {
	Weeks, Shown  int
	Asks, Answers int
	ResponseRate  insight.Score
}

// groupCounts is one direct team's asks and ratings in one programme week.
type groupCounts struct {
	asks int
	dist insight.Distribution
}

// weekCounts holds, by programme, week and direct team (0: no team), the
// asks and ratings.
type weekCounts map[int64]map[string]map[int64]*groupCounts

// ForGroup returns the active driver-linked programmes that asked the
// group since q.Since, week by week. Every team's part of a programme
// week is decided together with the whole week (which its owners and the
// organisation see) and every other team's, by insight's Protect over the
// direct teams' answers, so no shown weeks subtract to a group under k.
func (s *Service) ForGroup(ctx context.Context, q GroupQuery) ([]TeamProgramme, error) {
	all, err := s.Programmes(ctx)
	if err != nil {
		return nil, err
	}
	now := s.now()
	var progs []Programme
	var ids []int64
	for _, p := range all {
		if p.DriverKey != "" && p.Active(now) {
			progs, ids = append(progs, p), append(ids, p.ID)
		}
	}
	if len(progs) == 0 {
		return nil, nil
	}
	counts, err := s.weekCounts(ctx, ids, q.Since)
	if err != nil {
		return nil, err
	}
	cells := newGroupCells(q.Teams, q.TeamID)
	var out []TeamProgramme
	for _, p := range progs {
		tp := TeamProgramme{Programme: p}
		for _, week := range sortedKeys(counts[p.ID]) {
			if w, ok := cells.week(week, counts[p.ID][week], q.K); ok {
				tp.Weeks = append(tp.Weeks, w)
			}
		}
		if len(tp.Weeks) > 0 {
			tp.Recent = recent(tp.Weeks)
			out = append(out, tp)
		}
	}
	slices.SortFunc(out, func(a, b TeamProgramme) int { return strings.Compare(a.Programme.Name, b.Programme.Name) })
	return out, nil
}

// weekCounts reads the programmes' asks and ratings by week and direct
// team. A rating of 0 is an ask without an answer.
func (s *Service) weekCounts(ctx context.Context, programmes []int64, since string) (weekCounts, error) {
	out := weekCounts{}
	if len(programmes) == 0 {
		return out, nil
	}
	var rows []struct {
		ProgrammeID int64
		ISOWeek     string
		TeamID      int64
		Rating      int
		N           int
	}
	err := s.db.WithContext(ctx).Raw(`
		SELECT a.programme_id, a.iso_week, COALESCE(a.team_id, 0) AS team_id, COALESCE(r.rating, 0) AS rating, COUNT(*) AS n
		FROM pulse_asks a LEFT JOIN pulse_answers r ON r.ask_id = a.id
		WHERE a.programme_id IN ? AND a.iso_week >= ? AND a.state IN (?, ?)
		GROUP BY a.programme_id, a.iso_week, COALESCE(a.team_id, 0), COALESCE(r.rating, 0)`,
		programmes, since, StateOpen, StateAnswered).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("pulse: weeks of programmes: %w", err)
	}
	for _, r := range rows {
		if out[r.ProgrammeID] == nil {
			out[r.ProgrammeID] = map[string]map[int64]*groupCounts{}
		}
		byTeam := out[r.ProgrammeID][r.ISOWeek]
		if byTeam == nil {
			byTeam = map[int64]*groupCounts{}
			out[r.ProgrammeID][r.ISOWeek] = byTeam
		}
		c := byTeam[r.TeamID]
		if c == nil {
			c = &groupCounts{}
			byTeam[r.TeamID] = c
		}
		c.asks += r.N
		if r.Rating > 0 {
			if err := c.dist.Add(r.Rating, r.N); err != nil {
				return nil, fmt.Errorf("pulse: weeks of programmes: %w", err)
			}
		}
	}
	return out, nil
}

// recent sums the shown weeks among the RecentWeeks latest.
func recent(weeks []TeamWeek) Recent {
	last := weeks[max(0, len(weeks)-RecentWeeks):]
	r := Recent{Weeks: len(last)}
	for _, w := range last {
		if w.Shown {
			r.Shown++
			r.Asks += w.Asks
			r.Answers += w.Answers
		}
	}
	r.ResponseRate = insight.Percent(r.Answers, r.Asks)
	return r
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
