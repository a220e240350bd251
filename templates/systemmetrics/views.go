// Package systemmetrics renders weekly system metrics: beside a team's
// drivers on its dashboard, DORA's four keys on the organisation page,
// and driver–metric correlations.
package systemmetrics

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/devpulse/devpulse/internal/i18n"
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
	Name, Unit string
	// Direction is metrics.Higher or metrics.Lower: which way is better.
	Direction string
	Interim   metrics.Interim
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

// LocalValue is FormatValue in the reader's language: 12,5% and 1.234
// in Spanish.
func LocalValue(ctx context.Context, v float64, unit string) string {
	l := i18n.From(ctx)
	if unit == "ratio" {
		s := l.Decimal(v*100, 1)
		if sep := l.Decimal(1.5, 1)[1:2]; !strings.Contains(s, sep) {
			s += sep + "0" // always one decimal, as FormatValue writes 20.0%
		}
		return s + "%"
	}
	s := l.Decimal(v, significantDecimals(v))
	if unit == "" {
		return s
	}
	return s + " " + unit
}

// significantDecimals is how many decimals write v with up to three
// significant digits, as FormatValue's 'g' does (none from 1000 up).
func significantDecimals(v float64) int {
	if v < 0 {
		v = -v
	}
	switch {
	case v == 0 || v >= 100:
		return 0
	case v >= 10:
		return 1
	case v >= 1:
		return 2
	}
	d := 2 // below 1, one more decimal per leading zero
	for ; v < 1 && d < 12; v *= 10 {
		d++
	}
	return d
}

// changeText writes an interim change with its sign.
func changeText(ctx context.Context, m MetricLine) string {
	sign := "+"
	if m.Interim.Change < 0 {
		sign = "−"
		m.Interim.Change = -m.Interim.Change
	}
	return sign + LocalValue(ctx, m.Interim.Change, m.Unit)
}

// direction says which way a metric is better.
func direction(ctx context.Context, m MetricLine) string {
	if m.Direction == metrics.Higher {
		return i18n.T(ctx, "teams.metrics.higher")
	}
	return i18n.T(ctx, "teams.metrics.lower")
}

// signal is an interim change's signal in words.
func signal(ctx context.Context, s string) string {
	id := "teams.metrics.signal." + s
	if t := i18n.T(ctx, id); t != id {
		return t
	}
	return s
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

// ordinal writes 1st, 5th, 10th in English, 1.º, 5.º, 10.º in Spanish.
func ordinal(ctx context.Context, n int) string {
	if i18n.Lang(ctx) != i18n.English {
		return i18n.T(ctx, "teams.ordinal", "N", n)
	}
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
func rolledUpText(ctx context.Context, m MetricLine) string {
	if m.RolledUp {
		return i18n.T(ctx, "teams.metrics.rolled_up")
	}
	return ""
}
