package insight

import (
	"math"
	"math/big"
)

// Delta is the change of a favorable score since the previous snapshot,
// for the same group and driver.
type Delta struct {
	// Points is the score now minus the score then, both rounded first,
	// so it is the difference people see on the screen.
	Points int
	// OK is false when either snapshot has no score: then there is no
	// delta, and nothing else in Delta is meaningful.
	OK bool
	// Z is the two-proportion z statistic (see ZTest); 0 when undefined.
	Z float64
	// Significant marks the delta as significant (|z| ≥ 1.96); otherwise
	// it is shown muted. It follows the raw proportions, not the rounded
	// scores, so with tens of thousands of answers on each side a delta
	// of 0 points can be significant.
	Significant bool
	// Noise is the noise band in the direction of the delta (see
	// NoiseBand); NoiseOK is false when no change that way could be
	// significant with groups this small.
	Noise   int
	NoiseOK bool
}

// Compare returns the delta of the favorable score from prev (the previous
// snapshot) to now. Pass prev only when that group was shown in its own
// snapshot: a delta beside a score gives the hidden score away.
func Compare(now, prev Distribution) Delta {
	s1, s2 := now.Score(), prev.Score()
	if !s1.OK || !s2.OK {
		return Delta{}
	}
	d := Delta{Points: s1.Value - s2.Value, OK: true}
	d.Z, d.Significant = ZTest(now.Favorable(), now.Answered(), prev.Favorable(), prev.Answered())
	d.Noise, d.NoiseOK = NoiseBand(prev.Favorable(), prev.Answered(), now.Answered(), d.Points)
	return d
}

// ZTest is the two-proportion z-test of fav1 favorable out of n1 answers
// (now) against fav2 out of n2 (before): with p1 = fav1/n1, p2 = fav2/n2
// and the pooled p = (fav1+fav2)/(n1+n2),
//
//	z = (p1 − p2) / sqrt(p(1−p)(1/n1 + 1/n2))
//
// and the change is significant when |z| ≥ 1.96. The decision is taken in
// exact integer arithmetic (1.96² = 2401/625), so a z of exactly 1.96
// counts as significant; z itself is a float64 for display.
//
// When the pooled p is 0 or 1 there is no variance and z is undefined:
// ZTest returns 0, not significant. That is also the right answer, since
// a pooled p of 0 or 1 means both groups answered all unfavorable or all
// favorable: the proportions are equal and nothing changed. An empty
// group or an impossible count (fav outside 0..n) is undefined too.
func ZTest(fav1, n1, fav2, n2 int) (z float64, significant bool) {
	if n1 <= 0 || n2 <= 0 || fav1 < 0 || fav1 > n1 || fav2 < 0 || fav2 > n2 {
		return 0, false
	}
	if fav1+fav2 == 0 || fav1+fav2 == n1+n2 {
		return 0, false
	}
	p1, p2 := float64(fav1)/float64(n1), float64(fav2)/float64(n2)
	p := float64(fav1+fav2) / float64(n1+n2)
	z = (p1 - p2) / math.Sqrt(p*(1-p)*(1/float64(n1)+1/float64(n2)))
	// p1 = fav1·n2/(n1·n2) and p2 = fav2·n1/(n1·n2) over one denominator.
	q := int64(n1) * int64(n2)
	return z, beyondCritical(int64(fav1)*int64(n2), int64(fav2)*int64(n1), q, int64(n1), int64(n2))
}

// NoiseBand is the smallest change, in whole points, that groups of these
// sizes could show as significant, in the direction the score moved: the
// smallest Δ in 1..100 such that a proportion of exactly p2 + Δ/100 (when
// points > 0) or p2 − Δ/100 (when points < 0) out of nowN answers, tested
// against prevFav out of prevN (p2 = prevFav/prevN) with the same z-test as
// ZTest, reaches |z| ≥ 1.96 while staying within 0..100%. When points is 0
// it is the smaller of the two directions. Both sizes are the real ones,
// not one assumed for both.
//
// The direction matters near 0% and 100%: from 4 favorable of 50 (8%),
// with 50 answers now, a fall of 8 points (to 0%) is significant but a
// rise needs 14. A band in the
// direction of the delta keeps the two consistent: |z| grows with the
// distance from p2 in each direction, so a raw change smaller than the
// band is never significant. The band is guidance, not the test: a delta
// is a difference of rounded scores, up to a point away from the raw
// change, so a delta one point either side of the band can fall either
// way.
//
// The search is a scan over Δ = 1, 2, ... 100 with the exact decision of
// ZTest. ok is false when no change up to 100 points in that direction
// could be significant (tiny groups, or no room to move) or the counts are
// impossible.
func NoiseBand(prevFav, prevN, nowN, points int) (band int, ok bool) {
	if prevN <= 0 || nowN <= 0 || prevFav < 0 || prevFav > prevN {
		return 0, false
	}
	// Over the denominator q = 100·prevN: p2 = 100·prevFav/q and
	// p2 ± Δ/100 = (100·prevFav ± Δ·prevN)/q.
	n1, n2 := int64(nowN), int64(prevN)
	q, a2 := 100*n2, 100*int64(prevFav)
	for delta := int64(1); delta <= 100; delta++ {
		if points >= 0 && a2+delta*n2 <= q && beyondCritical(a2+delta*n2, a2, q, n1, n2) {
			return int(delta), true
		}
		if points <= 0 && a2-delta*n2 >= 0 && beyondCritical(a2-delta*n2, a2, q, n1, n2) {
			return int(delta), true
		}
	}
	return 0, false
}

// beyondCritical reports whether |z| ≥ 1.96 for the proportions p1 = a1/q
// of n1 answers and p2 = a2/q of n2 answers, exactly. With N = n1 + n2 and
// P = n1·a1 + n2·a2 the pooled proportion is P/(N·q), and
//
//	z² = (p1−p2)²·n1·n2 / (p(1−p)·N) ≥ 1.96² = 2401/625
//	⇔ 625·(a1−a2)²·n1·n2·N ≥ 2401·P·(N·q − P)
//
// once both sides are multiplied by q²·N. With no variance (P = 0 or
// P = N·q) it is false. The products overflow int64 for large groups, so
// they are taken in big.Int.
func beyondCritical(a1, a2, q, n1, n2 int64) bool {
	N := big.NewInt(n1 + n2)
	P := new(big.Int).Add(mul(n1, a1), mul(n2, a2))
	rest := new(big.Int).Sub(new(big.Int).Mul(N, big.NewInt(q)), P)
	if P.Sign() == 0 || rest.Sign() == 0 {
		return false
	}
	diff := big.NewInt(a1 - a2)
	lhs := new(big.Int).Mul(diff, diff)
	lhs.Mul(lhs, mul(625*n1, n2))
	lhs.Mul(lhs, N)
	rhs := new(big.Int).Mul(P, rest)
	rhs.Mul(rhs, big.NewInt(2401))
	return lhs.Cmp(rhs) >= 0
}

func mul(a, b int64) *big.Int { return new(big.Int).Mul(big.NewInt(a), big.NewInt(b)) }
