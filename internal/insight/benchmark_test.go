package insight_test

import (
	"slices"
	"testing"

	"github.com/devpulse/devpulse/internal/insight"
)

func TestPosition(t *testing.T) {
	p := insight.Percentiles{P25: 40, P50: 55, P75: 70, P90: 80}
	tests := []struct {
		name  string
		score int
		p     insight.Percentiles
		want  insight.Band
		label string
	}{
		{"far below", 0, p, insight.BelowP25, "below p25"},
		{"one below p25", 39, p, insight.BelowP25, "below p25"},
		{"equal to p25 is at it", 40, p, insight.P25ToP50, "p25–p50"},
		{"between p25 and p50", 54, p, insight.P25ToP50, "p25–p50"},
		{"equal to p50", 55, p, insight.P50ToP75, "p50–p75"},
		{"between p50 and p75", 69, p, insight.P50ToP75, "p50–p75"},
		{"equal to p75", 70, p, insight.P75ToP90, "p75–p90"},
		{"one below p90", 79, p, insight.P75ToP90, "p75–p90"},
		{"equal to p90 is at or above it", 80, p, insight.AboveP90, "above p90"},
		{"100", 100, p, insight.AboveP90, "above p90"},
		// Equal percentiles: the highest one the score reaches wins.
		{"p75 = p90, score on them", 70, insight.Percentiles{P25: 40, P50: 55, P75: 70, P90: 70}, insight.AboveP90, "above p90"},
		{"all equal, score below", 49, insight.Percentiles{P25: 50, P50: 50, P75: 50, P90: 50}, insight.BelowP25, "below p25"},
		{"all equal, score on them", 50, insight.Percentiles{P25: 50, P50: 50, P75: 50, P90: 50}, insight.AboveP90, "above p90"},
		{"all zero", 0, insight.Percentiles{}, insight.AboveP90, "above p90"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := insight.Position(tt.score, tt.p)
			if got != tt.want || got.String() != tt.label {
				t.Errorf("Position(%d, %+v) = %v (%q), want %v (%q)", tt.score, tt.p, int(got), got, int(tt.want), tt.label)
			}
		})
	}
}

func TestBandOrderAndLabels(t *testing.T) {
	var labels []string
	for _, b := range insight.Bands {
		labels = append(labels, b.String())
	}
	want := []string{"below p25", "p25–p50", "p50–p75", "p75–p90", "above p90"}
	if !slices.Equal(labels, want) {
		t.Errorf("Bands = %q, want %q", labels, want)
	}
	if !slices.IsSorted(insight.Bands) {
		t.Error("Bands are not in ascending order")
	}
	if s := insight.Band(99).String(); s != "unknown band" {
		t.Errorf("Band(99) = %q", s)
	}
}

func TestTeamPercentiles(t *testing.T) {
	tests := []struct {
		name   string
		scores []int
		want   [4]int
		ok     bool
	}{
		// Nearest rank: the value at rank ceil(P/100 × n) of the sorted scores.
		// n = 4: ranks 1, 2, 3 and ceil(3.6) = 4.
		{"four teams", []int{40, 10, 30, 20}, [4]int{10, 20, 30, 40}, true},
		// n = 5: ranks ceil(1.25) = 2, ceil(2.5) = 3, ceil(3.75) = 4, ceil(4.5) = 5.
		{"five teams", []int{70, 50, 90, 60, 80}, [4]int{60, 70, 80, 90}, true},
		// n = 10: ranks ceil(2.5) = 3, 5, ceil(7.5) = 8, 9.
		{"ten teams", []int{100, 90, 80, 70, 60, 50, 40, 30, 20, 10}, [4]int{30, 50, 80, 90}, true},
		// n = 20: ranks 5, 10, 15, 18.
		{"twenty teams", []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}, [4]int{5, 10, 15, 18}, true},
		// n = 7: ranks ceil(1.75) = 2, ceil(3.5) = 4, ceil(5.25) = 6, ceil(6.3) = 7.
		{"ties", []int{55, 55, 60, 60, 60, 72, 90}, [4]int{55, 60, 72, 90}, true},
		{"all the same", []int{64, 64, 64, 64}, [4]int{64, 64, 64, 64}, true},
		{"zero and a hundred are scores", []int{0, 0, 100, 100}, [4]int{0, 0, 100, 100}, true},
		{"three teams are too few", []int{10, 20, 30}, [4]int{}, false},
		{"no teams", nil, [4]int{}, false},
		{"a score above 100", []int{10, 20, 30, 101}, [4]int{}, false},
		{"a negative score", []int{-1, 20, 30, 40}, [4]int{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := slices.Clone(tt.scores)
			p25, p50, p75, p90, ok := insight.TeamPercentiles(tt.scores)
			if got := [4]int{p25, p50, p75, p90}; got != tt.want || ok != tt.ok {
				t.Errorf("TeamPercentiles(%v) = %v %v, want %v %v", tt.scores, got, ok, tt.want, tt.ok)
			}
			if !slices.Equal(in, tt.scores) {
				t.Errorf("TeamPercentiles reordered its argument: %v", tt.scores)
			}
		})
	}
}
