package insight_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/devpulse/devpulse/internal/insight"
)

func TestRanksAverageTies(t *testing.T) {
	got := insight.Ranks([]float64{10, 20, 20, 5, 20})
	want := []float64{2, 4, 4, 1, 4}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("ranks %v, want %v", got, want)
		}
	}
}

// plainSpearman is the textbook recomputation: rank by counting (ties
// averaged), then Pearson's r on the ranks.
func plainSpearman(xs, ys []float64) float64 {
	rank := func(v []float64) []float64 {
		out := make([]float64, len(v))
		for i := range v {
			below, same := 0.0, 0.0
			for j := range v {
				if v[j] < v[i] {
					below++
				} else if v[j] == v[i] {
					same++
				}
			}
			out[i] = below + (same+1)/2
		}
		return out
	}
	rx, ry := rank(xs), rank(ys)
	n := float64(len(xs))
	mx, my := (n+1)/2, (n+1)/2 // the mean of ranks 1..n, ties averaged or not
	var sxy, sxx, syy float64
	for i := range rx {
		sxy += (rx[i] - mx) * (ry[i] - my)
		sxx += (rx[i] - mx) * (rx[i] - mx)
		syy += (ry[i] - my) * (ry[i] - my)
	}
	return sxy / math.Sqrt(sxx*syy)
}

func TestSpearmanMatchesAPlainRecomputation(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	for trial := 0; trial < 50; trial++ {
		n := 8 + rng.IntN(20)
		xs, ys := make([]float64, n), make([]float64, n)
		for i := range xs {
			xs[i] = float64(rng.IntN(10) * 10) // many ties
			ys[i] = xs[i]/100 + rng.Float64()*0.5
		}
		c := insight.Spearman(xs, ys)
		want := plainSpearman(xs, ys)
		if !c.OK || c.N != n || math.Abs(c.Rho-want) > 1e-9 {
			t.Fatalf("trial %d: rho %v (ok %v), want %v", trial, c.Rho, c.OK, want)
		}
		z, se := math.Atanh(want), 1/math.Sqrt(float64(n-3))
		if math.Abs(c.Low-math.Tanh(z-1.96*se)) > 1e-9 || math.Abs(c.High-math.Tanh(z+1.96*se)) > 1e-9 || c.Low > c.Rho || c.High < c.Rho {
			t.Fatalf("interval [%v, %v] around %v", c.Low, c.High, c.Rho)
		}
	}
}

func TestSpearmanWithheldBelowEightTeams(t *testing.T) {
	xs := []float64{1, 2, 3, 4, 5, 6, 7}
	if c := insight.Spearman(xs, xs); c.OK || c.N != 7 {
		t.Fatalf("7 teams: %+v", c)
	}
	flat := []float64{1, 1, 1, 1, 1, 1, 1, 1}
	if c := insight.Spearman(flat, []float64{1, 2, 3, 4, 5, 6, 7, 8}); c.OK {
		t.Fatalf("no spread: %+v", c)
	}
	if c := insight.Spearman([]float64{1, 2, 3, 4, 5, 6, 7, 8}, []float64{8, 7, 6, 5, 4, 3, 2, 1}); !c.OK || math.Abs(c.Rho+1) > 1e-9 {
		t.Fatalf("reversed: %+v", c)
	}
}
