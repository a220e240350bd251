// Package board holds the feedback board's pages and their view-models.
package board

import (
	"context"
	"regexp"
	"strings"

	"github.com/devpulse/devpulse/internal/actions"
	"github.com/devpulse/devpulse/internal/board"
	"github.com/devpulse/devpulse/internal/input"
)

// ListView is the board's list with its filters.
type ListView struct {
	Items    []board.ListItem
	Tools    []board.Tool
	Drivers  []board.DriverRef
	Query    board.Query
	MineOnly bool
	Flash    string
}

// FormView is the post or edit form. ID is 0 for a new item.
type FormView struct {
	ID      int64
	Input   board.ItemInput
	Tools   []board.Tool
	Drivers []board.DriverRef
	// Similar are open items like the title typed (new items only).
	Similar []board.ListItem
	Errors  map[string]input.Message
}

// ItemView is an item's page.
type ItemView struct {
	Page board.ItemPage
	// StatusErrors and CommentErrors are field messages of a failed form;
	// Reason and Comment keep what was typed.
	StatusErrors  map[string]input.Message
	CommentErrors map[string]input.Message
	MergeErrors   map[string]input.Message
	Reason        string
	// Choice is the status a failed answer chose; "" shows the item's.
	Choice  board.Status
	Comment string
	Flash   string
	// Drivers are the drivers to choose from, for those who may choose
	// the item's (its author and its owners); DriverErrors the messages.
	Drivers      []board.DriverRef
	DriverErrors map[string]input.Message
	// Actions are the action plans an owner may link (those linked are in
	// Page.Actions), ActionErrors the messages of a failed link.
	Actions      []board.ActionRef
	ActionErrors map[string]input.Message
}

// ToolsView is the admin's tool list with its form.
type ToolsView struct {
	Tools   []board.Tool
	Teams   map[int64]string
	TeamIDs []int64
	Shown   []board.ReactionType
	Edit    board.Tool
	Errors  map[string]input.Message
	Flash   string
}

// Segment is a run of plain text or a link found in it.
type Segment struct {
	Text string
	Link bool
}

var linkPattern = regexp.MustCompile(`https?://[^\s<>"']+`)

// Linkify splits plain text into text and http(s) links; everything stays
// text to templ, which escapes it, and only http(s) addresses become links.
func Linkify(s string) []Segment {
	var out []Segment
	last := 0
	for _, m := range linkPattern.FindAllStringIndex(s, -1) {
		end := m[1]
		for end > m[0] && strings.ContainsRune(".,;:!?)", rune(s[end-1])) {
			end--
		}
		if m[0] > last {
			out = append(out, Segment{Text: s[last:m[0]]})
		}
		out = append(out, Segment{Text: s[m[0]:end], Link: true})
		last = end
	}
	if last < len(s) {
		out = append(out, Segment{Text: s[last:]})
	}
	return out
}

func statusOptions() []board.Status { return board.Statuses }

// chosen is the status the status form shows selected.
func (v ItemView) chosen() board.Status {
	if v.Choice != "" {
		return v.Choice
	}
	return v.Page.Item.Status
}

// driverNames lists drivers' names for a line of text.
func driverNames(ds []board.DriverRef) string {
	names := make([]string, len(ds))
	for i, d := range ds {
		names[i] = d.Name
	}
	return strings.Join(names, ", ")
}

// driverHref is a driver's place on the organisation's dashboard (its
// column of the heatmap; team dashboards give its row the same anchor).
func driverHref(d board.DriverRef) string { return "/org#driver-" + d.Key }

func driverChosen(ds []board.DriverRef) []int64 {
	ids := make([]int64, len(ds))
	for i, d := range ds {
		ids[i] = d.ID
	}
	return ids
}

// actionStatus words an action plan's status as the action pages do.
func actionStatus(ctx context.Context, s string) string { return actions.Status(s).LabelIn(ctx) }

// linked reports whether the item links to action id.
func linked(refs []board.ActionRef, id int64) bool {
	for _, r := range refs {
		if r.ID == id {
			return true
		}
	}
	return false
}
