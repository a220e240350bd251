// Package metrics keeps system metrics beside the survey's sentiment: one
// value per team, metric name and ISO week, never per person. Values come
// from the metrics API, CSV files (the admin page and `devpulse metrics
// import`) and the weekly figures computed from events (figures.go); links
// tie one to three metrics to a driver with the direction that is good.
package metrics

import (
	"errors"
	"fmt"
	"time"

	"github.com/devpulse/devpulse/internal/input"
)

// Where a value came from.
const (
	SourceAPI    = "api"
	SourceImport = "import"
	SourceCLI    = "cli"
	SourceEvents = "events"
	SourceDemo   = "demo"
)

// MaxBatch is the most values one API request may carry.
const MaxBatch = 5000

// ActionImport is the audit log action of storing a batch of values.
const ActionImport = "metrics.import"

// ErrInvalid marks a batch with at least one bad value; nothing was stored.
var ErrInvalid = errors.New("metrics: invalid")

// ErrNotFound means the link or team asked for does not exist.
var ErrNotFound = errors.New("metrics: not found")

// Value is one stored weekly value of one team's metric.
type Value struct {
	ID      int64
	TeamID  int64
	Name    string
	ISOWeek string `gorm:"column:iso_week"`
	Value   float64
	Unit    string
	// Source is SourceAPI, SourceImport, SourceCLI, SourceEvents or SourceDemo.
	Source    string
	UpdatedAt time.Time
	// TeamPath is filled by reads that join the team, never stored.
	TeamPath string `gorm:"-"`
}

// TableName names the table.
func (Value) TableName() string { return "team_metrics" }

// Input is one value as a tool or a file sends it.
type Input struct {
	// Team is the team's slash path, such as "Engineering/Platform/CI".
	Team string `json:"team"`
	Name string `json:"name"`
	// Week is an ISO week such as "2026-W40".
	Week  string   `json:"week"`
	Value *float64 `json:"value"`
	Unit  string   `json:"unit"`
}

// Problem is one thing wrong with one value of a batch. Index counts from
// 0 in API requests; a CSV file's problems carry its line number instead.
type Problem struct {
	Index   int    `json:"index"`
	Line    int    `json:"line,omitempty"`
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
	// Text is Message for a page to write in its reader's language;
	// Message is English, for the API and logs.
	Text input.Message `json:"-"`
}

// problem is the problem m with field of input i.
func problem(i int, field string, m input.Message) Problem {
	return Problem{Index: i, Field: field, Message: m.String(), Text: m}
}

// msg is a metrics problem's message: input.M with the catalog prefix.
func msg(id string, args ...any) input.Message { return input.M("directory.metrics."+id, args...) }

// Error reads "line N: field: message" for files and "metric N: ..." for API batches.
func (p Problem) Error() string {
	where := fmt.Sprintf("metric %d", p.Index+1)
	if p.Line > 0 {
		where = fmt.Sprintf("line %d", p.Line)
	}
	if p.Field == "" {
		return where + ": " + p.Message
	}
	return where + ": " + p.Field + " " + p.Message
}

// InvalidError lists every problem of a refused batch.
type InvalidError struct{ Problems []Problem }

func (e *InvalidError) Error() string { return fmt.Sprintf("metrics: %d problems", len(e.Problems)) }

// Unwrap makes errors.Is(err, ErrInvalid) true.
func (e *InvalidError) Unwrap() error { return ErrInvalid }

// Plan is what storing a checked batch does.
type Plan struct {
	Values, New, Replaced int
	Teams, Names          int
	// FirstWeek and LastWeek bound the weeks the batch names.
	FirstWeek, LastWeek string
}

// Summary says it in one line, for people and the audit log.
func (p Plan) Summary() string {
	return fmt.Sprintf("%s (%d new, %d replaced) for %s and %s, weeks %s to %s",
		plural(p.Values, "value"), p.New, p.Replaced, plural(p.Teams, "team"), plural(p.Names, "metric"), p.FirstWeek, p.LastWeek)
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
