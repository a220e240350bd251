package insight_test

import (
	"maps"
	"slices"
	"testing"

	"github.com/devpulse/devpulse/internal/insight"
)

// team is a node with a parent (0 for none) and direct responses.
func team(id, parent int64, responses int) insight.Node {
	n := insight.Node{ID: id, Responses: responses}
	if parent != 0 {
		n.ParentID = &parent
	}
	return n
}

// seen summarises visibilities as shown team IDs, complementary hidden
// ones, and teams whose direct members may be shown.
type seen struct{ shown, complementary, direct []int64 }

func summarise(vis map[int64]insight.Visibility) seen {
	var s seen
	for _, id := range slices.Sorted(maps.Keys(vis)) {
		v := vis[id]
		if v.Shown {
			s.shown = append(s.shown, id)
		}
		if v.Complementary {
			s.complementary = append(s.complementary, id)
		}
		if v.Direct {
			s.direct = append(s.direct, id)
		}
	}
	return s
}

func ids(v ...int64) []int64 { return v }

func TestSuppressTree(t *testing.T) {
	three, _ := insight.NewThreshold(3)
	tests := []struct {
		name  string
		th    insight.Threshold
		nodes []insight.Node
		want  seen
	}{
		{"exactly k", insight.Threshold{}, []insight.Node{team(1, 0, 5)},
			seen{shown: ids(1), direct: ids(1)}},
		{"k-1", insight.Threshold{}, []insight.Node{team(1, 0, 4)}, seen{}},
		// 25 = 3 + 10 + 12: hiding team 2 alone leaves 25 − 10 − 12 = 3,
		// so the next-smallest sibling (3, with 10) goes too.
		{"one suppressed child", insight.Threshold{},
			[]insight.Node{team(1, 0, 0), team(2, 1, 3), team(3, 1, 10), team(4, 1, 12)},
			seen{shown: ids(1, 4), complementary: ids(3), direct: ids(4)}},
		// The parent's 2 direct members and the 3 of team 2 make 5.
		{"suppressed child and direct members reach k", insight.Threshold{},
			[]insight.Node{team(1, 0, 2), team(2, 1, 3), team(3, 1, 10)},
			seen{shown: ids(1, 3), direct: ids(3)}},
		// 4 direct members of team 1 = 18 − 6 − 8 unless a child is hidden.
		{"direct members alone below k", insight.Threshold{},
			[]insight.Node{team(1, 0, 4), team(2, 1, 6), team(3, 1, 8)},
			seen{shown: ids(1, 3), complementary: ids(2), direct: ids(3)}},
		// 1 + 2 = 3 < 5: the smallest shown sibling (8) is hidden, 9 stays.
		{"two suppressed children together below k", insight.Threshold{},
			[]insight.Node{team(1, 0, 0), team(2, 1, 1), team(3, 1, 2), team(4, 1, 8), team(5, 1, 9)},
			seen{shown: ids(1, 5), complementary: ids(4), direct: ids(5)}},
		{"two suppressed children together k", insight.Threshold{},
			[]insight.Node{team(1, 0, 0), team(2, 1, 2), team(3, 1, 3), team(4, 1, 8)},
			seen{shown: ids(1, 4), direct: ids(4)}},
		// The same teams with k = 3: 2 is hidden, then 3 (4) to reach 6.
		{"k 3", three,
			[]insight.Node{team(1, 0, 0), team(2, 1, 2), team(3, 1, 3), team(4, 1, 8)},
			seen{shown: ids(1, 4), complementary: ids(3), direct: ids(4)}},
		{"everything large enough", insight.Threshold{},
			[]insight.Node{team(1, 0, 6), team(2, 1, 7), team(3, 1, 8)},
			seen{shown: ids(1, 2, 3), direct: ids(1, 2, 3)}},
		// Team 1's rest is its 6 direct members and team 2's 3: 9 is
		// enough, but showing the 6 alone would give the 3 away.
		{"direct members hide a small child", insight.Threshold{},
			[]insight.Node{team(1, 0, 6), team(2, 1, 3), team(3, 1, 10)},
			seen{shown: ids(1, 3), direct: ids(3)}},
		{"an empty team hides nothing more", insight.Threshold{},
			[]insight.Node{team(1, 0, 0), team(2, 1, 0), team(3, 1, 6), team(4, 1, 6)},
			seen{shown: ids(1, 3, 4), direct: ids(3, 4)}},
		// The organisation total is shown: 13 − 10 would give team 1 away.
		{"the organisation counts as a parent", insight.Threshold{},
			[]insight.Node{team(1, 0, 3), team(2, 0, 10)},
			seen{complementary: ids(2)}},
		// Team 2 has 2 direct members and sub-teams of 6 and 7: 15 − 6 − 7
		// = 2, so team 3 (6) is hidden; the levels above are fine.
		{"every level", insight.Threshold{},
			[]insight.Node{team(1, 0, 0), team(2, 1, 2), team(3, 2, 6), team(4, 2, 7), team(5, 1, 20)},
			seen{shown: ids(1, 2, 4, 5), complementary: ids(3), direct: ids(4, 5)}},
		// Team 3 (20) is hidden beside team 2 (3), but its sub-teams 4 (10)
		// and 5 (9) are shown: hiding 3 only adds its 1 direct member, and
		// 53 − 10 − 9 − 30 = 4 would reveal team 2 with team 3's direct
		// member. So 5 (9) is hidden too: the rest is 3 + 1 + 9 = 13.
		{"shown sub-teams of a hidden team are subtracted", insight.Threshold{},
			[]insight.Node{team(1, 0, 0), team(2, 1, 3), team(3, 1, 1), team(4, 3, 10), team(5, 3, 9), team(6, 1, 30)},
			seen{shown: ids(1, 4, 6), complementary: ids(3, 5), direct: ids(4, 6)}},
		// Team 2 (10) is only teams 3 and 4 (5 each): hiding it would add
		// nothing to team 1's rest of 2, so the larger team 5 (11) goes.
		{"a group made only of shown groups adds nothing", insight.Threshold{},
			[]insight.Node{team(1, 0, 2), team(2, 1, 0), team(3, 2, 5), team(4, 2, 5), team(5, 1, 11)},
			seen{shown: ids(1, 2, 3, 4), complementary: ids(5), direct: ids(3, 4)}},
		{"a parent outside the list makes a top-level team", insight.Threshold{},
			[]insight.Node{team(1, 99, 7)}, seen{shown: ids(1), direct: ids(1)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vis, err := tt.th.SuppressTree(tt.nodes)
			if err != nil {
				t.Fatal(err)
			}
			if len(vis) != len(tt.nodes) {
				t.Errorf("got %d teams, want %d", len(vis), len(tt.nodes))
			}
			got := summarise(vis)
			if !slices.Equal(got.shown, tt.want.shown) || !slices.Equal(got.complementary, tt.want.complementary) || !slices.Equal(got.direct, tt.want.direct) {
				t.Errorf("shown %v, complementary %v, direct %v; want %v, %v, %v",
					got.shown, got.complementary, got.direct, tt.want.shown, tt.want.complementary, tt.want.direct)
			}
		})
	}
}

func TestSuppressTreeResponses(t *testing.T) {
	vis, err := insight.Threshold{}.SuppressTree([]insight.Node{team(1, 0, 2), team(2, 1, 3), team(3, 2, 4), team(4, 1, 0)})
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[int64]int{1: 9, 2: 7, 3: 4, 4: 0} {
		if got := vis[id].Responses; got != want {
			t.Errorf("team %d: Responses = %d, want %d", id, got, want)
		}
	}
}

func TestSuppressTreeRejects(t *testing.T) {
	tests := []struct {
		name  string
		nodes []insight.Node
	}{
		{"a team listed twice", []insight.Node{team(1, 0, 5), team(1, 0, 6)}},
		{"negative responses", []insight.Node{team(1, 0, -1)}},
		{"a cycle", []insight.Node{team(1, 0, 5), team(2, 3, 5), team(3, 2, 5)}},
		{"its own parent", []insight.Node{team(1, 1, 5)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := (insight.Threshold{}).SuppressTree(tt.nodes); err == nil {
				t.Error("accepted")
			}
		})
	}
}
