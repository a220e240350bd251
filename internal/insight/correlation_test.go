package insight_test

import (
	"math"
	"testing"

	"github.com/devpulse/devpulse/internal/insight"
)

func TestCorrelation(t *testing.T) {
	var perfect, inverse, flat, few, mixed [5][5]int
	for i := range 5 {
		perfect[i][i] = 2
		inverse[i][4-i] = 2
		flat[i][2] = 1 // y never varies
	}
	few[0][0], few[4][4] = 1, 1
	// Pairs (1,2) (2,1) (3,3) (4,5) (5,4): by hand, mean 3 each, Σdxdy =
	// (−2)(−1)+(−1)(−2)+0+(1)(2)+(2)(1) = 8, Σdx² = Σdy² = 10: r = 0.8.
	mixed[0][1], mixed[1][0], mixed[2][2], mixed[3][4], mixed[4][3] = 1, 1, 1, 1, 1
	for _, tc := range []struct {
		name  string
		joint [5][5]int
		r     float64
		n     int
		ok    bool
	}{
		{"perfect", perfect, 1, 10, true},
		{"inverse", inverse, -1, 10, true},
		{"y constant", flat, 0, 5, false},
		{"two pairs", few, 0, 2, false},
		{"hand computed", mixed, 0.8, 5, true},
	} {
		r, n, ok := insight.Correlation(tc.joint)
		if ok != tc.ok || n != tc.n || math.Abs(r-tc.r) > 1e-12 {
			t.Errorf("%s: r=%v n=%d ok=%v, want %v %d %v", tc.name, r, n, ok, tc.r, tc.n, tc.ok)
		}
	}
}
