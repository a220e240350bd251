package directory

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
