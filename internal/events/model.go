// Package events stores what the tools tell devpulse people did: a merged
// pull request, a finished deployment, a CI run. Events arrive through the
// API, the GitHub webhook and the CLI; pulse programmes decide asks from
// them, and system metrics are computed from the same rows.
package events

import (
	"errors"
	"fmt"
	"time"
)

// MaxBatch is the most events one request may carry.
const MaxBatch = 500

// Sources an event can come from.
const (
	SourceAPI    = "api"
	SourceGitHub = "github"
)

// Event types devpulse itself produces (from the GitHub webhook). Tools may
// send any type of their own, such as terraform.applied.
const (
	TypePRMerged        = "pr.merged"
	TypeDeployCompleted = "deploy.completed"
	TypeCIFinished      = "ci.finished"
)

// ErrInvalid marks a batch with at least one bad event; nothing was stored.
var ErrInvalid = errors.New("events: invalid")

// Event is one stored event.
type Event struct {
	ID   int64
	Key  string `gorm:"column:event_key"`
	Type string
	// PersonRef is the person as the tool named them (email or GitHub login).
	PersonRef string
	// PersonID is nil when nobody in the directory matched PersonRef.
	PersonID *int64
	// TeamID is the person's team when the event arrived.
	TeamID     *int64
	ISOWeek    string `gorm:"column:iso_week"`
	OccurredAt time.Time
	ReceivedAt time.Time
	Source     string
	// Context is the tool's JSON object (repository, pipeline, duration ...).
	Context string
}

// TableName names the events table.
func (Event) TableName() string { return "events" }

// ISOWeek names the ISO 8601 week of t in UTC, such as "2026-W49".
func ISOWeek(t time.Time) string {
	y, w := t.UTC().ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}

// Outcome is what became of one event of a request.
type Outcome struct {
	ID  int64  `json:"id"`
	Key string `json:"key"`
	// Duplicate: an event with this key was stored before; nothing changed.
	Duplicate bool `json:"duplicate"`
	// Matched: the person is in the directory.
	Matched bool `json:"matched"`
}

// FieldError is one problem with one event of a request.
type FieldError struct {
	// Index is the event's position in the batch, from 0.
	Index   int    `json:"index"`
	Field   string `json:"field"`
	Message string `json:"message"`
}

// InvalidError lists every problem of a rejected batch.
type InvalidError struct{ Errors []FieldError }

func (e *InvalidError) Error() string {
	return fmt.Sprintf("events: %d problems", len(e.Errors))
}

// Unwrap makes errors.Is(err, ErrInvalid) true.
func (e *InvalidError) Unwrap() error { return ErrInvalid }
