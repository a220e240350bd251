package teams

import "github.com/devpulse/devpulse/internal/results"

// npsBars lays out the promoters, passives and detractors as one bar of
// three parts, promoters first.
func npsBars(r results.NPSRow) []bar {
	n := r.NPS
	parts := []struct {
		share int
		class string
		label string
	}{
		{n.PromoterShare, "dist-5", "promoters"},
		{n.PassiveShare, "dist-3", "passives"},
		{n.DetractorShare, "dist-1", "detractors"},
	}
	var out []bar
	x := 0
	for _, p := range parts {
		if p.share == 0 {
			continue
		}
		out = append(out, bar{X: x, Width: p.share, Class: p.class, Label: itoa(p.share) + "% " + p.label})
		x += p.share
	}
	return out
}

// npsSplitLabel is what a screen reader hears for the split.
func npsSplitLabel(r results.NPSRow) string {
	n := r.NPS
	return itoa(n.PromoterShare) + "% promoters, " + itoa(n.PassiveShare) + "% passives, " +
		itoa(n.DetractorShare) + "% detractors, of " + itoa(n.Answered) + " answers"
}
