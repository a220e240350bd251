package metrics

import (
	"encoding/json"
	"slices"
	"strings"
	"time"
)

// Names of the weekly figures devpulse computes from events. A value of
// the same name sent through the API for a team and week without events
// stays; events for that team and week replace it.
const (
	PRThroughput         = "pr_throughput"
	PRLeadTime           = "pr_lead_time_hours"
	PRCommitLeadTime     = "pr_commit_lead_time_hours"
	DeployFrequency      = "deploy_frequency"
	ChangeFailureRate    = "change_failure_rate"
	TimeToRestore        = "time_to_restore_hours"
	CIDurationP50        = "ci_duration_p50_minutes"
	CIFailureRate        = "ci_failure_rate"
	PRBugFixShare        = "pr_bug_fix_share"
	TypeIncidentResolved = "incident.resolved"
)

// FigureNames lists the figures computed from events, and the onboarding
// metric the default links name.
var FigureNames = []string{PRThroughput, PRLeadTime, PRCommitLeadTime, DeployFrequency, ChangeFailureRate,
	TimeToRestore, CIDurationP50, CIFailureRate, PRBugFixShare, DaysTo10thPR}

// Event types the figures are computed from.
const (
	typePRMerged        = "pr.merged"
	typeDeployCompleted = "deploy.completed"
	typeCIFinished      = "ci.finished"
)

// figureTypes are the event types that feed a figure.
var figureTypes = []string{typePRMerged, typeDeployCompleted, typeCIFinished, TypeIncidentResolved}

// Outcomes of deployments and CI runs that count as failed; other
// outcomes of CI runs (cancelled, skipped, neutral) count neither way.
var (
	failedOutcomes  = []string{"failure", "failed", "error", "timed_out", "rolled_back", "rollback"}
	successOutcomes = []string{"success", "succeeded", "passed", "ok"}
)

// eventRow is the part of an event a figure needs.
type eventRow struct {
	TeamID     int64
	ISOWeek    string `gorm:"column:iso_week"`
	Type       string
	OccurredAt time.Time
	Context    string
}

// eventContext holds the context fields figures read; tools send any of them.
type eventContext struct {
	Outcome         string   `json:"outcome"`
	OpenedAt        string   `json:"opened_at"`
	FirstCommitAt   string   `json:"first_commit_at"`
	StartedAt       string   `json:"started_at"`
	LeadTimeSeconds *float64 `json:"lead_time_seconds"`
	DurationSeconds *float64 `json:"duration_seconds"`
	// Labels of a merged PR; nil when the tool sends none.
	Labels []string `json:"labels"`
}

// weekly gathers one team's events of one week.
type weekly struct {
	prs, prLead, commitLead []float64
	labelled, bugFixes      int
	deploys, failedDeploys  int
	restore, ciMinutes      []float64
	ciRuns, ciFailed        int
}

// figures computes the weekly figures of every team and week the rows
// hold. Each team and week gets a figure only when it has the events
// that define it.
func figures(rows []eventRow) []Value {
	type key struct {
		team int64
		week string
	}
	groups := map[key]*weekly{}
	var order []key
	for _, r := range rows {
		k := key{r.TeamID, r.ISOWeek}
		if groups[k] == nil {
			groups[k] = &weekly{}
			order = append(order, k)
		}
		groups[k].add(r)
	}
	var out []Value
	for _, k := range order {
		for _, v := range groups[k].values() {
			v.TeamID, v.ISOWeek, v.Source = k.team, k.week, SourceEvents
			out = append(out, v)
		}
	}
	return out
}

// add counts one event.
func (w *weekly) add(r eventRow) {
	var c eventContext
	_ = json.Unmarshal([]byte(r.Context), &c) // stored contexts are JSON objects; a field of another type counts as absent
	switch r.Type {
	case typePRMerged:
		w.prs = append(w.prs, 1)
		if h, ok := hoursBetween(c.LeadTimeSeconds, c.OpenedAt, r.OccurredAt); ok {
			w.prLead = append(w.prLead, h)
		}
		if h, ok := hoursBetween(nil, c.FirstCommitAt, r.OccurredAt); ok {
			w.commitLead = append(w.commitLead, h)
		}
		if c.Labels != nil {
			w.labelled++
			if slices.ContainsFunc(c.Labels, isBugLabel) {
				w.bugFixes++
			}
		}
	case typeDeployCompleted:
		w.deploys++
		if slices.Contains(failedOutcomes, c.Outcome) {
			w.failedDeploys++
		}
	case TypeIncidentResolved:
		if h, ok := hoursBetween(c.DurationSeconds, c.StartedAt, r.OccurredAt); ok {
			w.restore = append(w.restore, h)
		} else if h, ok := hoursBetween(nil, c.OpenedAt, r.OccurredAt); ok {
			w.restore = append(w.restore, h)
		}
	case typeCIFinished:
		if c.DurationSeconds != nil && *c.DurationSeconds >= 0 {
			w.ciMinutes = append(w.ciMinutes, *c.DurationSeconds/60)
		}
		switch {
		case slices.Contains(failedOutcomes, c.Outcome):
			w.ciRuns, w.ciFailed = w.ciRuns+1, w.ciFailed+1
		case slices.Contains(successOutcomes, c.Outcome):
			w.ciRuns++
		}
	}
}

// values turns the week's counts into figures.
func (w *weekly) values() []Value {
	var out []Value
	add := func(name, unit string, v float64) { out = append(out, Value{Name: name, Unit: unit, Value: v}) }
	if len(w.prs) > 0 {
		add(PRThroughput, "PRs", float64(len(w.prs)))
	}
	if len(w.prLead) > 0 {
		add(PRLeadTime, "hours", Median(w.prLead))
	}
	if len(w.commitLead) > 0 {
		add(PRCommitLeadTime, "hours", Median(w.commitLead))
	}
	if w.labelled > 0 {
		add(PRBugFixShare, "ratio", float64(w.bugFixes)/float64(w.labelled))
	}
	if w.deploys > 0 {
		add(DeployFrequency, "deploys", float64(w.deploys))
		add(ChangeFailureRate, "ratio", float64(w.failedDeploys)/float64(w.deploys))
	}
	if len(w.restore) > 0 {
		add(TimeToRestore, "hours", Median(w.restore))
	}
	if len(w.ciMinutes) > 0 {
		add(CIDurationP50, "minutes", Median(w.ciMinutes))
	}
	if w.ciRuns > 0 {
		add(CIFailureRate, "ratio", float64(w.ciFailed)/float64(w.ciRuns))
	}
	return out
}

// hoursBetween is seconds/3600 when given, else the hours from the RFC
// 3339 time since to until; ok is false when neither is usable.
func hoursBetween(seconds *float64, since string, until time.Time) (float64, bool) {
	if seconds != nil && *seconds >= 0 {
		return *seconds / 3600, true
	}
	t, err := time.Parse(time.RFC3339, since)
	if err != nil || t.After(until) {
		return 0, false
	}
	return until.Sub(t).Hours(), true
}

// Median is the middle value of xs (the mean of the two middle ones for
// an even count); xs is not changed. It is 0 for no values.
func Median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// isBugLabel reports whether a PR label marks a bug fix: it names a bug
// ("bug", "type: bug", "bugfix") or is "fix".
func isBugLabel(l string) bool {
	l = strings.ToLower(strings.TrimSpace(l))
	return strings.Contains(l, "bug") || l == "fix"
}
