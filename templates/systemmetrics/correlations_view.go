package systemmetrics

import (
	"context"
	"fmt"
	"math"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/insight"
	"github.com/devpulse/devpulse/internal/metrics"
	"github.com/devpulse/devpulse/internal/results"
)

// CorrelationsView is the organisation page's driver–metric correlations.
type CorrelationsView struct {
	Snapshot string
	Items    []CorrelationItem
	// AI correlates each driver with the teams' share of frequent
	// AI-assistant users; AISplit scores the drivers among heavy and
	// light users across the organisation.
	AI      []CorrelationItem
	AISplit results.AISplit
	// Time correlates where time goes with the matching system figures.
	Time []CorrelationItem
}

// CorrelationItem is one correlation with its scatter plot (ECharts JSON).
type CorrelationItem struct {
	metrics.Correlation
	Chart string
}

// TimeKey is the driver key of a correlation whose across axis is a
// team's share of time in a category rather than a driver's score.
const TimeKey = "time"

// rhoText writes rho with its interval and n.
func rhoText(ctx context.Context, c metrics.Correlation) string {
	l := i18n.From(ctx)
	return l.T("org.corr.rho", "Rho", signedNum(l, c.Rho), "Low", signedNum(l, c.Low), "High", signedNum(l, c.High), "N", l.Number(c.N))
}

// signedNum writes x with two decimals and a real minus sign.
func signedNum(l *i18n.Localizer, x float64) string {
	s := fixed(l, math.Abs(x), 2)
	if x < -0.005 {
		return "−" + s
	}
	return s
}

// fixed writes f with exactly digits decimals in l's language.
func fixed(l *i18n.Localizer, f float64, digits int) string {
	return message.NewPrinter(language.Make(l.Lang())).Sprint(number.Decimal(f, number.Scale(digits)))
}

// reading says in words what the correlation shows and what it does not.
func reading(ctx context.Context, c metrics.Correlation) string {
	l := i18n.From(ctx)
	strength := insight.Strength(c.Rho)
	way := l.T("org.corr.higher")
	if c.Rho < 0 {
		way = l.T("org.corr.lower")
	}
	subject := l.T("org.corr.subject.driver", "Driver", c.DriverName)
	if c.DriverKey == TimeKey {
		subject = l.T("org.corr.subject.time", "Share", strings.ToLower(c.DriverName[:1])+c.DriverName[1:])
	}
	s := l.T("org.corr.association", "Strength", l.T("org.strength."+strings.ReplaceAll(strength, " ", "_")),
		"Subject", subject, "Way", way, "Metric", c.Metric)
	if strength == "little or no" {
		s = l.T("org.corr.none", "Driver", c.DriverName, "Metric", c.Metric)
	}
	if c.Low < 0 && c.High > 0 {
		s += l.T("org.corr.zero")
	}
	return s + l.T("org.corr.not_cause")
}

// minTeams is how many teams a correlation needs.
var minTeams = insight.MinCorrelationTeams

// rhoShort writes rho, its interval and n in a table cell.
func rhoShort(ctx context.Context, c metrics.Correlation) string {
	l := i18n.From(ctx)
	return l.T("org.corr.rho_short", "Rho", signedNum(l, c.Rho), "Low", signedNum(l, c.Low), "High", signedNum(l, c.High))
}

// scoreText is a favorable score, or a dash where it is hidden.
func scoreText(ok bool, v int) string {
	if !ok {
		return "–"
	}
	return fmt.Sprint(v)
}

// xHeader names the across axis in a correlation's table.
func xHeader(ctx context.Context, c metrics.Correlation) string {
	if c.DriverKey == TimeKey {
		return i18n.T(ctx, "org.corr.share_of_time")
	}
	return i18n.T(ctx, "org.score")
}
