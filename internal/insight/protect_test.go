package insight_test

import (
	"slices"
	"testing"

	"github.com/devpulse/devpulse/internal/insight"
)

func TestProtect(t *testing.T) {
	cell := func(atoms ...int) insight.Cell { return insight.Cell{Atoms: atoms} }
	tests := []struct {
		name    string
		k       int
		weights []int
		cells   []insight.Cell
		want    []bool
	}{
		{"exactly k shows, k-1 does not", 5, []int{5, 4}, []insight.Cell{cell(0), cell(1)}, []bool{true, false}},
		{"a group and one part: the other part is small", 5, []int{6, 2}, []insight.Cell{cell(0, 1), cell(0)}, []bool{true, false}},
		{"two small parts together hold k", 5, []int{6, 2, 3}, []insight.Cell{cell(0, 1, 2), cell(0)}, []bool{true, true}},
		{"the same group twice adds nothing", 5, []int{6}, []insight.Cell{cell(0), cell(0)}, []bool{true, true}},
		{"nothing held shows nothing", 5, []int{0, 7}, []insight.Cell{cell(0), cell(0, 1)}, []bool{false, true}},
		// Three overlapping cells whose sum and differences isolate 2:
		// (0,1) + (1,2) - (0,1,2) = atom 1.
		{"overlaps", 5, []int{5, 2, 5}, []insight.Cell{cell(0, 1, 2), cell(0, 1), cell(1, 2)}, []bool{true, true, false}},
		// Sets made of several small atoms: all less atom 4 is four
		// people; all less atoms 0, 1 and 4 is two.
		{"four small atoms", 5, []int{1, 1, 1, 1, 9}, []insight.Cell{cell(0, 1, 2, 3, 4), cell(4)}, []bool{true, false}},
		{"two small atoms", 5, []int{1, 1, 1, 1, 9}, []insight.Cell{cell(0, 1, 2, 3, 4), cell(0, 1, 4)}, []bool{true, false}},
		{"five small atoms hold k", 5, []int{1, 1, 1, 1, 1, 9}, []insight.Cell{cell(0, 1, 2, 3, 4, 5), cell(5)}, []bool{true, true}},
		{"k = 3", 3, []int{3, 2, 3}, []insight.Cell{cell(0, 1, 2), cell(0), cell(2)}, []bool{true, true, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			th, err := insight.NewThreshold(tt.k)
			if err != nil {
				t.Fatal(err)
			}
			if got := th.Protect(tt.weights, tt.cells); !slices.Equal(got, tt.want) {
				t.Errorf("Protect = %v, want %v", got, tt.want)
			}
		})
	}
}
