package results

import (
	"slices"
	"testing"
)

// More distinct numbers than bars: ranges of a round width, each holding
// its lower end, whose shares sum to 100; the median of an even count is
// the mean of the two middle answers.
func TestNumberFiguresInRanges(t *testing.T) {
	counts := map[float64]int{0: 1, 3: 2, 4.5: 1, 7: 1, 10: 3, 12: 1, 19: 1}
	bars, n, mean, median := numberFigures(counts, "hours")
	if n != 10 || mean != (0+6+4.5+7+30+12+19)/10.0 || median != (7+10)/2.0 {
		t.Fatalf("n %d mean %v median %v", n, mean, median)
	}
	var labels []string
	var got []int
	sum := 0
	for _, b := range bars {
		labels = append(labels, b.Label)
		got = append(got, b.Count)
		sum += b.Percent.Value
	}
	// (19 - 0) / 6 = 3.17: ranges of 5.
	if !slices.Equal(labels, []string{"0–5 hours", "5–10 hours", "10–15 hours", "15–20 hours"}) ||
		!slices.Equal(got, []int{4, 1, 4, 1}) || sum != 100 {
		t.Errorf("bars %+v", bars)
	}
}
