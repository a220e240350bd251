package insight_test

import (
	"math"
	"testing"

	"github.com/devpulse/devpulse/internal/insight"
)

// The z values are worked by hand from z = (p1−p2)/sqrt(p(1−p)(1/n1+1/n2)).
func TestZTest(t *testing.T) {
	tests := []struct {
		name                 string
		fav1, n1, fav2, n2   int
		z                    float64
		significant, defined bool
	}{
		// p1 .22, p2 .08, p .15: sqrt(.1275 × .04) = .0714143; .14/.0714143.
		{"just above 1.96", 11, 50, 4, 50, 1.96039, true, true},
		// p1 .12, p2 .02, p .07: sqrt(.0651 × .04) = .0510294; .10/.0510294.
		{"just below 1.96", 6, 50, 1, 50, 1.95965, false, true},
		{"a fall just above", 4, 50, 11, 50, -1.96039, true, true},
		// p .195: sqrt(.156975 × .02) = .0560312; .11/.0560312.
		{"above, n = 100", 25, 100, 14, 100, 1.96319, true, true},
		// p .25: sqrt(.1875 × .02) = .0612372; .12/.0612372.
		{"below, n = 100", 31, 100, 19, 100, 1.95959, false, true},
		// p1 10/12, p2 7/15, p 17/27: sqrt(.2331962 × .15) = .1870278;
		// .3666667/.1870278.
		{"unequal sizes", 10, 12, 7, 15, 1.96049, true, true},
		// p .59: sqrt(.2419 × .0002) = .00695557; .02/.00695557. The exact
		// test multiplies past int64 here.
		{"large groups", 6000, 10000, 5800, 10000, 2.87540, true, true},
		// 50.5% against 50%: scores 51 and 50, one point, significant.
		// p .5025: sqrt(.24999375 × .00002) = .00223604; .005/.00223604.
		{"one point at 100000 each", 50500, 100000, 50000, 100000, 2.23610, true, true},
		{"no change", 30, 50, 30, 50, 0, false, true},
		{"all favorable both times: no variance", 12, 12, 9, 9, 0, false, false},
		{"none favorable both times: no variance", 0, 12, 0, 9, 0, false, false},
		{"empty group", 0, 0, 3, 5, 0, false, false},
		{"impossible count", 6, 5, 3, 5, 0, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			z, sig := insight.ZTest(tt.fav1, tt.n1, tt.fav2, tt.n2)
			if math.Abs(z-tt.z) > 5e-5 || sig != tt.significant {
				t.Errorf("ZTest(%d, %d, %d, %d) = %.5f, %v; want %.5f, %v",
					tt.fav1, tt.n1, tt.fav2, tt.n2, z, sig, tt.z, tt.significant)
			}
			if !tt.defined && z != 0 {
				t.Errorf("undefined z should be 0, got %v", z)
			}
		})
	}
}

func TestNoiseBand(t *testing.T) {
	tests := []struct {
		name                         string
		prevFav, prevN, nowN, points int
		band                         int
		ok                           bool
	}{
		// p2 .5, n 100 each. +14: p .57, sqrt(.2451 × .02) = .0700143,
		// z = 1.9996; +13: p .565, sqrt(.245775 × .02) = .0701106, z = 1.8542.
		{"100 each at 50%", 50, 100, 100, 0, 14, true},
		{"100 each at 50%, falling", 50, 100, 100, -3, 14, true},
		// +30: p .65, sqrt(.2275 × .1) = .1508310, z = 1.9890;
		// +29: p .645, sqrt(.228975 × .1) = .1513192, z = 1.9165.
		{"20 each at 50%", 10, 20, 20, 5, 30, true},
		// p2 .5 of 80, now 20: p = .5 + .2Δ, z² = Δ²/((.25 − .04Δ²) × .0625):
		// Δ .25 gives 1/.2475 = 4.04 ≥ 3.8416; Δ .24 gives 3.72.
		{"unequal sizes use both", 40, 80, 20, 0, 25, true},
		// p2 1 of 10 each, only down: z² = 10Δ/(1 − Δ/2): Δ .33 gives
		// 3.952, Δ .32 gives 3.810.
		{"from 100%", 10, 10, 10, -40, 33, true},
		{"from 100%, no change", 10, 10, 10, 0, 33, true},
		// p2 .08 of 50 each: down to 0% (Δ 8) gives p .04, z = .08/
		// sqrt(.0384 × .04) = 2.0412; up needs 14 (z = 1.9604, see ZTest).
		{"near 0%, rising", 4, 50, 50, 14, 14, true},
		{"near 0%, falling", 4, 50, 50, -5, 8, true},
		{"near 0%, no change: the easier way", 4, 50, 50, 0, 8, true},
		// One answer each: even 100% to 0% gives z² = 2.
		{"too small for any change", 1, 1, 1, -100, 0, false},
		{"no previous answers", 0, 0, 10, 0, 0, false},
		{"impossible count", 6, 5, 10, 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			band, ok := insight.NoiseBand(tt.prevFav, tt.prevN, tt.nowN, tt.points)
			if band != tt.band || ok != tt.ok {
				t.Errorf("NoiseBand(%d, %d, %d, %d) = %d, %v; want %d, %v",
					tt.prevFav, tt.prevN, tt.nowN, tt.points, band, ok, tt.band, tt.ok)
			}
		})
	}
}

func TestCompare(t *testing.T) {
	tests := []struct {
		name      string
		now, prev insight.Distribution
		want      insight.Delta
	}{
		// 11 of 50 (22) against 4 of 50 (8): +14, z = 1.96039, and a rise
		// of 14 is exactly the band from 8% at these sizes.
		{"significant rise", dist(5, 10, 20, 9, 10, 1), dist(0, 20, 20, 6, 3, 1),
			insight.Delta{Points: 14, OK: true, Z: 1.96039, Significant: true, Noise: 14, NoiseOK: true}},
		// 6 of 50 (12) against 1 of 50 (2): +10, z = 1.95965: muted. The
		// band from 2% is 11: p1 .13, p .075, z = .11/sqrt(.069375 × .04)
		// = 2.0882, while +10 is the z above.
		{"muted rise", dist(0, 20, 20, 4, 5, 1), dist(2, 25, 20, 4, 1, 0),
			insight.Delta{Points: 10, OK: true, Z: 1.95965, Significant: false, Noise: 11, NoiseOK: true}},
		// Both 100% favorable: delta 0, z undefined, not significant; the
		// band is the fall from 100% of 10 (see TestNoiseBand).
		{"no variance", dist(0, 0, 0, 0, 5, 5), dist(1, 0, 0, 0, 6, 4),
			insight.Delta{Points: 0, OK: true, Noise: 33, NoiseOK: true}},
		{"no previous score", dist(0, 1, 1, 1, 1, 1), dist(7, 0, 0, 0, 0, 0), insight.Delta{}},
		{"no current score", dist(3, 0, 0, 0, 0, 0), dist(0, 1, 1, 1, 1, 1), insight.Delta{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := insight.Compare(tt.now, tt.prev)
			if math.Abs(got.Z-tt.want.Z) > 5e-5 {
				t.Errorf("Z = %.5f, want %.5f", got.Z, tt.want.Z)
			}
			got.Z, tt.want.Z = 0, 0
			if got != tt.want {
				t.Errorf("Compare() = %+v, want %+v", got, tt.want)
			}
		})
	}
}
