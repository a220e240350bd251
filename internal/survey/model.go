// Package survey owns what is asked: the driver library, snapshots with
// their sections and questions, and the snapshot lifecycle
// draft -> scheduled -> open -> closed -> published.
package survey

import (
	"context"
	"errors"
	"fmt"
	"github.com/devpulse/devpulse/internal/input"
	"slices"
	"strings"
	"time"
)

// Sentinel errors the web layer maps to status codes.
var (
	ErrNotFound = errors.New("survey: not found")
	// ErrFrozen: questions cannot change once a snapshot has opened.
	ErrFrozen = errors.New("survey: questions are frozen once the snapshot opens")
	// ErrState: the transition is not allowed from the snapshot's state.
	ErrState = errors.New("survey: not allowed in this state")
)

// FieldErrors maps a form field to what is wrong with it. It is the error
// every validation returns, so forms can show each message next to its field.
type FieldErrors map[string]string

func (e FieldErrors) Error() string { return input.Describe("survey", e) }

// FieldMessages returns the messages by field, for whoever shows them.
func (e FieldErrors) FieldMessages() map[string]string { return e }

// Err returns e as an error, or nil when it is empty.
func (e FieldErrors) Err() error {
	if len(e) == 0 {
		return nil
	}
	return e
}

// Problems maps a form field of a survey's definition (a driver, a
// snapshot, a section, a question) to what is wrong with it, as a message
// the page writes in its reader's language. It is the error those
// validations return; its Error text is English, for logs and the API.
type Problems map[string]input.Message

func (p Problems) Error() string { return input.Describe("survey", p) }

// FieldMessages returns the messages by field in English, for the API.
func (p Problems) FieldMessages() map[string]string {
	out := make(map[string]string, len(p))
	for k, m := range p {
		out[k] = m.String()
	}
	return out
}

// In writes the messages by field in the language of ctx's reader.
func (p Problems) In(ctx context.Context) map[string]string {
	out := make(map[string]string, len(p))
	for k, m := range p {
		out[k] = m.In(ctx)
	}
	return out
}

// Err returns p as an error, or nil when it is empty.
func (p Problems) Err() error {
	if len(p) == 0 {
		return nil
	}
	return p
}

