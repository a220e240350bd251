// Package responses owns what people answer: invitations with personal
// links, drafts saved as people go, and submitted responses with the
// segments they had at submission time.
//
// Confidentiality: a response carries no person. It is reached from an
// invitation (which names a person) only inside this package, so a link
// can resume a draft; nothing outside reads answers by person.
package responses

import (
	"errors"
	"time"
)

// Sentinel errors the web layer maps to pages.
var (
	// ErrNotFound: no invitation for the token; the page reveals nothing.
	ErrNotFound = errors.New("responses: not found")
	// ErrNotOpen: the snapshot is not open yet.
	ErrNotOpen = errors.New("responses: snapshot not open yet")
	// ErrClosed: the snapshot has closed; answers can no longer change.
	ErrClosed = errors.New("responses: snapshot closed")
)

// Invitation puts a person in a snapshot's audience.
type Invitation struct {
	ID             int64
	SnapshotID     int64
	PersonID       int64
	TeamID         *int64
	Channel        string
	CreatedAt      time.Time
	SentAt         *time.Time
	SendError      string
	RemindersSent  int
	LastRemindedAt *time.Time
	Submitted      bool
}

// InvitationToken is the hash of one personal link's token.
type InvitationToken struct {
	TokenHash    string `gorm:"primaryKey"`
	InvitationID int64
	CreatedAt    time.Time
}

// Response is one person's answers to a snapshot, without the person.
type Response struct {
	ID           int64
	SnapshotID   int64
	InvitationID int64
	Submitted    bool
	// SubmittedOn and UpdatedOn are dates: times of day are not kept.
	SubmittedOn     *time.Time
	UpdatedOn       time.Time
	TeamID          *int64
	JobRole         string
	WorkArrangement string
	TenureBand      string
	Level           string
	Location        string
	// ContactOK: the respondent agreed to be contacted about their comments.
	ContactOK bool `gorm:"column:contact_ok"`
}

// AnswerRow is one stored answer item.
type AnswerRow struct {
	ResponseID int64  `gorm:"primaryKey"`
	QuestionID int64  `gorm:"primaryKey"`
	Item       string `gorm:"primaryKey"`
	// SnapshotID is the response's (and the question's) snapshot, kept on
	// the row so that materialising reads one snapshot's answers.
	SnapshotID int64
	Rating     *int
	Number     *float64
	Text       *string
}

// TableName names the answers table.
func (AnswerRow) TableName() string { return "answers" }

// day truncates a time to its UTC date.
func day(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
