// Package actions keeps action plans: what a team, or the organisation's
// platform team, is doing about the drivers people flagged. Each action
// has an owner, a status, a target date and dated updates; a "won't do"
// always says why.
package actions

import (
	"context"
	"errors"
	"sort"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/input"
)

// Status is where an action stands: a closed set, each value with its
// label and badge (statuses).
type Status string

// The statuses, in the order they are offered.
const (
	Planned    Status = "planned"
	InProgress Status = "in_progress"
	Done       Status = "done"
	WontDo     Status = "wont_do"
)

// statusInfo is what every layer shows of a status.
type statusInfo struct {
	Status Status
	Label  string
	Badge  string
}

var statuses = []statusInfo{
	{Planned, "Planned", "badge badge-muted"},
	{InProgress, "In progress", "badge badge-scheduled"},
	{Done, "Done", "badge badge-ok"},
	{WontDo, "Won't do", "badge badge-closed"},
}

// Statuses lists every status in order.
func Statuses() []Status {
	out := make([]Status, len(statuses))
	for i, s := range statuses {
		out[i] = s.Status
	}
	return out
}

func (s Status) info() (statusInfo, bool) {
	for _, i := range statuses {
		if i.Status == s {
			return i, true
		}
	}
	return statusInfo{}, false
}

// Valid reports whether s is one of the statuses.
func (s Status) Valid() bool { _, ok := s.info(); return ok }

// Label is the status in words, in English: "Won't do" (audit entries and
// the readout); pages show LabelIn.
func (s Status) Label() string { i, _ := s.info(); return i.Label }

// LabelIn is the status in words in the reader's language.
func (s Status) LabelIn(ctx context.Context) string { return i18n.T(ctx, "actions.status."+string(s)) }

// Badge is the status's CSS class.
func (s Status) Badge() string { i, _ := s.info(); return i.Badge }

// Errors.
var (
	ErrNotFound = errors.New("actions: not found")
)

// FieldErrors says what is wrong with an action or update, by form
// field; pages write each message in the reader's language.
type FieldErrors map[string]input.Message

func (e FieldErrors) Error() string {
	var parts []string
	for f, m := range e {
		parts = append(parts, f+": "+m.String())
	}
	sort.Strings(parts)
	return "actions: " + strings.Join(parts, "; ")
}

// FieldMessages lets the error handler show the messages, in English.
func (e FieldErrors) FieldMessages() map[string]string {
	out := make(map[string]string, len(e))
	for k, m := range e {
		out[k] = m.String()
	}
	return out
}

// Action is one action of a team (TeamID set) or of the organisation.
type Action struct {
	ID         int64
	TeamID     *int64
	Title      string
	OwnerID    int64
	Status     Status
	TargetDate string // YYYY-MM-DD
	// Reason is why the action will not be done; set only for WontDo.
	Reason     string
	RequestKey *string `json:"-"`
	CreatedBy  string
	CreatedAt  time.Time
	UpdatedAt  time.Time

	// Read with the action.
	Drivers   []string `gorm:"-"`
	OwnerName string   `gorm:"-"`
	TeamPath  string   `gorm:"-"`
	Updates   []Update `gorm:"-"`
}

// IsOrg reports whether the action is the organisation's.
func (a Action) IsOrg() bool { return a.TeamID == nil }

// Scope is who the action belongs to: the team's path or "Organisation"
// (in English: emails and the readout); pages show ScopeIn.
func (a Action) Scope() string {
	if a.IsOrg() {
		return "Organisation"
	}
	return a.TeamPath
}

// ScopeIn is Scope in the reader's language.
func (a Action) ScopeIn(ctx context.Context) string {
	if a.IsOrg() {
		return i18n.T(ctx, "actions.organisation")
	}
	return a.TeamPath
}

// Update is a dated line of progress on an action; Status is the status it
// moved the action to, "" when it did not change it.
type Update struct {
	ID         int64
	ActionID   int64
	Body       string
	Status     Status
	RequestKey *string `json:"-"`
	CreatedBy  string
	CreatedAt  time.Time
}

// TableName is the updates' table.
func (Update) TableName() string { return "action_updates" }

type actionDriver struct {
	ActionID  int64
	DriverKey string
}

func (actionDriver) TableName() string { return "action_drivers" }

// Service creates, edits and lists actions, each change in one
// transaction with its audit entry.
type Service struct {
	db    *gorm.DB
	audit *audit.Log
	now   func() time.Time
}

// New returns the actions service over db.
func New(db *gorm.DB, log *audit.Log) *Service {
	return &Service{db: db, audit: log, now: time.Now}
}

// WithClock returns the service dating changes by now (the demo dates its
// actions from its snapshots).
func (s *Service) WithClock(now func() time.Time) *Service {
	c := *s
	c.now = now
	return &c
}
