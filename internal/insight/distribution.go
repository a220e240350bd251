package insight

import (
	"cmp"
	"fmt"
	"slices"
)

// Distribution counts the answers of one group to one rating question.
// Counts[r] is the number of answers r, where 1..5 is the agreement scale
// and 0 is "not applicable", as survey.Agreement and survey.NotApplicable
// encode them. Counts must not be negative; if one is, Score, Mean and
// Bars report absence.
type Distribution struct {
	Counts [6]int
}

// Add counts n answers of the given rating, as rows of
// "SELECT rating, COUNT(*) ... GROUP BY rating" arrive.
func (d *Distribution) Add(rating, n int) error {
	if rating < 0 || rating > 5 {
		return fmt.Errorf("insight: rating %d is outside 0..5", rating)
	}
	if n < 0 {
		return fmt.Errorf("insight: negative count %d for rating %d", n, rating)
	}
	d.Counts[rating] += n
	return nil
}

// NotApplicable is the number of "not applicable" answers.
func (d Distribution) NotApplicable() int { return d.Counts[0] }

// Answered is the number of answers on the scale (1..5); "not applicable"
// is left out. It is the n of the score, the mean and the bars.
func (d Distribution) Answered() int {
	return d.Counts[1] + d.Counts[2] + d.Counts[3] + d.Counts[4] + d.Counts[5]
}

// IsFavorable reports whether a rating is favorable: agree (4) or strongly
// agree (5). Every favorable count and share follows it.
func IsFavorable(rating int) bool { return rating >= 4 && rating <= 5 }

// Favorable is the number of favorable answers (IsFavorable).
func (d Distribution) Favorable() int {
	n := 0
	for r, c := range d.Counts {
		if IsFavorable(r) {
			n += c
		}
	}
	return n
}

// Score is the favorable score: round(100 × answers of 4 or 5 / answers of
// 1..5), half up. It is absent when nobody answered on the scale, for
// example when every answer was "not applicable".
func (d Distribution) Score() Score {
	if !d.valid() {
		return Score{}
	}
	return FavorableScore(d.Favorable(), d.Answered())
}

// FavorableScore is the favorable score from its two counts: answers of
// 4 or 5 out of answers of 1 to 5, for readers that keep only those.
func FavorableScore(favorable, answered int) Score {
	return Percent(favorable, answered)
}

// Mean is the average of the answers 1..5, unrounded; ok is false when
// nobody answered on the scale.
func (d Distribution) Mean() (mean float64, ok bool) {
	n := d.Answered()
	if !d.valid() || n == 0 {
		return 0, false
	}
	sum := 0
	for r := 1; r <= 5; r++ {
		sum += r * d.Counts[r]
	}
	return float64(sum) / float64(n), true
}

// Bars returns the 5-bar distribution: bars[i] is the percentage of
// answers i+1 among answers 1..5. The bars always sum to exactly 100: each
// bar gets the floor of its exact share, and the points still missing go
// one each to the bars with the largest remainders (ties: the larger
// count, then the lower rating). A bar with no answers stays 0. ok is
// false when nobody answered on the scale.
//
// The favorable score is rounded on its own, so it can differ by one point
// from bars[3] + bars[4]; the score is the number of record.
func (d Distribution) Bars() (bars [5]int, ok bool) {
	if !d.valid() {
		return bars, false
	}
	shares, ok := Shares(d.Counts[1:])
	if ok {
		copy(bars[:], shares)
	}
	return bars, ok
}

// Shares returns each count's percentage of their sum, rounded so that
// they sum to exactly 100: each gets the floor of its exact share, and the
// points still missing go one each to the counts with the largest
// remainders (ties: the larger count, then the earlier one). A zero count
// stays 0. ok is false when the counts sum to 0 or one is negative.
func Shares(counts []int) (out []int, ok bool) {
	n := 0
	for _, c := range counts {
		if c < 0 {
			return nil, false
		}
		n += c
	}
	if n == 0 {
		return nil, false
	}
	type share struct{ i, rem, count int }
	shares := make([]share, len(counts))
	out = make([]int, len(counts))
	missing := 100
	for i, c := range counts {
		out[i] = 100 * c / n
		missing -= out[i]
		shares[i] = share{i: i, rem: 100 * c % n, count: c}
	}
	slices.SortFunc(shares, func(a, b share) int {
		return cmp.Or(cmp.Compare(b.rem, a.rem), cmp.Compare(b.count, a.count), cmp.Compare(a.i, b.i))
	})
	// missing is the sum of the remainders divided by n, so it is smaller
	// than the number of counts with a remainder: only those get a point.
	for _, s := range shares[:missing] {
		out[s.i]++
	}
	return out, true
}

func (d Distribution) valid() bool {
	for _, c := range d.Counts {
		if c < 0 {
			return false
		}
	}
	return true
}
