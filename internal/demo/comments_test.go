package demo

import (
	"strings"
	"testing"
	"unicode"
)

// TestCommentsNameNoOne: comments are shown to leads and executives; none
// may carry a name from the lists people are named from.
func TestCommentsNameNoOne(t *testing.T) {
	names := map[string]bool{}
	for _, n := range append(append([]string{}, firstNames...), lastNames...) {
		for _, w := range strings.Fields(n) {
			names[strings.ToLower(w)] = true
		}
	}
	all := append(append([]string{}, genericNegative...), genericPositive...)
	for _, th := range commentsByDriver {
		all = append(append(all, th.negative...), th.positive...)
	}
	if len(all) < 40 {
		t.Errorf("%d comments, want a few dozen", len(all))
	}
	for _, c := range all {
		for _, w := range strings.FieldsFunc(c, func(r rune) bool { return !unicode.IsLetter(r) }) {
			if names[strings.ToLower(w)] && w != strings.ToLower(w) {
				t.Errorf("comment %q contains the name %q", c, w)
			}
		}
	}
}
