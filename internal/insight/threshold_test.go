package insight_test

import (
	"testing"

	"github.com/devpulse/devpulse/internal/insight"
)

func TestNewThreshold(t *testing.T) {
	tests := []struct {
		k       int
		wantErr bool
	}{{-1, true}, {0, true}, {2, true}, {3, false}, {5, false}, {10, false}}
	for _, tt := range tests {
		th, err := insight.NewThreshold(tt.k)
		if (err != nil) != tt.wantErr {
			t.Errorf("NewThreshold(%d) error = %v, want error %v", tt.k, err, tt.wantErr)
		}
		if err == nil && th.K() != tt.k {
			t.Errorf("NewThreshold(%d).K() = %d", tt.k, th.K())
		}
	}
	if k := (insight.Threshold{}).K(); k != insight.DefaultK {
		t.Errorf("zero Threshold K() = %d, want %d", k, insight.DefaultK)
	}
}

func TestThresholdShows(t *testing.T) {
	seven, _ := insight.NewThreshold(7)
	tests := []struct {
		name      string
		th        insight.Threshold
		responses int
		want      bool
	}{
		{"default, exactly k", insight.Threshold{}, 5, true},
		{"default, k-1", insight.Threshold{}, 4, false},
		{"default, none", insight.Threshold{}, 0, false},
		{"k 7, exactly k", seven, 7, true},
		{"k 7, k-1", seven, 6, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.th.Shows(tt.responses); got != tt.want {
				t.Errorf("Shows(%d) = %v, want %v", tt.responses, got, tt.want)
			}
		})
	}
}
