package insight_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/devpulse/devpulse/internal/insight"
)

func project(vs [][]float64, keep []int) [][]float64 {
	out := make([][]float64, len(vs))
	for i, v := range vs {
		for _, j := range keep {
			out[i] = append(out[i], v[j])
		}
	}
	return out
}

// rank is the rank of the vectors, by Gaussian elimination.
func rank(vs [][]float64) int {
	m := make([][]float64, len(vs))
	for i := range vs {
		m[i] = append([]float64(nil), vs[i]...)
	}
	r := 0
	for c := 0; len(m) > 0 && c < len(m[0]); c++ {
		p := -1
		for i := r; i < len(m); i++ {
			if math.Abs(m[i][c]) > 1e-9 {
				p = i
				break
			}
		}
		if p < 0 {
			continue
		}
		m[r], m[p] = m[p], m[r]
		for i := range m {
			if i != r && math.Abs(m[i][c]) > 1e-9 {
				f := m[i][c] / m[r][c]
				for j := c; j < len(m[i]); j++ {
					m[i][j] -= f * m[r][j]
				}
			}
		}
		r++
	}
	return r
}

// TestZTestExactAgreesWithFloat: away from exact ties (there are none for
// groups up to 40) the exact decision is the plain float comparison.
func TestZTestExactAgreesWithFloat(t *testing.T) {
	for n1 := 1; n1 <= 40; n1++ {
		for n2 := 1; n2 <= 40; n2 += 3 {
			for f1 := 0; f1 <= n1; f1++ {
				for f2 := 0; f2 <= n2; f2++ {
					z, sig := insight.ZTest(f1, n1, f2, n2)
					if want := math.Abs(z) >= 1.96 && f1+f2 > 0 && f1+f2 < n1+n2; sig != want {
						t.Fatalf("ZTest(%d, %d, %d, %d): z %v, significant %v", f1, n1, f2, n2, z, sig)
					}
				}
			}
		}
	}
}

// TestNoiseBandAgreesWithFloat repeats NoiseBand's scan in floating point.
func TestNoiseBandAgreesWithFloat(t *testing.T) {
	z := func(p1, p2 float64, n1, n2 int) float64 {
		p := (p1*float64(n1) + p2*float64(n2)) / float64(n1+n2)
		return math.Abs(p1-p2) / math.Sqrt(p*(1-p)*(1/float64(n1)+1/float64(n2)))
	}
	for _, n1 := range []int{3, 5, 8, 13, 20, 50, 120} {
		for _, n2 := range []int{4, 5, 9, 20, 60} {
			for f2 := 0; f2 <= n2; f2++ {
				for _, points := range []int{-1, 0, 1} {
					p2, want, wantOK := float64(f2)/float64(n2), 0, false
					for d := 1; d <= 100 && !wantOK; d++ {
						up, down := p2+float64(d)/100, p2-float64(d)/100
						if points >= 0 && up <= 1+1e-12 && z(up, p2, n1, n2) >= 1.96 ||
							points <= 0 && down >= -1e-12 && z(down, p2, n1, n2) >= 1.96 {
							want, wantOK = d, true
						}
					}
					if got, ok := insight.NoiseBand(f2, n2, n1, points); got != want || ok != wantOK {
						t.Fatalf("NoiseBand(%d, %d, %d, %d) = %d, %v; float scan %d, %v", f2, n2, n1, points, got, ok, want, wantOK)
					}
				}
			}
		}
	}
}

// TestSuppressSegmentsLeaksNothing: within a shown group, no set of 1..k−1
// people (values of the segment, plus those without one) may be a linear
// combination of the group's total and the shown values.
func TestSuppressSegmentsLeaksNothing(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 2))
	keys := []string{"a", "b", "c", "d", "e"}
	for range 3000 {
		k := 3 + rng.IntN(3)
		th, _ := insight.NewThreshold(k)
		segments := map[string]int{}
		sizes := []int{rng.IntN(3)} // the people without a value
		for _, key := range keys[:1+rng.IntN(len(keys))] {
			segments[key] = rng.IntN(10)
			sizes = append(sizes, segments[key])
		}
		total := 0
		for _, s := range sizes {
			total += s
		}
		suppressed, err := th.SuppressSegments(total, segments)
		if err != nil {
			t.Fatal(err)
		}
		var shown [][]float64
		if total >= k {
			shown = append(shown, ones(len(sizes)))
		}
		for i, key := range keys[:len(sizes)-1] {
			if !suppressed[key] {
				if segments[key] < k {
					t.Fatalf("%v of %d, k=%d: %s shown", segments, total, k, key)
				}
				v := make([]float64, len(sizes))
				v[i+1] = 1
				shown = append(shown, v)
			}
		}
		basis := rank(shown)
		for set := 1; set < 1<<len(sizes); set++ {
			g, size := make([]float64, len(sizes)), 0
			for b := range sizes {
				if set&(1<<b) != 0 {
					g[b], size = 1, size+sizes[b]
				}
			}
			if size > 0 && size < k && rank(append(shown, g)) == basis {
				t.Fatalf("%v of %d, k=%d: a group of %d can be worked out (%v)", segments, total, k, size, suppressed)
			}
		}
	}
}

func ones(n int) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = 1
	}
	return v
}
