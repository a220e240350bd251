package results

import (
	"context"
	"fmt"
	"slices"

	"github.com/devpulse/devpulse/internal/insight"
	"github.com/devpulse/devpulse/internal/survey"
)

// HeavyAIUse are the AI-assistant frequencies that make a heavy user:
// weekly or more often. Everyone else who answered is a light user.
var HeavyAIUse = []string{"Weekly", "Several times a week", "Daily"}

// TeamShares is one team's answers to a choice or allocation question:
// how many answered it and each item's share of the answers (0..100).
type TeamShares struct {
	Answered int
	Shares   map[string]float64
}

// QuestionShares reads, for each of teams (their whole subtrees, as the
// dashboards count them), the shares of the snapshot's question with key:
// of respondents for a frequency or choice question, of time for an
// allocation. A team whose question fewer than k people answered is left
// out, as its dashboard leaves the question out. The caller passes only
// teams whose group is shown.
func (s *Store) QuestionShares(ctx context.Context, snapshotID int64, key string, teams []int64) (map[int64]TeamShares, error) {
	var q survey.Question
	err := s.db.WithContext(ctx).Where("snapshot_id = ? AND key = ?", snapshotID, key).Limit(1).Find(&q).Error
	if err != nil || q.ID == 0 || len(teams) == 0 {
		return nil, wrapErr(err, "question %s", key)
	}
	items, err := s.treeItems(ctx, snapshotID, []int64{q.ID}, teams, Filter{})
	if err != nil {
		return nil, err
	}
	byTeam := map[int64][]Item{}
	for _, it := range items {
		byTeam[it.TeamID] = append(byTeam[it.TeamID], it)
	}
	out := map[int64]TeamShares{}
	for team, its := range byTeam {
		ts := TeamShares{Shares: map[string]float64{}}
		var all float64
		for _, it := range its {
			if q.Kind == survey.KindAllocation {
				ts.Answered = max(ts.Answered, it.Answers) // every respondent gives every category
				all += it.Total
			} else {
				ts.Answered += it.Answers
				all += float64(it.Answers)
			}
		}
		if ts.Answered < s.k.K() || all == 0 {
			continue
		}
		for _, it := range its {
			part := float64(it.Answers)
			if q.Kind == survey.KindAllocation {
				part = it.Total
			}
			ts.Shares[it.Item] += part / all * 100
		}
		out[team] = ts
	}
	return out, nil
}

// AISplitRow is one driver's favorable score among heavy and light AI
// users across the organisation; a side's score is set only when shown.
type AISplitRow struct {
	Key, Name    string
	Heavy, Light insight.Score
}

// AISplit is the organisation's drivers for heavy and light AI-assistant
// users as two segments. Shown is false, and Rows empty, when either
// segment has fewer than k respondents or subtracting both from the
// organisation would leave a group of 1 to k-1 (those who skipped the
// question); a driver's scores follow the same rule on its own answers.
type AISplit struct {
	Shown        bool
	Heavy, Light int
	Rows         []AISplitRow
}

// aiAnswer is one submitted response's AI frequency or driver rating.
type aiAnswer struct {
	ResponseID int64
	Key        string
	Item       string
	Rating     *int
}

// AISplit splits the organisation's respondents of a snapshot by their
// answer to the AI-assistant frequency question and scores every driver
// in each group, under the k rules (see AISplit).
func (s *Store) AISplit(ctx context.Context, snapshotID int64) (AISplit, error) {
	var rows []aiAnswer
	err := s.db.WithContext(ctx).Table("answers a").Select("a.response_id, q.key, a.item, a.rating").
		Joins("JOIN responses r ON r.id = a.response_id").Joins("JOIN questions q ON q.id = a.question_id").
		Where("r.snapshot_id = ? AND r.submitted = ? AND (q.key = ? OR q.driver_id IS NOT NULL)", snapshotID, true, survey.KeyAIFrequency).
		Scan(&rows).Error
	if err != nil {
		return AISplit{}, fmt.Errorf("results: AI split: %w", err)
	}
	var total int64
	if err := s.db.WithContext(ctx).Table("responses").Where("snapshot_id = ? AND submitted = ?", snapshotID, true).Count(&total).Error; err != nil {
		return AISplit{}, fmt.Errorf("results: AI split: %w", err)
	}
	heavy := map[int64]bool{}
	answered := map[int64]bool{}
	for _, r := range rows {
		if r.Key == survey.KeyAIFrequency {
			answered[r.ResponseID], heavy[r.ResponseID] = true, slices.Contains(HeavyAIUse, r.Item)
		}
	}
	out := AISplit{}
	for id := range answered {
		if heavy[id] {
			out.Heavy++
		} else {
			out.Light++
		}
	}
	if !s.splitShown(int(total), out.Heavy, out.Light) {
		return AISplit{}, nil // not even how many: a side is too small
	}
	out.Shown = true
	out.Rows, err = s.aiSplitRows(ctx, rows, heavy, answered)
	return out, err
}

// splitShown applies the segment rule to a split of total into heavy and light.
func (s *Store) splitShown(total, heavy, light int) bool {
	hidden, err := s.k.SuppressSegments(total, map[string]int{"heavy": heavy, "light": light})
	return err == nil && !hidden["heavy"] && !hidden["light"]
}

// aiSplitRows scores each driver among heavy and light users.
func (s *Store) aiSplitRows(ctx context.Context, rows []aiAnswer, heavy, answered map[int64]bool) ([]AISplitRow, error) {
	type dists struct{ all, heavy, light insight.Distribution }
	by := map[string]*dists{}
	var order []string
	for _, r := range rows {
		if r.Key == survey.KeyAIFrequency || r.Rating == nil {
			continue
		}
		if by[r.Key] == nil {
			by[r.Key] = &dists{}
			order = append(order, r.Key)
		}
		d := by[r.Key]
		_ = d.all.Add(*r.Rating, 1) // ratings are 0..5 by the table's check
		switch {
		case answered[r.ResponseID] && heavy[r.ResponseID]:
			_ = d.heavy.Add(*r.Rating, 1)
		case answered[r.ResponseID]:
			_ = d.light.Add(*r.Rating, 1)
		}
	}
	names, err := s.driverNames(ctx)
	if err != nil {
		return nil, err
	}
	slices.Sort(order)
	var out []AISplitRow
	for _, key := range order {
		d := by[key]
		row := AISplitRow{Key: key, Name: names[key]}
		if s.splitShown(d.all.Answered(), d.heavy.Answered(), d.light.Answered()) {
			row.Heavy, row.Light = d.heavy.Score(), d.light.Score()
		}
		out = append(out, row)
	}
	return out, nil
}

func wrapErr(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("results: "+format+": %w", append(args, err)...)
}
