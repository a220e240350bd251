package insight

import "fmt"

// Minimum group sizes of the confidentiality rule.
const (
	// DefaultK is the minimum group size when none is configured.
	DefaultK = 5
	// MinK is the smallest minimum group size that may be configured.
	MinK = 3
)

// Threshold is the confidentiality rule's minimum group size k: a group
// with fewer than k submitted responses shows its counts but no scores and
// no comments. The zero value uses DefaultK, so a forgotten setting is
// never weaker than the default.
type Threshold struct {
	k int
}

// NewThreshold returns the rule with minimum group size k. It rejects k
// below MinK rather than raising it, so a misconfiguration is noticed.
func NewThreshold(k int) (Threshold, error) {
	if k < MinK {
		return Threshold{}, fmt.Errorf("insight: minimum group size %d is below %d", k, MinK)
	}
	return Threshold{k: k}, nil
}

// K is the minimum group size.
func (t Threshold) K() int {
	if t.k == 0 {
		return DefaultK
	}
	return t.k
}

// Shows reports whether a group of this many submitted responses is large
// enough to show scores and comments on its own. Whether it is shown also
// depends on the groups around it: see Protect.
func (t Threshold) Shows(responses int) bool { return responses >= t.K() }
