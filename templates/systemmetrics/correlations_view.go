package systemmetrics

import (
	"fmt"
	"math"
	"strings"

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
func rhoText(c metrics.Correlation) string {
	return fmt.Sprintf("Spearman's ρ = %s (95%% interval %s to %s), n = %d teams",
		signedNum(c.Rho), signedNum(c.Low), signedNum(c.High), c.N)
}

func signedNum(x float64) string {
	s := fmt.Sprintf("%.2f", math.Abs(x))
	if x < -0.005 {
		return "−" + s
	}
	return s
}

// reading says in words what the correlation shows and what it does not.
func reading(c metrics.Correlation) string {
	strength := insight.Strength(c.Rho)
	way := "higher"
	if c.Rho < 0 {
		way = "lower"
	}
	subject := "rate " + c.DriverName + " higher"
	if c.DriverKey == TimeKey {
		subject = "report a higher " + strings.ToLower(c.DriverName[:1]) + c.DriverName[1:]
	}
	s := fmt.Sprintf("Across these teams there is a %s association: teams that %s tend to have %s %s.", strength, subject, way, c.Metric)
	if strength == "little or no" {
		s = fmt.Sprintf("Across these teams the ranks of %s and %s show little or no association.", c.DriverName, c.Metric)
	}
	if c.Low < 0 && c.High > 0 {
		s += " The interval includes zero, so even the direction is uncertain."
	}
	return s + " Correlation is not cause: it does not show that one changes the other; both may follow something else, such as team size or the kind of work."
}

// minTeams is how many teams a correlation needs.
var minTeams = insight.MinCorrelationTeams

// rhoShort writes rho, its interval and n in a table cell.
func rhoShort(c metrics.Correlation) string {
	return fmt.Sprintf("%s (%s to %s)", signedNum(c.Rho), signedNum(c.Low), signedNum(c.High))
}

// scoreText is a favorable score, or a dash where it is hidden.
func scoreText(ok bool, v int) string {
	if !ok {
		return "–"
	}
	return fmt.Sprint(v)
}

// xHeader names the across axis in a correlation's table.
func xHeader(c metrics.Correlation) string {
	if c.DriverKey == TimeKey {
		return "Share of time (%)"
	}
	return "Score"
}
