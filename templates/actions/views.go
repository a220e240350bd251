// Package actions shows action plans: a panel of actions for the team
// dashboard, the org page and the home page, the list with its filters,
// one action with its updates, the forms, and "you said, we did".
package actions

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/devpulse/devpulse/internal/actions"
	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/input"
	"github.com/devpulse/devpulse/internal/survey"
)

// Panel is a list of actions with a heading. Heading and Empty are
// catalog IDs ("actions.panel.doing"); a text that is no ID shows as it
// is.
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
	Errors                                   map[string]input.Message
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
	UpdateErrors map[string]input.Message
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

func updateLine(ctx context.Context, u actions.Update) string {
	s := i18n.From(ctx).Date(u.CreatedAt.UTC())
	if u.Status != "" {
		s += " · " + i18n.T(ctx, "actions.update.moved", "Status", u.Status.LabelIn(ctx))
	}
	return s
}

// said is what people said about a driver (already in the reader's
// language: actions.Flagged writes it so).
func said(what []string) string { return strings.Join(what, "; ") }

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

// window says which actions stand beside what people said.
func window(ctx context.Context, v YouSaidView) string {
	if v.Next == nil {
		return i18n.T(ctx, "actions.yousaid.window_open")
	}
	return i18n.T(ctx, "actions.yousaid.window", "Next", v.Next.Title)
}

// targetDate writes a target date (YYYY-MM-DD) as the reader's language
// writes a day; one that does not parse shows as stored.
func targetDate(ctx context.Context, s string) string {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return i18n.From(ctx).Date(t)
}
