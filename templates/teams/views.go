// Package teams holds the pages leads, executives and admins read about
// the teams they may see.
package teams

import (
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/insight"
	"github.com/devpulse/devpulse/internal/readout"
	"github.com/devpulse/devpulse/internal/responses"
	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/threads"
	actionviews "github.com/devpulse/devpulse/templates/actions"
	pulseviews "github.com/devpulse/devpulse/templates/pulse"
	"github.com/devpulse/devpulse/templates/systemmetrics"
)

// ListView is the tree of the teams the reader may see.
type ListView struct {
	Nodes []directory.TreeNode
	// AllTeams is true for executives and admins, who see every team.
	AllTeams bool
}

// ShowView is one team's page.
type ShowView struct {
	Node directory.TreeNode
	// Parent is set when the reader may see the parent team too.
	Parent *directory.Team
	// SubTeams are the team's sub-teams (see TopSubTeams for a long list).
	SubTeams []directory.TreeNode
	// FoldedSubTeams counts the sub-teams TopSubTeams left out.
	FoldedSubTeams int
	Results        DashboardView
	// Pulse is the weekly pulse of driver-linked programmes (templates/pulse).
	Pulse pulseviews.TeamPulseView
	// Metrics is the weekly system metrics linked to drivers (templates/systemmetrics).
	Metrics systemmetrics.TeamMetricsView
	// ReadOnly: the reader is one of the team's people, who reads the
	// shared results and has nothing to export or change.
	ReadOnly bool
	// Actions are the team's actions (templates/actions).
	Actions actionviews.Panel
}

// DashboardView is a team's results: what the dashboard shows and the
// reader's choices.
type DashboardView struct {
	Dash results.Dashboard
	// Open lists snapshots open now, with the group's participation so far.
	Open []OpenSnapshot
	// Findings are the headline, strengths and opportunities in words
	// (readout.Team).
	Findings []readout.Finding
	// Trend is the driver key the reader picked for the trend (?trend=).
	Trend string
	// TrendChart is the trend chart's ECharts option as JSON, one driver
	// at a time, drawn by static/js/charts.js; the table beside it carries
	// the same numbers.
	TrendChart string
	// Segment is the filter as the form sends it ("work_arrangement:remote").
	Segment string
	Driver  string
	Search  string
	// Base is the page's path, which every control links back to.
	Base string
	// Goals are the team's goals (goals.templ).
	Goals GoalsPanel
	// CanReply: the reader is a lead, executive or admin, who may reply
	// to the comments shown (not a team member reading as a respondent).
	CanReply bool
	// Threads summarises the replies to the comments shown, by comment
	// ID, for those who may reply.
	Threads map[int64]threads.Summary
}

// OpenSnapshot is a snapshot taking answers now.
type OpenSnapshot struct {
	Snapshot survey.Snapshot
	Count    responses.Count
	// Live is the participation as it may be shown while open (see
	// insight.Threshold.LiveParticipation).
	Live insight.Live
}
