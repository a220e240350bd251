package teams

import (
	"context"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/results"
)

// npsBars lays out the promoters, passives and detractors as one bar of
// three parts, promoters first.
func npsBars(ctx context.Context, r results.NPSRow) []bar {
	n := r.NPS
	parts := []struct {
		share int
		class string
		label string
	}{
		{n.PromoterShare, "dist-5", "teams.nps.bar.promoters"},
		{n.PassiveShare, "dist-3", "teams.nps.bar.passives"},
		{n.DetractorShare, "dist-1", "teams.nps.bar.detractors"},
	}
	var out []bar
	x := 0
	for _, p := range parts {
		if p.share == 0 {
			continue
		}
		out = append(out, bar{X: x, Width: p.share, Class: p.class, Label: i18n.T(ctx, p.label, "Percent", p.share)})
		x += p.share
	}
	return out
}

// npsSplitLabel is what a screen reader hears for the split.
func npsSplitLabel(ctx context.Context, r results.NPSRow) string {
	n := r.NPS
	return i18n.T(ctx, "teams.nps.split", "Promoters", n.PromoterShare, "Passives", n.PassiveShare,
		"Detractors", n.DetractorShare, "Count", n.Answered, "Answered", i18n.From(ctx).Number(n.Answered))
}
