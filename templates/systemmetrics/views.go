// Package systemmetrics renders weekly system metrics: beside a team's
// drivers on its dashboard, DORA's four keys on the organisation page,
// and driver–metric correlations.
package systemmetrics

import (
	"fmt"
	"strconv"

	"github.com/devpulse/devpulse/internal/metrics"
)

// TeamMetricsView is the system metrics section of a team's dashboard.
type TeamMetricsView struct {
	Drivers []DriverMetrics
	// Onboarding is the team's newcomers' days to their first merged PRs.
	Onboarding metrics.Onboarding
	// Snapshot names the last snapshot the interim change counts from.
	Snapshot string
}

// DriverMetrics is one driver with its linked metrics for the team: one
// chart (scores on the left axis, metrics on the right) and its table.
type DriverMetrics struct {
	Key, Name string
	Chart     string
	Metrics   []MetricLine
	// Rows are the chart's weeks, newest first.
	Rows []WeekRow
}

// MetricLine is one linked metric with its interim change.
type MetricLine struct {
	Name, Unit, Direction string
	Interim               metrics.Interim
	// RolledUp marks a figure computed from the events of the team and
	// its sub-teams together.
	RolledUp bool
}

// WeekRow is one week of the table: the driver's score when a snapshot
// closed that week, and each metric's value (aligned with Metrics).
type WeekRow struct {
	Week     string
	Snapshot string
	Score    string
	Values   []string
}

// FormatValue writes a metric value for people: ratios as percentages,
// the rest with up to three significant digits and the unit.
func FormatValue(v float64, unit string) string {
	if unit == "ratio" {
		return strconv.FormatFloat(v*100, 'f', 1, 64) + "%"
	}
	s := strconv.FormatFloat(v, 'g', 3, 64)
	if v >= 1000 || v <= -1000 {
		s = fmt.Sprintf("%.0f", v)
	}
	if unit == "" {
		return s
	}
	return s + " " + unit
}

// changeText writes an interim change with its sign.
func changeText(m MetricLine) string {
	sign := "+"
	if m.Interim.Change < 0 {
		sign = "−"
		m.Interim.Change = -m.Interim.Change
	}
	return sign + FormatValue(m.Interim.Change, m.Unit)
}

// signalClass colours the signal word.
func signalClass(signal string) string {
	switch signal {
	case metrics.Improving:
		return "badge badge-ok"
	case metrics.Worsening:
		return "badge badge-bad"
	}
	return "badge badge-muted"
}

// ordinal writes 1st, 5th, 10th.
func ordinal(n int) string {
	switch n % 10 {
	case 1:
		if n%100 != 11 {
			return strconv.Itoa(n) + "st"
		}
	case 2:
		if n%100 != 12 {
			return strconv.Itoa(n) + "nd"
		}
	case 3:
		if n%100 != 13 {
			return strconv.Itoa(n) + "rd"
		}
	}
	return strconv.Itoa(n) + "th"
}

// rolledUpText says when a figure covers the team's sub-teams too.
func rolledUpText(m MetricLine) string {
	if m.RolledUp {
		return "; this team and its sub-teams together, from their events"
	}
	return ""
}
