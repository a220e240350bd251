package insight

import "slices"

// Percentiles are the 25th, 50th, 75th and 90th percentiles of favorable
// scores (0..100 points) in some population: an external benchmark, or
// the organisation's own teams (see TeamPercentiles). They are expected
// in non-decreasing order.
type Percentiles struct {
	P25, P50, P75, P90 int
}

// Band is where a score sits among a set of Percentiles. Bands order from
// low to high, so they compare with < and >.
type Band int

// The five bands, lowest first.
const (
	BelowP25 Band = iota
	P25ToP50
	P50ToP75
	P75ToP90
	AboveP90
)

// Bands lists every band, lowest first.
var Bands = []Band{BelowP25, P25ToP50, P50ToP75, P75ToP90, AboveP90}

// String is the band's label as every screen and export shows it.
func (b Band) String() string {
	switch b {
	case BelowP25:
		return "below p25"
	case P25ToP50:
		return "p25–p50"
	case P50ToP75:
		return "p50–p75"
	case P75ToP90:
		return "p75–p90"
	case AboveP90:
		return "above p90"
	}
	return "unknown band"
}

// minTeams is the fewest team scores TeamPercentiles computes percentiles
// from: with fewer, "the 90th percentile" is just the best team.
const minTeams = 4

// Position returns the band score falls in. A score equal to a percentile
// is at or above it, so it falls in the band that starts there:
//
//	below p25   score < p25
//	p25–p50     p25 ≤ score < p50
//	p50–p75     p50 ≤ score < p75
//	p75–p90     p75 ≤ score < p90
//	above p90   score ≥ p90 (at or above: the label keeps the usual wording)
//
// When percentiles are equal the highest one the score reaches decides:
// with p75 = p90 = 70, a score of 70 is above p90.
func Position(score int, p Percentiles) Band {
	switch {
	case score >= p.P90:
		return AboveP90
	case score >= p.P75:
		return P75ToP90
	case score >= p.P50:
		return P50ToP75
	case score >= p.P25:
		return P25ToP50
	}
	return BelowP25
}

// TeamPercentiles is the internal benchmark: the 25th, 50th, 75th and
// 90th percentiles of the favorable scores of the organisation's teams on
// one driver, one score per team.
//
// The method is nearest rank: with the n scores sorted in ascending order
// and counted from 1, the P-th percentile is the score at rank
// ceil(P × n / 100). Every percentile is therefore one team's actual
// score, never an interpolation; for n = 10 the ranks are 3, 5, 8 and 9.
//
// ok is false with fewer than 4 scores, and for a score outside 0..100
// (an impossible score shows as missing rather than skewing the rest).
// Pass only the scores of teams that Threshold shows: a percentile is one
// team's score, so a suppressed team's score must not be among them.
// scores is not modified.
func TeamPercentiles(scores []int) (p25, p50, p75, p90 int, ok bool) {
	if len(scores) < minTeams {
		return 0, 0, 0, 0, false
	}
	for _, s := range scores {
		if s < 0 || s > 100 {
			return 0, 0, 0, 0, false
		}
	}
	sorted := slices.Clone(scores)
	slices.Sort(sorted)
	at := func(p int) int {
		rank := (p*len(sorted) + 99) / 100 // ceil(p × n / 100), at least 1 for n ≥ 1
		return sorted[rank-1]
	}
	return at(25), at(50), at(75), at(90), true
}
