package admin

import (
	"context"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/input"
	"github.com/devpulse/devpulse/internal/metrics"
	"github.com/devpulse/devpulse/internal/survey"
)

// MetricsImportView is the metrics import screen: the upload form, the
// problems of a bad file, or the preview of a good one.
type MetricsImportView struct {
	Flash SnapshotFlash
	// FileName is the uploaded file's name, kept across checks.
	FileName string
	// FormError is a problem with the upload itself (no file, too large).
	FormError string
	// Errors are the file's bad lines; Text is the file, kept for fixing.
	Errors []metrics.Problem
	Text   string
	Plan   *metrics.Plan
	// Payload (base64) and Digest (SHA-256) carry the previewed file to Apply.
	Payload string
	Digest  string
	MaxMB   int
}

// metricsProblems says how many lines are bad.
func metricsProblems(ctx context.Context, v MetricsImportView) string {
	lines := map[int]bool{}
	for _, e := range v.Errors {
		lines[e.Line] = true
	}
	l := i18n.From(ctx)
	key := "directory.metrics.problem_lines"
	if v.FileName != "" {
		key += "_file"
	}
	return l.T(key, "Count", len(lines), "N", l.Number(len(lines)), "File", v.FileName)
}

// metricsPlan says what a valid file holds.
func metricsPlan(ctx context.Context, v MetricsImportView) string {
	l, p := i18n.From(ctx), v.Plan
	return l.T("directory.metrics.plan", "Values", l.Number(p.Values), "Teams", l.Number(p.Teams),
		"Names", l.Number(p.Names), "First", p.FirstWeek, "Last", p.LastWeek)
}

// metricsRows are the file's problems as the shared problems table shows them.
func metricsRows(ctx context.Context, ps []metrics.Problem) []CSVProblem {
	out := make([]CSVProblem, len(ps))
	for i, p := range ps {
		out[i] = CSVProblem{Line: p.Line, Message: Say(ctx, p.Text)}
		if p.Field != "" {
			out[i].Message = p.Field + " " + out[i].Message
		}
	}
	return out
}

// MetricLinksView is the links screen: every driver's linked metrics and
// the form that adds one.
type MetricLinksView struct {
	Flash   SnapshotFlash
	Links   []metrics.Link
	Drivers []survey.Driver
	// Names suggests metric names: the figures from events and every
	// name stored.
	Names []string
	Form  MetricLinkForm
}

// MetricLinkForm is the add form as entered, with messages by field
// ("driver", "metric", "direction").
type MetricLinkForm struct {
	DriverID  int64
	Metric    string
	Direction string
	Errors    map[string]input.Message
}

// directionLabel says which way is good in words.
func directionLabel(ctx context.Context, d string) string {
	if d == metrics.Higher {
		return i18n.T(ctx, "directory.links.higher")
	}
	return i18n.T(ctx, "directory.links.lower")
}
