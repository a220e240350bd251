package survey

import (
	"math"
	"net/url"
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/devpulse/devpulse/internal/input"
)

// FuzzParseAnswer feeds every question kind arbitrary form values. Either
// the answer is refused with a message, or what is accepted holds what the
// kind promises: ratings on the scale, options from the list, finite
// numbers in range, percentages that add up to 100, clean text within its
// limit.
func FuzzParseAnswer(f *testing.F) {
	f.Add(uint8(0), "4", "", "")
	f.Add(uint8(6), "60", "40", "")
	f.Add(uint8(6), "NaN", "100", "")
	f.Add(uint8(5), "caf\xe9", "", "")
	f.Add(uint8(4), "2,5", "", "")
	f.Add(uint8(3), "a", "b", "c")
	f.Fuzz(func(t *testing.T, kind uint8, v1, v2, v3 string) {
		min, max := 0.0, 40.0
		kinds := []Question{
			{ID: 1, Kind: KindRating},
			{ID: 1, Kind: KindFrequency},
			{ID: 1, Kind: KindSingle, Config: Config{Choices: []string{"A", "B"}}},
			{ID: 1, Kind: KindMulti, Config: Config{Choices: []string{"a", "b", "c"}}},
			{ID: 1, Kind: KindNumber, Config: Config{Min: &min, Max: &max}},
			{ID: 1, Kind: KindText, Config: Config{MaxLength: 20}},
			{ID: 1, Kind: KindAllocation, Config: Config{Categories: []string{"Features", "Toil"}}},
			{ID: 1, Kind: KindPriority},
			{ID: 1, Kind: KindNPS},
		}
		q := kinds[int(kind)%len(kinds)]
		form := url.Values{"q1": {v1, v2, v3}, "q1-0": {v1}, "q1-1": {v2}}
		a, msg := q.ParseAnswer(form, []string{"a", "b", "c", "d"})
		if msg != "" {
			if !utf8.ValidString(msg) {
				t.Fatalf("message is not text: %q", msg)
			}
			return
		}
		checkAccepted(t, q, a)
	})
}

func checkAccepted(t *testing.T, q Question, a Answer) {
	t.Helper()
	switch q.Kind {
	case KindRating:
		if a.Rating != nil && (*a.Rating < 0 || *a.Rating > 5) {
			t.Fatalf("rating %d", *a.Rating)
		}
	case KindFrequency:
		if a.Choice != "" && !slices.Contains(Frequencies, a.Choice) {
			t.Fatalf("frequency %q", a.Choice)
		}
	case KindSingle:
		if a.Choice != "" && !slices.Contains(q.Config.Choices, a.Choice) {
			t.Fatalf("choice %q", a.Choice)
		}
	case KindMulti, KindPriority:
		if q.Kind == KindPriority && len(a.Choices) > MaxPriorityPicks {
			t.Fatalf("%d priorities", len(a.Choices))
		}
	case KindNumber:
		if a.Number != nil && (math.IsNaN(*a.Number) || *a.Number < *q.Config.Min || *a.Number > *q.Config.Max) {
			t.Fatalf("number %v", *a.Number)
		}
	case KindNPS:
		if a.Number != nil && (*a.Number < NPSMin || *a.Number > NPSMax || *a.Number != math.Trunc(*a.Number)) {
			t.Fatalf("net promoter answer %v", *a.Number)
		}
	case KindText:
		if !input.Clean(a.Text) || utf8.RuneCountInString(a.Text) > q.Config.MaxLength {
			t.Fatalf("text %q", a.Text)
		}
	case KindAllocation:
		total := 0.0
		for _, v := range a.Allocation {
			if math.IsNaN(v) || v < 0 || v > 100 {
				t.Fatalf("allocation %v", a.Allocation)
			}
			total += v
		}
		if len(a.Allocation) > 0 && math.Abs(total-100) > 0.001 {
			t.Fatalf("allocation adds up to %v", total)
		}
	}
}
