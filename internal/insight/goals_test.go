package insight

import "testing"

func TestGoalVerdict(t *testing.T) {
	s := func(v int) Score { return Score{Value: v, OK: true} }
	tests := []struct {
		name      string
		kind      string
		target    int
		base, now Score
		want      string
	}{
		{"score reached exactly", GoalScore, 70, s(60), s(70), GoalMet},
		{"score passed", GoalScore, 70, s(60), s(82), GoalMet},
		{"score short by one", GoalScore, 70, s(60), s(69), GoalNotMet},
		{"score already above and kept", GoalScore, 50, s(60), s(55), GoalMet},
		{"points improved enough", GoalPoints, 10, s(40), s(50), GoalMet},
		{"points improved too little", GoalPoints, 10, s(40), s(49), GoalNotMet},
		{"points fell", GoalPoints, 5, s(40), s(30), GoalNotMet},
		{"now under k", GoalScore, 70, s(60), Score{}, GoalNotMeasurable},
		{"baseline under k", GoalPoints, 5, Score{}, s(90), GoalNotMeasurable},
		{"both hidden", GoalScore, 10, Score{}, Score{}, GoalNotMeasurable},
	}
	for _, tt := range tests {
		if got := GoalVerdict(tt.kind, tt.target, tt.base, tt.now); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}
