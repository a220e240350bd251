// Package board is the feedback board: developers post items about the
// tools admins list, vote "me too", react and comment; each tool's owning
// team answers with a status and a reason. Service is every change, each in
// one transaction with its audit entry; Store reads.
package board

import (
	"context"
	"errors"
	"time"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/input"
)

// Sentinel errors the web layer maps to status codes.
var (
	ErrNotFound  = errors.New("board: not found")
	ErrForbidden = errors.New("board: not allowed")
	ErrInvalid   = errors.New("board: invalid")
	// ErrAnswered refuses an author's edit once the owners have responded.
	ErrAnswered = errors.New("board: the owners have already responded")
)

// AnonymousName is how an anonymous author or reactor is shown; pages
// write it in the reader's language (AuthorIn).
const AnonymousName = "an engineer"

// AuthorIn is an author's name as a page shows it: the anonymous author
// in the reader's language, anyone else by their name.
func AuthorIn(ctx context.Context, name string) string {
	if name == AnonymousName {
		return i18n.T(ctx, "board.anonymous")
	}
	return name
}

// Status is where an item stands with its owners.
type Status string

// Statuses, in the order they are offered.
const (
	StatusNew         Status = "new"
	StatusUnderReview Status = "under_review"
	StatusPlanned     Status = "planned"
	StatusInProgress  Status = "in_progress"
	StatusDone        Status = "done"
	StatusWontDo      Status = "wont_do"
)

type statusInfo struct {
	label       string
	needsReason bool
}

var statuses = map[Status]statusInfo{
	StatusNew:         {"New", false},
	StatusUnderReview: {"Under review", false},
	StatusPlanned:     {"Planned", false},
	StatusInProgress:  {"In progress", false},
	StatusDone:        {"Done", true},
	StatusWontDo:      {"Won't do", true},
}

// Statuses lists every status in order.
var Statuses = []Status{StatusNew, StatusUnderReview, StatusPlanned, StatusInProgress, StatusDone, StatusWontDo}

// Valid reports whether s is a known status.
func (s Status) Valid() bool { _, ok := statuses[s]; return ok }

// Label is the status in words, in English: what logs and the tests of
// the catalog compare with. Pages show LabelIn.
func (s Status) Label() string { return statuses[s].label }

// LabelIn is the status in words in the reader's language; the words are
// the ones the status notices use.
func (s Status) LabelIn(ctx context.Context) string {
	return i18n.T(ctx, "board.notice.status."+string(s))
}

// NeedsReason reports whether setting s requires a reason or note.
func (s Status) NeedsReason() bool { return statuses[s].needsReason }

// Tool is a tool or flow items are about, owned by a team.
type Tool struct {
	ID        int64
	Name      string
	TeamID    int64
	CreatedAt time.Time
	UpdatedAt time.Time
}

// TableName names the tools table.
func (Tool) TableName() string { return "board_tools" }

// Item is one piece of feedback. AuthorID is never shown when Anonymous.
type Item struct {
	ID           int64
	ToolID       int64
	AuthorID     int64
	Anonymous    bool
	Title        string
	Description  string
	Status       Status
	Responded    bool
	Withdrawn    bool
	MergedIntoID *int64
	CreatedAt    time.Time
	UpdatedAt    time.Time
	ActivityAt   time.Time
}

// TableName names the items table.
func (Item) TableName() string { return "board_items" }

// Open reports whether the item still takes votes, reactions and comments.
func (it Item) Open() bool { return !it.Withdrawn && it.MergedIntoID == nil }

// StatusChange is one step of an item's status history.
type StatusChange struct {
	ID        int64
	ItemID    int64
	Status    Status
	Reason    string
	ByName    string
	CreatedAt time.Time
}

// TableName names the status history table.
func (StatusChange) TableName() string { return "board_status_changes" }

// Comment is a comment on an item. AuthorID is never shown when Anonymous.
type Comment struct {
	ID        int64
	ItemID    int64
	AuthorID  int64
	Anonymous bool
	Body      string
	CreatedAt time.Time
}

// TableName names the comments table.
func (Comment) TableName() string { return "board_comments" }

// Actor is who asks for a change: Name is what the audit log records (an
// email); PersonID the signed-in person; Admin and LeadOf decide whether
// they answer for a tool's owning team.
type Actor struct {
	Name     string
	PersonID int64
	Admin    bool
	LeadOf   []int64
}

// owns reports whether the actor answers for items owned by team.
func (a Actor) owns(team int64) bool {
	if a.Admin {
		return true
	}
	for _, t := range a.LeadOf {
		if t == team {
			return true
		}
	}
	return false
}

// auditName is who the audit log names for an author's own action: never
// the person when they act anonymously.
func (a Actor) auditName(anonymous bool) string {
	if anonymous {
		return AnonymousName
	}
	return a.Name
}

// ValidationError says which fields are wrong and why; pages write each
// message in the reader's language (Message.In). It matches ErrInvalid.
type ValidationError struct {
	Fields map[string]input.Message
}

func (e *ValidationError) Error() string { return input.Describe("board", e.Fields) }

// FieldMessages returns the messages by field, in English, for the error
// handler of requests without a form of their own.
func (e *ValidationError) FieldMessages() map[string]string {
	out := make(map[string]string, len(e.Fields))
	for k, m := range e.Fields {
		out[k] = m.String()
	}
	return out
}

// Unwrap lets errors.Is(err, ErrInvalid) recognise a validation error.
func (e *ValidationError) Unwrap() error { return ErrInvalid }

// fields collects validation messages; err is nil when there are none.
type fields map[string]input.Message

func (f fields) err() error {
	if len(f) == 0 {
		return nil
	}
	return &ValidationError{Fields: f}
}
