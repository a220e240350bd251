package pulse

import (
	"time"
)

// budgetAllows applies the contact budget to one more ask for a person
// now, given their asks since the quarter began (or the longest gap):
// their own frequency, the least days between asks, the most asks per
// quarter, and no asks near the close of an unanswered quarterly survey.
func (s *Service) budgetAllows(asks []*Ask, f Frequency, quiet bool, now time.Time) bool {
	if f == FreqNever || quiet {
		return false
	}
	gap := max(time.Duration(s.budget.MinDays)*24*time.Hour, gapOf(f))
	quarter, qStart := 0, QuarterStart(now)
	for _, a := range asks {
		if a.State == StateCancelled {
			continue
		}
		if a.CreatedAt.After(now.Add(-gap)) {
			return false
		}
		if !a.CreatedAt.Before(qStart) {
			quarter++
		}
	}
	return quarter < s.budget.MaxPerQuarter
}

// longestGap is the longest time between asks any choice allows.
func (s *Service) longestGap() time.Duration {
	return max(time.Duration(s.budget.MinDays)*24*time.Hour, gapOf(FreqMonthly))
}

// QuarterStart is the first instant of t's calendar quarter in UTC.
func QuarterStart(t time.Time) time.Time {
	t = t.UTC()
	m := time.Month((int(t.Month())-1)/3*3 + 1)
	return time.Date(t.Year(), m, 1, 0, 0, 0, 0, time.UTC)
}
