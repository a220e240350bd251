package metrics

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// OnboardingMilestones are the merged pull requests onboarding counts to.
var OnboardingMilestones = []int{1, 5, 10}

// Milestone is a team's median days from start to a newcomer's nth merged
// PR, over the newcomers who got there; OK only when at least k did.
type Milestone struct {
	N       int
	Reached int
	Days    float64
	OK      bool
}

// Onboarding is a team's newcomers (people who started within the 12
// months before the day asked about) and their milestones. Shown is false
// when the team has fewer than k newcomers; then nothing else is set.
type Onboarding struct {
	Shown      bool
	Newcomers  int
	Milestones []Milestone
}

// Onboarding reads how long the team's newcomers took to their 1st, 5th
// and 10th merged PR (from pr.merged events), under the minimum group
// size k: no figure describes fewer than k people.
func (s *Store) Onboarding(ctx context.Context, teamID int64, asOf time.Time, k int) (Onboarding, error) {
	return onboarding(ctx, s.db, teamID, asOf, k)
}

// onboarding is Onboarding on db, so a transaction can read it too.
func onboarding(ctx context.Context, db *gorm.DB, teamID int64, asOf time.Time, k int) (Onboarding, error) {
	var rows []struct {
		ID         int64
		StartDate  time.Time
		OccurredAt *time.Time
	}
	err := db.WithContext(ctx).Table("people p").Select("p.id, p.start_date, e.occurred_at").
		Joins("LEFT JOIN events e ON e.person_id = p.id AND e.type = ?", typePRMerged).
		Where("p.team_id = ? AND p.active AND p.start_date > ? AND p.start_date <= ?", teamID, asOf.AddDate(-1, 0, 0), asOf).
		Order("p.id, e.occurred_at").Scan(&rows).Error
	if err != nil {
		return Onboarding{}, wrap(err, "onboarding of team %d", teamID)
	}
	days := map[int64][]float64{} // per person, days to each merged PR in order
	for _, r := range rows {
		if _, ok := days[r.ID]; !ok {
			days[r.ID] = nil
		}
		if r.OccurredAt != nil && !r.OccurredAt.After(asOf) {
			days[r.ID] = append(days[r.ID], r.OccurredAt.Sub(r.StartDate).Hours()/24)
		}
	}
	o := Onboarding{Newcomers: len(days)}
	if o.Newcomers < k {
		return Onboarding{}, nil // not even how many: the group is too small
	}
	o.Shown = true
	for _, n := range OnboardingMilestones {
		var reached []float64
		for _, ds := range days {
			if len(ds) >= n {
				reached = append(reached, max(0, ds[n-1]))
			}
		}
		m := Milestone{N: n, Reached: len(reached)}
		if m.Reached >= k {
			m.Days, m.OK = Median(reached), true
		}
		o.Milestones = append(o.Milestones, m)
	}
	return o, nil
}

// onboardingFigures computes days_to_10th_pr for each team and week of
// weeks: the team's onboarding milestone of the 10th merged PR as of the
// end of that week, under the same k rules as the dashboard (at least k
// newcomers, and at least k of them at their 10th PR), else no value.
// Only weeks in which the team merged a PR get one, since only merged
// PRs move it.
func onboardingFigures(ctx context.Context, db *gorm.DB, weeks map[int64][]string, k int) ([]Value, error) {
	var out []Value
	for team, ws := range weeks {
		for _, w := range ws {
			start, err := WeekStart(w)
			if err != nil {
				return nil, fmt.Errorf("metrics: onboarding week %q: %w", w, err)
			}
			o, err := onboarding(ctx, db, team, start.AddDate(0, 0, 7).Add(-time.Nanosecond), k)
			if err != nil {
				return nil, err
			}
			if !o.Shown || !o.Milestones[len(o.Milestones)-1].OK {
				continue
			}
			out = append(out, Value{TeamID: team, Name: DaysTo10thPR, ISOWeek: w, Unit: "days",
				Value: o.Milestones[len(o.Milestones)-1].Days, Source: SourceEvents})
		}
	}
	return out, nil
}
