package admin

import (
	"fmt"
	"strconv"
	"strings"

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
func metricsProblems(v MetricsImportView) string {
	lines := map[int]bool{}
	for _, e := range v.Errors {
		lines[e.Line] = true
	}
	in := ""
	if v.FileName != "" {
		in = " in " + v.FileName
	}
	if len(lines) == 1 {
		return fmt.Sprintf("1 line%s has a problem.", in)
	}
	return fmt.Sprintf("%d lines%s have problems.", len(lines), in)
}

// metricsProblemText is one problem without its line (the table shows it).
func metricsProblemText(p metrics.Problem) string {
	if p.Field == "" {
		return p.Message
	}
	return p.Field + " " + p.Message
}

// metricsTextRows sizes the fix box to the file, within reason.
func metricsTextRows(text string) string {
	return strconv.Itoa(min(max(strings.Count(text, "\n")+2, 8), 30))
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
	Errors    map[string]string
}

// directionLabel says which way is good in words.
func directionLabel(d string) string {
	if d == metrics.Higher {
		return "higher is better"
	}
	return "lower is better"
}
