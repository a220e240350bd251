package teams

import (
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/readout"
	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/threads"
)

// DriverView is one driver of a team: its history across snapshots, its
// answers, its segments and its comments, every number past the same
// confidentiality rules as the dashboard's.
type DriverView struct {
	Team directory.Team
	Key  string
	Name string
	// Dash is the team's unfiltered dashboard in the snapshot shown, its
	// comments narrowed to the driver.
	Dash results.Dashboard
	// Row is the driver's row in Dash.
	Row      results.DriverRow
	Headline readout.Finding
	// History is the driver in every snapshot up to the one shown,
	// newest first.
	History []DriverPoint
	// Segments break the driver's score down by each segment's values.
	Segments []SegmentBreakdown
	CanReply bool
	Threads  map[int64]threads.Summary
}

// DriverPoint is the driver in one snapshot, with the comments about it.
type DriverPoint struct {
	Snapshot     survey.Snapshot
	View         results.GroupView
	Row          results.DriverRow
	Comments     []results.Comment
	CommentTotal int
}

// SegmentBreakdown is the driver's score for each value of one segment.
type SegmentBreakdown struct {
	Key, Label string
	Values     []SegmentValue
}

// SegmentValue is the driver among the respondents with one value. Shown
// false: the filtered group is hidden, and the page says so without its
// size.
type SegmentValue struct {
	Value string
	Shown bool
	Row   results.DriverRow
}

func hasComments(history []DriverPoint) bool {
	for _, p := range history {
		if p.View.IsShown() && len(p.Comments) > 0 {
			return true
		}
	}
	return false
}
