package insight_test

import (
	"testing"

	"github.com/devpulse/devpulse/internal/insight"
)

func TestPercent(t *testing.T) {
	tests := []struct {
		name        string
		part, whole int
		want        insight.Score
	}{
		{"exact", 3, 4, insight.Score{Value: 75, OK: true}},
		{"12.5 rounds half up", 1, 8, insight.Score{Value: 13, OK: true}},
		{"37.5 rounds half up", 3, 8, insight.Score{Value: 38, OK: true}},
		{"0.5 rounds half up", 1, 200, insight.Score{Value: 1, OK: true}},
		{"99.5 rounds half up", 199, 200, insight.Score{Value: 100, OK: true}},
		{"33.33 rounds down", 1, 3, insight.Score{Value: 33, OK: true}},
		{"66.67 rounds up", 2, 3, insight.Score{Value: 67, OK: true}},
		{"0.4 rounds to a real 0", 1, 250, insight.Score{Value: 0, OK: true}},
		{"none of some is 0", 0, 7, insight.Score{Value: 0, OK: true}},
		{"all", 7, 7, insight.Score{Value: 100, OK: true}},
		{"nothing to divide by", 0, 0, insight.Score{}},
		{"part above whole", 8, 7, insight.Score{}},
		{"negative part", -1, 7, insight.Score{}},
		{"negative whole", 1, -7, insight.Score{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := insight.Percent(tt.part, tt.whole); got != tt.want {
				t.Errorf("Percent(%d, %d) = %+v, want %+v", tt.part, tt.whole, got, tt.want)
			}
		})
	}
}

func TestPriorityShare(t *testing.T) {
	tests := []struct {
		name                string
		picked, respondents int
		want                insight.Score
	}{
		{"a quarter", 3, 12, insight.Score{Value: 25, OK: true}},
		// 7 respondents, 4 of whom picked no driver at all: they still count.
		{"respondents who picked nothing count", 1, 7, insight.Score{Value: 14, OK: true}},
		{"nobody picked it", 0, 10, insight.Score{Value: 0, OK: true}},
		{"no respondents", 0, 0, insight.Score{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := insight.PriorityShare(tt.picked, tt.respondents); got != tt.want {
				t.Errorf("PriorityShare(%d, %d) = %+v, want %+v", tt.picked, tt.respondents, got, tt.want)
			}
		})
	}
}

func TestParticipation(t *testing.T) {
	tests := []struct {
		name               string
		submitted, invited int
		want               insight.Score
	}{
		{"team", 45, 60, insight.Score{Value: 75, OK: true}},
		{"half up", 1, 8, insight.Score{Value: 13, OK: true}},
		{"nobody yet", 0, 12, insight.Score{Value: 0, OK: true}},
		{"everybody", 12, 12, insight.Score{Value: 100, OK: true}},
		{"no invitations", 0, 0, insight.Score{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := insight.Participation(tt.submitted, tt.invited); got != tt.want {
				t.Errorf("Participation(%d, %d) = %+v, want %+v", tt.submitted, tt.invited, got, tt.want)
			}
		})
	}
}
