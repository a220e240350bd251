package directory

import (
	"slices"
	"strings"
)

// Subtrees returns the IDs of the given roots and every team below them.
func Subtrees(teams []Team, roots []int64) map[int64]bool {
	children := map[int64][]int64{}
	for _, t := range teams {
		if t.ParentID != nil {
			children[*t.ParentID] = append(children[*t.ParentID], t.ID)
		}
	}
	seen := map[int64]bool{}
	stack := append([]int64(nil), roots...)
	for len(stack) > 0 {
		id := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[id] {
			continue
		}
		seen[id] = true
		stack = append(stack, children[id]...)
	}
	return seen
}

// EachSubtree is Subtrees of every team, by team, in one walk up from each
// team to its ancestors: calling Subtrees once a team reads the whole tree
// each time, which cost most of a 550-team page.
func EachSubtree(teams []Team) map[int64]map[int64]bool {
	parent := make(map[int64]int64, len(teams))
	for _, t := range teams {
		if t.ParentID != nil {
			parent[t.ID] = *t.ParentID
		}
	}
	out := make(map[int64]map[int64]bool, len(teams))
	for _, t := range teams {
		id, ok := t.ID, true
		for range len(teams) { // bounded, should the tree hold a cycle
			if out[id] == nil {
				out[id] = map[int64]bool{}
			}
			out[id][t.ID] = true
			if id, ok = parent[id]; !ok {
				break
			}
		}
	}
	return out
}

// TreeNode is one team in a tree view, with its counts and leads.
type TreeNode struct {
	Team Team
	// Level is how many shown ancestors the team has, for indentation.
	Level int
	// Members counts active people in the team itself; SubtreeMembers adds
	// every team below it.
	Members        int
	SubtreeMembers int
	Leads          []string
	// Children counts the team's direct sub-teams.
	Children int
}

// Tree orders teams depth-first, children by name, and sums member counts
// up the tree. With a non-nil visible set only those teams are returned,
// and Level counts only visible ancestors, so a lead's subtree starts at
// level 0.
func Tree(teams []Team, st TeamStats, visible map[int64]bool) []TreeNode {
	children := map[int64][]Team{}
	var roots []Team
	byID := map[int64]bool{}
	for _, t := range teams {
		byID[t.ID] = true
	}
	for _, t := range teams {
		if t.ParentID != nil && byID[*t.ParentID] {
			children[*t.ParentID] = append(children[*t.ParentID], t)
		} else {
			roots = append(roots, t)
		}
	}
	sortTeams(roots)
	for id := range children {
		sortTeams(children[id])
	}
	var out []TreeNode
	var walk func(t Team, level int) int
	walk = func(t Team, level int) int {
		show := visible == nil || visible[t.ID]
		idx := len(out)
		if show {
			out = append(out, TreeNode{Team: t, Level: level, Members: st.Members[t.ID],
				Leads: st.Leads[t.ID], Children: len(children[t.ID])})
			level++
		}
		total := st.Members[t.ID]
		for _, c := range children[t.ID] {
			total += walk(c, level)
		}
		if show {
			out[idx].SubtreeMembers = total
		}
		return total
	}
	for _, r := range roots {
		walk(r, 0)
	}
	return out
}

func sortTeams(ts []Team) {
	slices.SortFunc(ts, func(a, b Team) int {
		if c := strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
}
