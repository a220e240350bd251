package insight_test

import (
	"math"
	"testing"

	"github.com/devpulse/devpulse/internal/insight"
)

func TestAITimeSaved(t *testing.T) {
	tests := []struct {
		name                       string
		hours                      float64
		answered, invited          int
		engineers, extrapolated    float64
		engineersShown, extraShown float64
		ok                         bool
	}{
		// 120/40 = 3; 120/30 × 50/40 = 4 × 1.25 = 5.
		{"whole numbers", 120, 30, 50, 3, 5, 3, 5, true},
		// 111/40 = 2.775; 111/37 × 120/40 = 3 × 3 = 9.
		{"rounded to one decimal", 111, 37, 120, 2.775, 9, 2.8, 9, true},
		// 2/40 = 0.05 and 2/1 × 3/40 = 0.15: both exactly halfway, up.
		{"halves round up", 2, 1, 3, 0.05, 0.15, 0.1, 0.2, true},
		// 3/40 = 0.075; 3/2 × 5/40 = 0.1875.
		{"below and above the half", 3, 2, 5, 0.075, 0.1875, 0.1, 0.2, true},
		{"nobody saves time", 0, 10, 40, 0, 0, 0, 0, true},
		{"nobody answered", 0, 0, 40, 0, 0, 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := insight.AITimeSaved(tt.hours, tt.answered, tt.invited)
			if c.OK != tt.ok || c.Hours != tt.hours || c.Answered != tt.answered || c.Invited != tt.invited {
				t.Fatalf("AITimeSaved(%v, %d, %d) = %+v", tt.hours, tt.answered, tt.invited, c)
			}
			if math.Abs(c.Engineers-tt.engineers) > 1e-12 || math.Abs(c.Extrapolated-tt.extrapolated) > 1e-12 {
				t.Errorf("raw = %v, %v; want %v, %v", c.Engineers, c.Extrapolated, tt.engineers, tt.extrapolated)
			}
			if c.EngineersShown != tt.engineersShown || c.ExtrapolatedShown != tt.extraShown {
				t.Errorf("shown = %v, %v; want %v, %v", c.EngineersShown, c.ExtrapolatedShown, tt.engineersShown, tt.extraShown)
			}
		})
	}
}
