// Package pulse runs short event-triggered surveys: programmes say which
// events lead to an ask, one contact budget per person decides whether the
// person is asked, jobs send the ask on the person's channel, and answers
// keep the event's context for the tool owners' weekly view.
package pulse

import (
	"errors"
	"time"
)

// Sentinel errors.
var (
	ErrNotFound = errors.New("pulse: not found")
	ErrInvalid  = errors.New("pulse: invalid")
	// ErrClosed: the ask was answered already, expired or cancelled.
	ErrClosed = errors.New("pulse: ask closed")
	// ErrSlackUpdate: the answer was recorded but the Slack message could
	// not be changed to say thanks.
	ErrSlackUpdate = errors.New("pulse: slack message not updated")
)

// Ask states.
const (
	StateScheduled = "scheduled"
	StateOpen      = "open"
	StateAnswered  = "answered"
	StateCancelled = "cancelled"
)

// Programme is one pulse survey: its trigger, questions and pacing.
type Programme struct {
	ID          int64
	Key         string
	Name        string
	OwnerTeamID int64
	EventType   string
	// Conditions and Questions are JSON (see Conditions, Questions).
	Conditions    string
	Questions     string
	SamplePercent int
	DelayMinutes  int
	ExpiryHours   int
	ActiveFrom    *time.Time
	ActiveUntil   *time.Time
	Paused        bool
	DriverKey     string
	CreatedBy     string
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// TableName names the programmes table.
func (Programme) TableName() string { return "pulse_programmes" }

// Active reports whether the programme asks at t: not paused and inside
// its window.
func (p Programme) Active(t time.Time) bool {
	return !p.Paused && (p.ActiveFrom == nil || !t.Before(*p.ActiveFrom)) && (p.ActiveUntil == nil || t.Before(*p.ActiveUntil))
}

// Conditions narrow a programme's trigger by the event's context.
type Conditions struct {
	// Repository is a glob such as "infra-*", matched against the context's
	// repository with and without its owner ("acme/infra-live").
	Repository string `json:"repository,omitempty"`
	// Label must be among the context's labels.
	Label string `json:"label,omitempty"`
	// Equals: each context field must have this value.
	Equals map[string]string `json:"equals,omitempty"`
}

// Questions are a programme's one to three questions.
type Questions struct {
	// Rating is the 1-5 question; required.
	Rating string `json:"rating"`
	// Comment is the optional free-text question.
	Comment string `json:"comment,omitempty"`
	// Choice is the optional single-choice question.
	Choice *Choice `json:"choice,omitempty"`
}

// Choice is a single-choice question.
type Choice struct {
	Prompt  string   `json:"prompt"`
	Options []string `json:"options"`
}

// Ask is one person asked once about one event.
type Ask struct {
	ID           int64
	ProgrammeID  int64
	PersonID     int64
	TeamID       *int64
	EventID      int64
	ISOWeek      string `gorm:"column:iso_week"`
	State        string
	Channel      string
	SendAt       time.Time
	SentAt       *time.Time
	ExpiresAt    time.Time
	TokenHash    *string
	SlackChannel string
	SlackTS      string `gorm:"column:slack_ts"`
	SendError    string
	CreatedAt    time.Time
}

// TableName names the asks table.
func (Ask) TableName() string { return "pulse_asks" }

// Answerable reports whether the ask can be answered at t.
func (a Ask) Answerable(t time.Time) bool { return a.State == StateOpen && t.Before(a.ExpiresAt) }

// Answer is one answer to an ask, with the event's context.
type Answer struct {
	ID           int64
	AskID        int64
	ProgrammeID  int64
	TeamID       *int64
	ISOWeek      string `gorm:"column:iso_week"`
	Rating       int
	Comment      string
	Choice       string
	ShareContext bool
	Context      string
	Channel      string
	AnsweredAt   time.Time
}

// TableName names the answers table.
func (Answer) TableName() string { return "pulse_answers" }

// Prefs is a person's own choice of how often and where to be asked.
type Prefs struct {
	PersonID  int64 `gorm:"primaryKey;autoIncrement:false"`
	Frequency string
	Channel   string
	UpdatedAt time.Time
}

// TableName names the preferences table.
func (Prefs) TableName() string { return "pulse_prefs" }
