package insight_test

import (
	"testing"

	"github.com/devpulse/devpulse/internal/insight"
)

func TestLiveParticipation(t *testing.T) {
	for _, tt := range []struct {
		submitted, invited int
		want               string
	}{
		{0, 3, "fewer than 5 invited: not shown while open"},
		{1, 3, "fewer than 5 invited: not shown while open"},
		{0, 5, "0–10%"},
		{1, 5, "20–30%"},
		{13, 40, "30–40%"},
		{39, 40, "90–100%"},
		{40, 40, "everyone"},
	} {
		if got := (insight.Threshold{}).LiveParticipation(tt.submitted, tt.invited).String(); got != tt.want {
			t.Errorf("LiveParticipation(%d, %d) = %q, want %q", tt.submitted, tt.invited, got, tt.want)
		}
	}
}
