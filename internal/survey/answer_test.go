package survey

import (
	"net/url"
	"testing"
)

func TestParseAnswer(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	tests := []struct {
		name    string
		q       Question
		form    url.Values
		wantMsg bool
		check   func(Answer) bool
	}{
		{"rating", Question{ID: 1, Kind: KindRating}, url.Values{"q1": {"4"}}, false, func(a Answer) bool { return *a.Rating == 4 }},
		{"not applicable", Question{ID: 1, Kind: KindRating}, url.Values{"q1": {"0"}}, false, func(a Answer) bool { return *a.Rating == NotApplicable }},
		{"overall satisfaction is never not applicable", Question{ID: 1, Kind: KindRating, Key: KeyOverall}, url.Values{"q1": {"0"}}, true, nil},
		{"rating out of range", Question{ID: 1, Kind: KindRating}, url.Values{"q1": {"6"}}, true, nil},
		{"frequency by index", Question{ID: 1, Kind: KindFrequency}, url.Values{"q1": {"5"}}, false, func(a Answer) bool { return a.Choice == "Daily" }},
		{"unknown choice", Question{ID: 1, Kind: KindSingle, Config: Config{Choices: []string{"A", "B"}}}, url.Values{"q1": {"C"}}, true, nil},
		{"too many priorities", Question{ID: 1, Kind: KindPriority}, url.Values{"q1": {"a", "b", "c", "d"}}, true, nil},
		{"three priorities", Question{ID: 1, Kind: KindPriority}, url.Values{"q1": {"a", "b", "c"}}, false, func(a Answer) bool { return len(a.Choices) == 3 }},
		{"priority outside snapshot", Question{ID: 1, Kind: KindPriority}, url.Values{"q1": {"zzz"}}, true, nil},
		{"number over max", Question{ID: 1, Kind: KindNumber, Config: Config{Min: f(0), Max: f(40)}}, url.Values{"q1": {"41"}}, true, nil},
		{"number with comma", Question{ID: 1, Kind: KindNumber, Config: Config{Min: f(0), Max: f(40)}}, url.Values{"q1": {"2,5"}}, false, func(a Answer) bool { return *a.Number == 2.5 }},
		{"text over limit", Question{ID: 1, Kind: KindText, Config: Config{MaxLength: 5}}, url.Values{"q1": {"abcdef"}}, true, nil},
		{"allocation not 100", Question{ID: 1, Kind: KindAllocation, Config: Config{Categories: []string{"A", "B"}}}, url.Values{"q1-0": {"50"}, "q1-1": {"40"}}, true, nil},
		{"allocation 100", Question{ID: 1, Kind: KindAllocation, Config: Config{Categories: []string{"A", "B"}}}, url.Values{"q1-0": {"60"}, "q1-1": {"40"}}, false, func(a Answer) bool { return a.Allocation["A"] == 60 }},
		{"allocation NaN", Question{ID: 1, Kind: KindAllocation, Config: Config{Categories: []string{"A", "B"}}}, url.Values{"q1-0": {"NaN"}, "q1-1": {"100"}}, true, nil},
		{"allocation only NaN", Question{ID: 1, Kind: KindAllocation, Config: Config{Categories: []string{"A", "B"}}}, url.Values{"q1-0": {"nan"}}, true, nil},
		{"allocation infinity", Question{ID: 1, Kind: KindAllocation, Config: Config{Categories: []string{"A", "B"}}}, url.Values{"q1-0": {"+Inf"}, "q1-1": {"-Inf"}}, true, nil},
		{"number NaN", Question{ID: 1, Kind: KindNumber}, url.Values{"q1": {"NaN"}}, true, nil},
		{"number infinity", Question{ID: 1, Kind: KindNumber}, url.Values{"q1": {"Inf"}}, true, nil},
		{"text with NUL", Question{ID: 1, Kind: KindText, Config: Config{MaxLength: 50}}, url.Values{"q1": {"a\x00b"}}, true, nil},
		{"text not UTF-8", Question{ID: 1, Kind: KindText, Config: Config{MaxLength: 50}}, url.Values{"q1": {"caf\xe9"}}, true, nil},
		{"empty is fine", Question{ID: 1, Kind: KindRating}, url.Values{}, false, func(a Answer) bool { return a.Empty() }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, msg := tt.q.ParseAnswer(tt.form, []string{"a", "b", "c", "d"})
			if (msg != "") != tt.wantMsg {
				t.Fatalf("message %q, want one: %v", msg, tt.wantMsg)
			}
			if tt.check != nil && !tt.check(a) {
				t.Fatalf("answer %+v", a)
			}
		})
	}
}
