package demo

import (
	"math/rand/v2"
	"time"
)

// gen draws everything random in the demo from one fixed seed, in one
// fixed order, so that every build is the same.
type gen struct{ r *rand.Rand }

func newGen() *gen { return &gen{r: rand.New(rand.NewPCG(1, 2))} }

func (g *gen) float() float64 { return g.r.Float64() }

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

func (g *gen) intn(n int) int { return g.r.IntN(n) }

func (g *gen) norm(mean, sd float64) float64 { return mean + sd*g.r.NormFloat64() }

// pick draws one value by weight.
func (g *gen) pick(ws []weighted) string {
	total := 0
	for _, w := range ws {
		total += w.weight
	}
	n := g.r.IntN(total)
	for _, w := range ws {
		if n < w.weight {
			return w.value
		}
		n -= w.weight
	}
	return ws[len(ws)-1].value
}

// oneOf draws one string with equal chances.
func (g *gen) oneOf(xs []string) string { return xs[g.r.IntN(len(xs))] }

// unsaid draws one string of xs that is not in said, like oneOf (one
// draw, so the draws that follow stay the same): the drawn one, or the
// next unsaid after it, or else the first unsaid of fallback, or "".
func (g *gen) unsaid(xs []string, said map[string]bool, fallback []string) string {
	i := g.r.IntN(len(xs))
	for k := range xs {
		if x := xs[(i+k)%len(xs)]; !said[x] {
			return x
		}
	}
	for _, x := range fallback {
		if !said[x] {
			return x
		}
	}
	return ""
}

// name draws a full name nobody in taken has yet, and takes it.
func (g *gen) name(taken map[string]bool) (first, last string) {
	for {
		first, last = g.oneOf(firstNames), g.oneOf(lastNames)
		if full := first + " " + last; !taken[full] {
			taken[full] = true
			return first, last
		}
	}
}

// tenure bands as ranges of whole months before the current quarter's
// first day, with how common each is. A start date is that many months
// back plus 0 to 27 days, so it never falls on a day some month lacks:
// every date of the demo is the same calendar distance from its quarter
// whatever the year or quarter, and so is every tenure band.
var tenureMonths = []struct{ from, to, weight int }{
	{1, 6, 12},    // under 6 months
	{7, 12, 13},   // 6-12 months
	{13, 24, 25},  // 1-2 years
	{25, 60, 35},  // 2-5 years
	{61, 118, 15}, // over 5 years
}

// startDate draws a start date at least minYears before anchor, the first
// day of the current quarter.
func (g *gen) startDate(anchor time.Time, minYears float64) time.Time {
	total := 0
	for _, b := range tenureMonths {
		total += b.weight
	}
	for {
		n := g.r.IntN(total)
		for _, b := range tenureMonths {
			if n >= b.weight {
				n -= b.weight
				continue
			}
			months, days := b.from+g.r.IntN(b.to-b.from), g.r.IntN(28)
			if float64(months) >= minYears*12 {
				return anchor.AddDate(0, -months, days)
			}
			break
		}
	}
}

// rating draws an answer on the 5-point scale that is favorable (4 or 5)
// with probability p.
func (g *gen) rating(p float64) int {
	if g.chance(p) {
		if g.chance(0.38) {
			return 5
		}
		return 4
	}
	switch u := g.float(); {
	case u < 0.5:
		return 3
	case u < 0.85:
		return 2
	default:
		return 1
	}
}

// day truncates a time to its UTC date.
func day(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
