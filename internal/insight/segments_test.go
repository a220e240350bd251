package insight_test

import (
	"maps"
	"slices"
	"testing"

	"github.com/devpulse/devpulse/internal/insight"
)

func TestSuppressSegments(t *testing.T) {
	tests := []struct {
		name       string
		total      int
		segments   map[string]int
		suppressed []string
	}{
		// Office isolates 3; remote = 12 − 3 would give office away.
		{"a filter isolating fewer than k, and its complement", 12,
			map[string]int{"remote": 9, "office": 3}, []string{"office", "remote"}},
		{"the complement survives when the rest reaches k", 20,
			map[string]int{"remote": 9, "hybrid": 8, "office": 3}, []string{"hybrid", "office"}},
		{"exactly k each", 10, map[string]int{"remote": 5, "office": 5}, nil},
		{"k and k-1", 9, map[string]int{"remote": 5, "office": 4}, []string{"office", "remote"}},
		{"all large", 12, map[string]int{"remote": 6, "office": 6}, nil},
		// 1 response has no work arrangement: with office's 4 that is 5.
		{"the unrecorded part counts as hidden", 10,
			map[string]int{"remote": 5, "office": 4}, []string{"office"}},
		// 10 − 9 would give the 1 unrecorded response away.
		{"the unrecorded part alone", 10, map[string]int{"remote": 9}, []string{"remote"}},
		{"one value holds the whole group", 8, map[string]int{"remote": 8, "office": 0}, []string{"office"}},
		{"group below k", 4, map[string]int{"remote": 4}, []string{"remote"}},
		{"equal sizes: by key", 19,
			map[string]int{"a": 3, "b": 8, "c": 8}, []string{"a", "b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := insight.Threshold{}.SuppressSegments(tt.total, tt.segments)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(tt.segments))) {
				t.Fatalf("keys %v, want those of %v", got, tt.segments)
			}
			var suppressed []string
			for _, key := range slices.Sorted(maps.Keys(got)) {
				if got[key] {
					suppressed = append(suppressed, key)
				}
			}
			if !slices.Equal(suppressed, tt.suppressed) {
				t.Errorf("suppressed %v, want %v", suppressed, tt.suppressed)
			}
		})
	}
}

func TestSuppressSegmentsRejects(t *testing.T) {
	for name, tt := range map[string]struct {
		total    int
		segments map[string]int
	}{
		"negative count":      {10, map[string]int{"remote": -1}},
		"more than the group": {10, map[string]int{"remote": 6, "office": 5}},
		"negative group":      {-1, nil},
	} {
		if _, err := (insight.Threshold{}).SuppressSegments(tt.total, tt.segments); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
