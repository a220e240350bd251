package systemmetrics

import (
	"strconv"

	"github.com/devpulse/devpulse/internal/metrics"
)

// DORAView is the organisation page's table of DORA's four keys per team.
type DORAView struct {
	Report metrics.DORAReport
	// Correlations are the driver–metric correlations of the snapshot shown.
	Correlations CorrelationsView
}

// DORAKeys are the four keys in the table's order, with their headings.
var DORAKeys = []struct{ Key, Label, Hint string }{
	{metrics.KeyDeployFrequency, "Deployment frequency", "deployments per week"},
	{metrics.KeyLeadTime, "Lead time for changes", "median, to merge"},
	{metrics.KeyChangeFailure, "Change failure rate", "share of deployments"},
	{metrics.KeyTimeToRestore, "Time to restore", "median"},
}

// KeyText writes a key's value in its natural unit.
func KeyText(key string, v float64) string {
	switch key {
	case metrics.KeyDeployFrequency:
		return strconv.FormatFloat(v, 'f', 1, 64) + "/week"
	case metrics.KeyChangeFailure:
		return strconv.FormatFloat(v*100, 'f', 0, 64) + "%"
	}
	if v >= 48 {
		return strconv.FormatFloat(v/24, 'f', 1, 64) + " days"
	}
	return strconv.FormatFloat(v, 'f', 1, 64) + " h"
}

// trendText says how a key moved since the window before.
func trendText(key string, k metrics.Key) string {
	if !k.PreviousOK {
		return "no earlier weeks"
	}
	word := "worse"
	if k.Better {
		word = "better"
	}
	if k.Previous == k.Value {
		word = "unchanged"
	}
	return word + " (was " + KeyText(key, k.Previous) + ")"
}
