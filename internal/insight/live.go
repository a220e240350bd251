package insight

import "github.com/devpulse/devpulse/internal/input"

// Live is how far a group has answered while its snapshot is open, as it
// may be shown: a reader who could watch "1 of 3" turn into "2 of 3" would
// see who answered, and exact counts of nested groups subtract to their
// small differences. Exact counts appear once the snapshot closes.
type Live struct {
	// Shown is false for a group of fewer than K invited people, which
	// shows no figure at all.
	Shown bool
	K     int
	// Low is the lower end of the rate's band of ten points (0, 10 ... 90),
	// or 100 once everyone has answered.
	Low int
}

// LiveParticipation says how far a group of invited people has answered
// while its snapshot is open, in bands of ten points (see Live).
func (t Threshold) LiveParticipation(submitted, invited int) Live {
	if invited < t.K() {
		return Live{K: t.K()}
	}
	return Live{Shown: true, K: t.K(), Low: min(100*submitted/invited/10*10, 100)}
}

// Everyone says every invited person has answered.
func (l Live) Everyone() bool { return l.Shown && l.Low == 100 }

// Message words the band for a page: "30–40%", "everyone", or why no
// figure is shown.
func (l Live) Message() input.Message {
	switch {
	case !l.Shown:
		return input.M("results.live.too_few", "K", l.K)
	case l.Everyone():
		return input.M("results.live.everyone")
	}
	return input.M("results.live.band", "Low", l.Low, "High", l.Low+10)
}

// String is the band in English, for logs and tests.
func (l Live) String() string { return l.Message().String() }
