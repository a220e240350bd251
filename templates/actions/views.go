// Package actions shows action plans: a panel of actions for the team
// dashboard, the org page and the home page, the list with its filters,
// one action with its updates, the forms, and "you said, we did".
package actions

import (
	"fmt"
	"strings"

	"github.com/devpulse/devpulse/internal/actions"
	"github.com/devpulse/devpulse/internal/survey"
)

// Panel is a list of actions with a heading.
type Panel struct {
	Heading string
	TestID  string
	Actions []actions.Action
	// Names are driver names by key.
	Names map[string]string
	// NewHref is where "Add an action" leads; "" shows no link.
	NewHref string
	Empty   string
}

// ListView is /actions: every action the reader may see, filtered.
type ListView struct {
	Panel                Panel
	Team, Driver, Status string
	Teams                []Option
	Drivers              []survey.Driver
	CanCreate            bool
}

// Option is a choice of a select.
type Option struct{ Value, Label string }

// FormView is the form that creates or edits an action.
type FormView struct {
	// ID is the action edited; 0 for a new one.
	ID                                       int64
	TeamID                                   string
	Scope                                    string
	Title, Owner, Status, TargetDate, Reason string
	Linked                                   []string
	Drivers                                  []survey.Driver
	Key                                      string
	Errors                                   map[string]string
}

// ShowView is one action with its updates and, for those who may change
// it, the edit and update forms.
type ShowView struct {
	Action       actions.Action
	Names        map[string]string
	CanEdit      bool
	Edit         FormView
	UpdateBody   string
	UpdateStatus string
	UpdateKey    string
	UpdateErrors map[string]string
}

func driverNames(a actions.Action, names map[string]string) string {
	out := make([]string, len(a.Drivers))
	for i, k := range a.Drivers {
		out[i] = names[k]
		if out[i] == "" {
			out[i] = k
		}
	}
	return strings.Join(out, ", ")
}

func actionURL(a actions.Action) string { return fmt.Sprintf("/actions/%d", a.ID) }

func has(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func updateLine(u actions.Update) string {
	s := u.CreatedAt.UTC().Format("2 Jan 2006")
	if u.Status != "" {
		s += " · moved to " + u.Status.Label()
	}
	return s
}

// YouSaidView is "you said, we did" for one closed snapshot.
type YouSaidView struct {
	Snapshot survey.Snapshot
	// Next is the snapshot after it, until whose close actions count.
	Next  *survey.Snapshot
	K     int
	Shown bool
	Said  []actions.Said
	Names map[string]string
	// Others links every snapshot's page: Value the title, Label the path.
	Others []Option
}

func itoa(n int) string { return fmt.Sprint(n) }

// window says which actions stand beside what people said.
func window(v YouSaidView) string {
	if v.Next == nil {
		return "the actions linked to it since the snapshot closed."
	}
	return "the actions linked to it after the snapshot closed and before " + v.Next.Title + " closed."
}
