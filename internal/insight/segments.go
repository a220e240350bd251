package insight

import (
	"cmp"
	"fmt"
	"slices"
)

// SuppressSegments decides which values of one segment (work arrangement,
// role, tenure band, ...) may show scores and comments when a group of
// total responses is filtered by them. It returns, for every value of
// segments, true when that filtered group is suppressed.
//
// The dashboards do not use it: Protect decides every group of a snapshot
// together. It serves row-level files, where each group of rows sharing a
// combination of values must hold 0 or at least k. Responses with no value for the
// segment may be passed under a key of their own or left out: whatever the
// values do not account for is one more part that is never shown.
//
// The rule, as for teams: a value with fewer than k responses is
// suppressed. The group's total minus the shown values equals the
// suppressed values plus the unaccounted part, so while those together
// hold more than 0 and fewer than k responses, the smallest value still
// shown (ties: by key) is suppressed too. Example, k = 5: a team of 12
// with 9 remote and 3 office suppresses office, and then remote, since
// 12 − 9 would give the 3 office answers away. If every value ends up
// suppressed, what they hold is the whole group, at least k.
func (t Threshold) SuppressSegments(total int, segments map[string]int) (map[string]bool, error) {
	sum := 0
	for key, n := range segments {
		if n < 0 {
			return nil, fmt.Errorf("insight: segment %q has %d responses", key, n)
		}
		sum += n
	}
	if total < 0 || sum > total {
		return nil, fmt.Errorf("insight: segments hold %d responses of a group of %d", sum, total)
	}
	k := t.K()
	suppressed := make(map[string]bool, len(segments))
	hidden := total - sum // the unaccounted part
	var shown []string
	for key, n := range segments {
		if n < k || total < k {
			suppressed[key] = true
			hidden += n
		} else {
			suppressed[key] = false
			shown = append(shown, key)
		}
	}
	slices.SortFunc(shown, func(a, b string) int {
		return cmp.Or(cmp.Compare(segments[a], segments[b]), cmp.Compare(a, b))
	})
	for hidden > 0 && hidden < k && len(shown) > 0 {
		suppressed[shown[0]] = true
		hidden += segments[shown[0]]
		shown = shown[1:]
	}
	return suppressed, nil
}
