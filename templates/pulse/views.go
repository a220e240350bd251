// Package pulse holds the pulse survey pages: the admin's programmes, a
// person's asks and settings, the emailed link's confirm page, and the tool
// owners' weekly view.
package pulse

import (
	"fmt"
	"time"

	"github.com/devpulse/devpulse/internal/pulse"
)

// Option is one choice of a select.
type Option struct{ Value, Label string }

// ProgrammeRow is one programme in the admin list.
type ProgrammeRow struct {
	ID          int64
	Key, Name   string
	OwnerTeam   string
	OwnerTeamID int64
	Trigger     string
	Sample      int
	Paused      bool
	Active      bool
}

// ProgrammeForm is the programme form's values and errors.
type ProgrammeForm struct {
	Key, Name, OwnerTeam, EventType, Repository, Label, Equals string
	Rating, Comment, ChoicePrompt, ChoiceOptions               string
	Sample, Delay, Expiry                                      string
	ActiveFrom, ActiveUntil, Driver                            string
	Paused                                                     bool
	Errors                                                     map[string]string
}

// ProgrammesView is the admin's programme list with the form.
type ProgrammesView struct {
	Rows    []ProgrammeRow
	Form    ProgrammeForm
	EditID  int64
	Teams   []Option
	Drivers []Option
	Flash   string
}

// AskCard is an ask as the person asked sees it.
type AskCard struct {
	ID        int64
	Programme string
	Question  string
	Comment   string
	Choice    *pulse.Choice
	Context   []pulse.Field
	SentAt    string
	Expires   string
	State     string
	Rating    int
	Error     string
	Preset    int
}

// MeView is a person's /pulse page.
type MeView struct {
	Pending    []AskCard
	History    []AskCard
	Frequency  string
	Channel    string
	Freqs      []Option
	Channels   []Option
	Flash      string
	BudgetText string
}

// ConfirmView is the page an emailed rating link opens.
type ConfirmView struct {
	Token  string
	Ask    AskCard
	Closed string
	Done   bool
}

// WeeklyView is a programme's weekly numbers for its owners.
type WeeklyView struct {
	Programme string
	Team      string
	TeamID    int64
	Question  string
	K         int
	Weeks     []pulse.Week
}

// Ratings are the rating scale's labels in order.
var Ratings = pulse.RatingLabels

func pct(v int, ok bool) string {
	if !ok {
		return "–"
	}
	return fmt.Sprintf("%d%%", v)
}

// When formats a time for pages, in UTC.
func When(t time.Time) string { return t.UTC().Format("2 Jan 2006 15:04 UTC") }

func snapshotSuffix(title string) string {
	if title == "" {
		return ""
	}
	return ", " + title
}

// quarterText is a quarterly point for the table: its score (or a dash
// when hidden) and its snapshot.
func quarterText(q pulse.Quarter) string {
	return pct(q.Score.Value, q.Score.OK) + " (" + q.Title + ")"
}
