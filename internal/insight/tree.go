package insight

import (
	"cmp"
	"fmt"
	"slices"
)

// Node is one team of the directory tree as the suppression sees it.
type Node struct {
	ID       int64
	ParentID *int64
	// Responses counts the submitted responses of people directly in the
	// team, not in its sub-teams.
	Responses int
}

// Visibility says what a team's screens may show.
type Visibility struct {
	// Responses is the team's group size: its own and all its sub-teams'
	// submitted responses. Counts are always shown.
	Responses int
	// Shown: the team's group (the team with its sub-teams, as
	// dashboards aggregate it) may show scores and comments.
	Shown bool
	// Complementary: the group is hidden although it holds k or more
	// responses, so that a smaller group cannot be worked out by
	// subtraction. A screen can say so instead of "too few responses".
	Complementary bool
	// Direct: the team's direct members, as a group of their own, may
	// show scores and comments too. For a team without sub-teams that is
	// the same group as Shown.
	Direct bool
}

// SuppressTree decides which teams may show scores and comments. Pass every
// team of the snapshot's audience; a parent not among nodes makes a team a
// top-level one.
//
// What is shown: per team, the group of the team with its sub-teams, and
// above all teams the organisation total, which counts as shown whenever it
// holds k responses. Any shown group minus the shown groups inside it is a
// set of people whose numbers can be worked out; call the people of a
// shown group not covered by a shown group below it the group's rest: its
// direct members plus whatever of its sub-teams is hidden. Everything
// that subtraction can reach is a union of rests, so the rule is: every
// shown group holds at least k responses, and every rest holds 0 or at
// least k. With every hidden team's subtree hidden as well, the rest is
// exactly DESIGN.md's "suppressed children, including the parent's direct
// members"; counting only what is not shown further down also closes the
// gap where a hidden team's shown sub-teams could be subtracted from it.
//
// How: first every group with fewer than k responses is hidden. Then,
// from the organisation down, while a shown group's rest holds more than
// 0 and fewer than k responses, the next-smallest shown group directly
// inside it is hidden too (preferring groups with a rest of their own to
// add, ties by ID); hiding one only merges its rest into its parent's, so
// one pass from the top settles every level. It always succeeds: with all
// groups inside hidden, the rest is the whole group, at least k.
//
// Direct is true when the team is shown, its direct members hold at least
// k responses, and the rest of the team without them holds 0 or at least
// k. Hiding more than SuppressTree says is always safe.
func (t Threshold) SuppressTree(nodes []Node) (map[int64]Visibility, error) {
	tr, err := newTree(nodes)
	if err != nil {
		return nil, err
	}
	k := t.K()
	shown := make([]bool, len(tr.direct))
	for i, n := range tr.total {
		shown[i] = n >= k
	}
	complementary := make([]bool, len(tr.direct))
	rest := make([]int, len(tr.direct))
	for _, i := range tr.topDown() {
		if !shown[i] {
			continue
		}
		for {
			inside := tr.frontier(i, shown)
			rest[i] = tr.rest(i, inside)
			if rest[i] == 0 || rest[i] >= k || len(inside) == 0 {
				break
			}
			next := tr.nextToHide(inside, shown)
			shown[next], complementary[next] = false, true
		}
	}
	out := make(map[int64]Visibility, len(nodes))
	for i, id := range tr.ids {
		d := tr.direct[i]
		others := rest[i] - d
		out[id] = Visibility{
			Responses:     tr.total[i],
			Shown:         shown[i],
			Complementary: complementary[i],
			Direct:        shown[i] && d >= k && (others == 0 || others >= k),
		}
	}
	return out, nil
}

// tree indexes the nodes; index len(ids) is the organisation above the
// top-level teams.
type tree struct {
	ids      []int64
	direct   []int
	total    []int
	children [][]int
}

func newTree(nodes []Node) (*tree, error) {
	n := len(nodes)
	tr := &tree{direct: make([]int, n+1), total: make([]int, n+1), children: make([][]int, n+1)}
	index := make(map[int64]int, n)
	for i, node := range nodes {
		if _, dup := index[node.ID]; dup {
			return nil, fmt.Errorf("insight: team %d is listed twice", node.ID)
		}
		if node.Responses < 0 {
			return nil, fmt.Errorf("insight: team %d has %d responses", node.ID, node.Responses)
		}
		index[node.ID] = i
		tr.ids = append(tr.ids, node.ID)
		tr.direct[i] = node.Responses
	}
	for i, node := range nodes {
		parent, ok := n, false
		if node.ParentID != nil {
			parent, ok = index[*node.ParentID]
		}
		if !ok {
			parent = n
		}
		tr.children[parent] = append(tr.children[parent], i)
	}
	for _, c := range tr.children {
		slices.SortFunc(c, func(a, b int) int { return cmp.Compare(tr.ids[a], tr.ids[b]) })
	}
	// Teams in a cycle of parents are never reached from the organisation.
	order := tr.topDown()
	if len(order) != n+1 {
		return nil, fmt.Errorf("insight: the teams' parents form a cycle")
	}
	for _, i := range slices.Backward(order) {
		tr.total[i] = tr.direct[i]
		for _, c := range tr.children[i] {
			tr.total[i] += tr.total[c]
		}
	}
	return tr, nil
}

// topDown lists the organisation and the teams reachable from it, every
// parent before its children.
func (tr *tree) topDown() []int {
	order := []int{len(tr.ids)}
	for j := 0; j < len(order); j++ {
		order = append(order, tr.children[order[j]]...)
	}
	return order
}

// frontier lists the shown groups directly inside group i: shown teams
// below i with no shown team between.
func (tr *tree) frontier(i int, shown []bool) []int {
	var out []int
	for _, c := range tr.children[i] {
		if shown[c] {
			out = append(out, c)
		} else {
			out = append(out, tr.frontier(c, shown)...)
		}
	}
	return out
}

// rest is what group i holds beyond the shown groups inside it.
func (tr *tree) rest(i int, inside []int) int {
	r := tr.total[i]
	for _, c := range inside {
		r -= tr.total[c]
	}
	return r
}

// nextToHide picks the group to hide among the shown groups inside a
// parent: the smallest one whose own rest would add to the parent's
// (hiding a group made only of shown groups adds nothing), else the
// smallest; ties by team ID.
func (tr *tree) nextToHide(inside []int, shown []bool) int {
	adds := func(c int) bool { return tr.rest(c, tr.frontier(c, shown)) > 0 }
	return slices.MinFunc(inside, func(a, b int) int {
		return cmp.Or(
			-cmp.Compare(b2i(adds(a)), b2i(adds(b))),
			cmp.Compare(tr.total[a], tr.total[b]),
			cmp.Compare(tr.ids[a], tr.ids[b]),
		)
	})
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
