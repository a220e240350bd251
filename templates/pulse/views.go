// Package pulse holds the pulse survey pages: the admin's programmes, a
// person's asks and settings, the emailed link's confirm page, and the tool
// owners' weekly view.
package pulse

import (
	"fmt"
	"time"

	"github.com/devpulse/devpulse/internal/i18n"
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

func pct(v int, ok bool) string {
	if !ok {
		return "–"
	}
	return fmt.Sprintf("%d%%", v)
}

// Ratings are the rating scale's English labels in order (their count
// is the scale's size; pages name them with pulse.RatingLabel).
var Ratings = pulse.RatingLabels

// When writes a moment for pages, in UTC and in l's language:
// "5 Dec 2026 10:00 UTC", "5 dic 2026 10:00 UTC".
func When(l *i18n.Localizer, t time.Time) string {
	t = t.UTC()
	return l.T("pulsepages.when", "Date", l.Date(t), "Time", l.Time(t))
}

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
