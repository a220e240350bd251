package insight

import (
	"cmp"
	"slices"
)

// NPSSteps is the number of steps of a net promoter scale, 0 to 10.
const NPSSteps = 11

// Net promoter groups: detractors answer 0 to 6, passives 7 or 8,
// promoters 9 or 10.
const (
	LowestPassive  = 7
	LowestPromoter = 9
)

// NPSCounts counts a group's answers to a net promoter question by step:
// NPSCounts[s] is the number of people who answered s.
type NPSCounts [NPSSteps]int

// NPS is a group's net promoter score with its split.
type NPS struct {
	// Answered counts everyone who answered; it is the n of the score.
	Answered                        int
	Promoters, Passives, Detractors int
	// Score is the percentage of promoters minus the percentage of
	// detractors, from -100 to 100: round(100 × (promoters − detractors)
	// / answered), computed exactly and rounded half away from zero, so a
	// group's score and its mirror image's are opposites.
	Score int
	// PromoterShare, PassiveShare and DetractorShare are percentages of
	// Answered that sum to exactly 100: each the floor of its exact share,
	// the points left over going to the largest remainders (on a tie
	// promoters first, then detractors, so an exact half rounds as the
	// score does). The split can still differ by a point from the score;
	// the score is the number of record.
	PromoterShare, PassiveShare, DetractorShare int
	// OK is false when nobody answered (or a count is negative): then
	// there is no score, never a score of 0.
	OK bool
}

// NetPromoter computes the net promoter score from a group's counts. It
// knows nothing of the minimum group size: callers show it only when the
// group is shown and Answered reaches k.
func NetPromoter(c NPSCounts) NPS {
	var n NPS
	for step, count := range c {
		if count < 0 {
			return NPS{}
		}
		switch {
		case step >= LowestPromoter:
			n.Promoters += count
		case step >= LowestPassive:
			n.Passives += count
		default:
			n.Detractors += count
		}
	}
	n.Answered = n.Promoters + n.Passives + n.Detractors
	if n.Answered == 0 {
		return NPS{}
	}
	n.Score = roundHalfAway(100*(n.Promoters-n.Detractors), n.Answered)
	shares := largestRemainder([]int{n.Promoters, n.Detractors, n.Passives}, n.Answered)
	n.PromoterShare, n.DetractorShare, n.PassiveShare = shares[0], shares[1], shares[2]
	n.OK = true
	return n
}

// roundHalfAway is num / den rounded to the nearest whole number, halves
// away from zero; den is positive.
func roundHalfAway(num, den int) int {
	if num < 0 {
		return -roundHalfAway(-num, den)
	}
	return (2*num + den) / (2 * den)
}

// largestRemainder shares 100 among counts in proportion, each the floor
// of its exact share, the points left over one each to the largest
// remainders (ties: the earlier count).
func largestRemainder(counts []int, total int) []int {
	out := make([]int, len(counts))
	type share struct{ i, rem int }
	shares := make([]share, len(counts))
	missing := 100
	for i, c := range counts {
		out[i] = 100 * c / total
		missing -= out[i]
		shares[i] = share{i, 100 * c % total}
	}
	slices.SortFunc(shares, func(a, b share) int {
		return cmp.Or(cmp.Compare(b.rem, a.rem), cmp.Compare(a.i, b.i))
	})
	for _, s := range shares[:missing] {
		out[s.i]++
	}
	return out
}
