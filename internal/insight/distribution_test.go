package insight_test

import (
	"math"
	"testing"

	"github.com/devpulse/devpulse/internal/insight"
)

// dist builds a distribution from the counts of "not applicable" and of
// the ratings 1..5.
func dist(na, r1, r2, r3, r4, r5 int) insight.Distribution {
	return insight.Distribution{Counts: [6]int{na, r1, r2, r3, r4, r5}}
}

func TestDistributionAdd(t *testing.T) {
	var d insight.Distribution
	for _, row := range [][2]int{{0, 2}, {4, 3}, {5, 1}, {4, 1}} {
		if err := d.Add(row[0], row[1]); err != nil {
			t.Fatalf("Add(%d, %d): %v", row[0], row[1], err)
		}
	}
	if want := dist(2, 0, 0, 0, 4, 1); d != want {
		t.Errorf("got %v, want %v", d.Counts, want.Counts)
	}
	for _, bad := range [][2]int{{6, 1}, {-1, 1}, {3, -1}} {
		if err := d.Add(bad[0], bad[1]); err == nil {
			t.Errorf("Add(%d, %d) accepted", bad[0], bad[1])
		}
	}
}

func TestDistributionScoreAndMean(t *testing.T) {
	tests := []struct {
		name      string
		d         insight.Distribution
		answered  int
		score     insight.Score
		mean      float64
		meanOK    bool
		favorable int
	}{
		// 3 favorable of 8 is 37.5: rounds half up to 38. With the 3 "not
		// applicable" counted it would be 27, so they are left out.
		{"not applicable excluded, half up", dist(3, 1, 2, 2, 2, 1), 8, insight.Score{Value: 38, OK: true}, 24.0 / 8, true, 3},
		{"all favorable", dist(0, 0, 0, 0, 3, 2), 5, insight.Score{Value: 100, OK: true}, 22.0 / 5, true, 5},
		{"none favorable is a real 0", dist(1, 2, 1, 1, 0, 0), 4, insight.Score{Value: 0, OK: true}, 7.0 / 4, true, 0},
		{"one answer", dist(0, 0, 0, 0, 0, 1), 1, insight.Score{Value: 100, OK: true}, 5, true, 1},
		{"all not applicable", dist(6, 0, 0, 0, 0, 0), 0, insight.Score{}, 0, false, 0},
		{"no answers", dist(0, 0, 0, 0, 0, 0), 0, insight.Score{}, 0, false, 0},
		{"negative count", dist(0, -1, 0, 0, 2, 0), 1, insight.Score{}, 0, false, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.d.Answered(); got != tt.answered {
				t.Errorf("Answered() = %d, want %d", got, tt.answered)
			}
			if got := tt.d.Favorable(); got != tt.favorable {
				t.Errorf("Favorable() = %d, want %d", got, tt.favorable)
			}
			if got := tt.d.Score(); got != tt.score {
				t.Errorf("Score() = %+v, want %+v", got, tt.score)
			}
			mean, ok := tt.d.Mean()
			if ok != tt.meanOK || math.Abs(mean-tt.mean) > 1e-12 {
				t.Errorf("Mean() = %v, %v; want %v, %v", mean, ok, tt.mean, tt.meanOK)
			}
		})
	}
}

func TestDistributionBars(t *testing.T) {
	tests := []struct {
		name string
		d    insight.Distribution
		want [5]int
		ok   bool
	}{
		{"exact shares", dist(2, 2, 0, 1, 3, 4), [5]int{20, 0, 10, 30, 40}, true},
		// Thirds: plain rounding gives 33+33+33 = 99; the missing point
		// goes to the lowest rating among equal remainders.
		{"thirds", dist(0, 1, 1, 1, 0, 0), [5]int{34, 33, 33, 0, 0}, true},
		// Sixths: plain rounding gives 17·4 + 33 = 101. Floors 16,16,16,16,33
		// leave 3 points for remainders 4,4,4,4,2 (out of 6): ratings 1..3.
		{"sixths", dist(0, 1, 1, 1, 1, 2), [5]int{17, 17, 17, 16, 33}, true},
		// Floors 16,0,0,66,16 leave 2 points; all remainders are 4 of 6, so
		// the larger count (rating 4) comes first, then the lower rating.
		{"ties go to the larger count", dist(0, 1, 0, 0, 4, 1), [5]int{17, 0, 0, 67, 16}, true},
		// Sevenths: floors 14,28,0,0,57 = 99; remainders 2,4,0,0,1 of 7.
		{"largest remainder", dist(0, 1, 2, 0, 0, 4), [5]int{14, 29, 0, 0, 57}, true},
		{"all not applicable", dist(4, 0, 0, 0, 0, 0), [5]int{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := tt.d.Bars()
			if got != tt.want || ok != tt.ok {
				t.Errorf("Bars() = %v, %v; want %v, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

// The favorable score is rounded on its own: for 1,1,1,1,2 it is 3 of 6,
// 50, while the bars of 4 and 5 add up to 16 + 33 = 49.
func TestScoreRoundsApartFromBars(t *testing.T) {
	d := dist(0, 1, 1, 1, 1, 2)
	bars, _ := d.Bars()
	if s := d.Score(); s.Value != 50 || bars[3]+bars[4] != 49 {
		t.Errorf("score %d, bars 4+5 %d; want 50 and 49", s.Value, bars[3]+bars[4])
	}
}

// Every distribution of up to 6 answers per rating: the bars sum to 100
// and each is its exact share rounded down or up.
func TestBarsSumTo100(t *testing.T) {
	var c [5]int
	var walk func(i int)
	walk = func(i int) {
		if i < 5 {
			for c[i] = 0; c[i] <= 6; c[i]++ {
				walk(i + 1)
			}
			return
		}
		d := dist(0, c[0], c[1], c[2], c[3], c[4])
		bars, ok := d.Bars()
		n := d.Answered()
		if !ok {
			if n != 0 {
				t.Fatalf("%v: no bars", c)
			}
			return
		}
		sum := 0
		for j, b := range bars {
			sum += b
			if lo := 100 * c[j] / n; b != lo && b != lo+1 || c[j] == 0 && b != 0 {
				t.Fatalf("%v: bar %d is %d, exact share %d/%d", c, j+1, b, 100*c[j], n)
			}
		}
		if sum != 100 {
			t.Fatalf("%v: bars %v sum to %d", c, bars, sum)
		}
	}
	walk(0)
}
