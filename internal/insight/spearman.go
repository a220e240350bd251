package insight

import (
	"math"
	"sort"
)

// MinCorrelationTeams is the fewest teams a correlation is shown for.
const MinCorrelationTeams = 8

// RankCorrelation is Spearman's rank correlation of paired values with its
// 95% interval (Fisher's z). OK is false below MinCorrelationTeams pairs,
// when either side has no spread, or when the lengths differ.
type RankCorrelation struct {
	N         int
	Rho       float64
	Low, High float64
	OK        bool
}

// Spearman correlates xs with ys by rank, ties given the mean of the
// ranks they span, and gives the 95% interval of rho from Fisher's z
// transformation with standard error 1/sqrt(n-3).
func Spearman(xs, ys []float64) RankCorrelation {
	c := RankCorrelation{N: len(xs)}
	if len(xs) != len(ys) || len(xs) < MinCorrelationTeams {
		return c
	}
	rho, ok := pearson(Ranks(xs), Ranks(ys))
	if !ok {
		return c
	}
	c.Rho, c.OK = rho, true
	c.Low, c.High = FisherInterval(rho, c.N)
	return c
}

// FisherInterval is the 95% interval of a correlation r over n pairs
// (n > 3), from Fisher's z transformation with standard error
// 1/sqrt(n-3).
func FisherInterval(r float64, n int) (low, high float64) {
	z, se := math.Atanh(math.Max(-0.999999, math.Min(0.999999, r))), 1/math.Sqrt(float64(n-3))
	return math.Tanh(z - 1.96*se), math.Tanh(z + 1.96*se)
}

// Strength words the size of a correlation, by its absolute value: strong
// from 0.7, moderate from 0.4, weak from 0.2, else "little or no".
func Strength(r float64) string {
	switch a := math.Abs(r); {
	case a >= 0.7:
		return "strong"
	case a >= 0.4:
		return "moderate"
	case a >= 0.2:
		return "weak"
	}
	return "little or no"
}

// Ranks gives each value its rank from 1, ties the mean of their ranks.
func Ranks(xs []float64) []float64 {
	idx := make([]int, len(xs))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return xs[idx[a]] < xs[idx[b]] })
	ranks := make([]float64, len(xs))
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && xs[idx[j+1]] == xs[idx[i]] {
			j++
		}
		mean := float64(i+j)/2 + 1
		for k := i; k <= j; k++ {
			ranks[idx[k]] = mean
		}
		i = j + 1
	}
	return ranks
}

// pearson is the correlation coefficient of xs and ys; ok is false when
// either has no spread.
func pearson(xs, ys []float64) (float64, bool) {
	n := float64(len(xs))
	var mx, my float64
	for i := range xs {
		mx, my = mx+xs[i]/n, my+ys[i]/n
	}
	var sxy, sxx, syy float64
	for i := range xs {
		dx, dy := xs[i]-mx, ys[i]-my
		sxy, sxx, syy = sxy+dx*dy, sxx+dx*dx, syy+dy*dy
	}
	if sxx == 0 || syy == 0 {
		return 0, false
	}
	return sxy / math.Sqrt(sxx*syy), true
}