// Driver is one area of developer experience people rate, with a stable
// key so it can be compared across snapshots.
type Driver struct {
	ID        int64
	Key       string
	Name      string
	Category  string
	Statement string
	Position  int
	RetiredAt *time.Time
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Retired reports whether the driver is no longer offered for new snapshots.
func (d Driver) Retired() bool { return d.RetiredAt != nil }

// Snapshot states.
const (
	Draft     = "draft"
	Scheduled = "scheduled"
	Open      = "open"
	Closed    = "closed"
	Published = "published"
)

// Snapshot is one run of the survey.
type Snapshot struct {
	ID       int64
	Title    string
	State    string
	TimeZone string
	OpensAt  *time.Time
	ClosesAt *time.Time
	// AudienceAll: the whole organisation; otherwise the chosen teams
	// (snapshot_teams) and their subtrees.
	AudienceAll bool
	// ReminderDays lists how many days before the close reminders go out,
	// comma-separated ("3,1"); empty sends none.
	ReminderDays string
	CopiedFromID *int64
	CreatedBy    string
	CreatedAt    time.Time
	UpdatedAt    time.Time
	OpenedAt     *time.Time
	ClosedAt     *time.Time
	PublishedAt  *time.Time
	// HoldResults keeps a closed snapshot's results from the people who
	// were invited until it is published (see sharing.go).
	HoldResults bool
}

// ClosedTime is when the snapshot closed, or is due to close, or else was
// created: the time its results belong to.
func (s Snapshot) ClosedTime() time.Time {
	switch {
	case s.ClosedAt != nil:
		return *s.ClosedAt
	case s.ClosesAt != nil:
		return *s.ClosesAt
	}
	return s.CreatedAt
}

// Editable reports whether questions may still change.
func (s Snapshot) Editable() bool { return s.State == Draft || s.State == Scheduled }

// Location is the snapshot's time zone, UTC when unknown.
func (s Snapshot) Location() *time.Location {
	loc, err := time.LoadLocation(s.TimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// MaxReminders caps how many reminders one person gets for a snapshot.
const MaxReminders = 3

// Reminders returns the reminder schedule as days before the close,
// largest first, ignoring anything unreadable (Settings validates it).
func (s Snapshot) Reminders() []int {
	days, _ := ParseReminderDays(s.ReminderDays)
	return days
}

// ParseReminderDays reads "3,1" into [3 1], each from 1 to 30 days, at most
// MaxReminders of them.
func ParseReminderDays(raw string) ([]int, error) {
	var days []int
	for _, part := range strings.Split(raw, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		var d int
		if _, err := fmt.Sscan(part, &d); err != nil || d < 1 || d > 30 {
			return nil, fmt.Errorf("%q is not a number of days from 1 to 30", part)
		}
		if !slices.Contains(days, d) {
			days = append(days, d)
		}
	}
	if len(days) > MaxReminders {
		return nil, fmt.Errorf("at most %d reminders", MaxReminders)
	}
	slices.Sort(days)
	slices.Reverse(days)
	return days, nil
}

// SnapshotTeam puts a team (and its subtree) in a snapshot's audience.
type SnapshotTeam struct {
	SnapshotID int64 `gorm:"primaryKey"`
	TeamID     int64 `gorm:"primaryKey"`
}

// Section groups questions; respondents see one section per page.
type Section struct {
	ID         int64
	SnapshotID int64
	Title      string
	Position   int
}

// Agreement is the rating scale, 1..5; 0 stands for "not applicable".
var Agreement = []string{"Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"}

// Frequencies is the frequency scale, in order.
var Frequencies = []string{"Never", "Less than monthly", "Monthly", "Weekly", "Several times a week", "Daily"}

// MaxPriorityPicks is how many drivers a priority question lets people pick.
const MaxPriorityPicks = 3

// Keys of the template's questions that later analysis finds by key.
const (
	KeyOverall      = "overall_satisfaction"
	KeyPriorities   = "priorities"
	KeyAllocation   = "time_allocation"
	KeyAIFrequency  = "ai_frequency"
	KeyAIHoursSaved = "ai_hours_saved"
	KeyComments     = "comments"
)

// Question is one item of a snapshot. A driver rating copies the driver's
// statement into Prompt, so the snapshot keeps the wording it was asked with.
type Question struct {
	ID         int64
	SnapshotID int64
	SectionID  int64
	Position   int
	Kind       Kind
	// Key identifies the question across snapshots: the driver key for a
	// driver rating, one of the Key* constants for template items.
	Key      string
	Prompt   string
	Help     string
	DriverID *int64
	Required bool
	Config   Config `gorm:"serializer:json"`
	// AudienceRoles limits who is asked, by job role (comma-separated);
	// empty means everyone in the snapshot's audience.
	AudienceRoles string
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// Config holds the settings that only some kinds use.
type Config struct {
	// Choices of a single or multiple choice question.
	Choices []string `json:"choices,omitempty"`
	// Categories of a time allocation question.
	Categories []string `json:"categories,omitempty"`
	// Min, Max and Unit of a number question.
	Min  *float64 `json:"min,omitempty"`
	Max  *float64 `json:"max,omitempty"`
	Unit string   `json:"unit,omitempty"`
	// MaxLength of a free text answer, in characters.
	MaxLength int `json:"max_length,omitempty"`
}

// Roles returns the job roles the question is limited to.
func (q Question) Roles() []string {
	var out []string
	for _, r := range strings.Split(q.AudienceRoles, ",") {
		if r = strings.TrimSpace(r); r != "" {
			out = append(out, r)
		}
	}
	return out
}

// AskedOf reports whether a person with this job role sees the question.
func (q Question) AskedOf(jobRole string) bool {
	roles := q.Roles()
	if len(roles) == 0 {
		return true
	}
	for _, r := range roles {
		if strings.EqualFold(r, jobRole) {
			return true
		}
	}
	return false
}

func (q Question) String() string { return fmt.Sprintf("question %d (%s)", q.ID, q.Kind) }
