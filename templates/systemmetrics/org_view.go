package systemmetrics

import (
	"context"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/metrics"
)

// DORAView is the organisation page's table of DORA's four keys per team.
type DORAView struct {
	Report metrics.DORAReport
	// Correlations are the driver–metric correlations of the snapshot shown.
	Correlations CorrelationsView
}

// DORAKeys are the four keys in the table's order; the catalog names them
// as org.dora.KEY and explains their unit as org.dora.KEY.hint.
var DORAKeys = []struct{ Key string }{
	{metrics.KeyDeployFrequency},
	{metrics.KeyLeadTime},
	{metrics.KeyChangeFailure},
	{metrics.KeyTimeToRestore},
}

// KeyText writes a key's value in its natural unit, in the reader's
// language.
func KeyText(ctx context.Context, key string, v float64) string {
	l := i18n.From(ctx)
	switch key {
	case metrics.KeyDeployFrequency:
		return l.T("org.dora.per_week", "N", fixed(l, v, 1))
	case metrics.KeyChangeFailure:
		return fixed(l, v*100, 0) + "%"
	}
	if v >= 48 {
		return l.T("org.dora.days", "N", fixed(l, v/24, 1))
	}
	return l.T("org.dora.hours", "N", fixed(l, v, 1))
}

// trendText says how a key moved since the window before.
func trendText(ctx context.Context, key string, k metrics.Key) string {
	if !k.PreviousOK {
		return i18n.T(ctx, "org.dora.no_earlier")
	}
	id := "org.dora.worse"
	if k.Better {
		id = "org.dora.better"
	}
	if k.Previous == k.Value {
		id = "org.dora.unchanged"
	}
	return i18n.T(ctx, id, "Was", KeyText(ctx, key, k.Previous))
}
