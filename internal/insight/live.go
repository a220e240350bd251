package insight

import "fmt"

// LiveParticipation says how far a group has answered while its snapshot
// is open, without exact counts: a reader who could watch "1 of 3" turn
// into "2 of 3" would see who answered, and exact counts of nested groups
// subtract to their small differences. A group of fewer than k invited
// people shows no figure at all; a larger one shows its rate in bands of
// ten points. Exact counts appear once the snapshot closes.
func (t Threshold) LiveParticipation(submitted, invited int) string {
	if invited < t.K() {
		return fmt.Sprintf("fewer than %d invited: not shown while open", t.K())
	}
	rate := 100 * submitted / invited
	if rate >= 100 {
		return "everyone"
	}
	lo := rate / 10 * 10
	return fmt.Sprintf("%d–%d%%", lo, lo+10)
}
