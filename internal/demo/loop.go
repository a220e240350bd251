package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/devpulse/devpulse/internal/actions"
	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/goals"
	"github.com/devpulse/devpulse/internal/insight"
	"github.com/devpulse/devpulse/internal/survey"
)

// demoGoal is a team's goal set after closed quarter `after` (an index
// into Result.Closed), judged by the next one when it has closed.
type demoGoal struct {
	after        int
	team, driver string
	kind         string
	target       int
	reason       string
}

// demoGoals: the improving teams (Improvements) met theirs; others did
// not; the goals set after the latest snapshot are being worked on.
var demoGoals = []demoGoal{
	{3, "Engineering/Product/Checkout", "deploy_process", insight.GoalPoints, 15, "Releases wait a day for a manual check."},
	{3, "Engineering/Product/Search", "documentation", insight.GoalPoints, 15, "New joiners ask the same questions every week."},
	{3, "Engineering/Product/Accounts", "code_review", insight.GoalPoints, 15, "Reviews sit for two days."},
	{3, "Engineering/Platform/CI", "ci_reliability", insight.GoalScore, 75, "Flaky pipelines cost everyone time."},
	{4, "Engineering/Platform/CI", "ci_reliability", insight.GoalPoints, 10, "It fell last quarter; we own it."},
	{4, "Engineering/Data/Machine Learning", "local_env", insight.GoalScore, 70, "Keep what we won on set-up time."},
}

// demoAction is an action taken after closed quarter `after`, with its
// updates `days` after that snapshot closed; team "" is the organisation.
type demoAction struct {
	after   int
	team    string
	title   string
	drivers []string
	updates []demoUpdate
}

type demoUpdate struct {
	days   int
	status actions.Status
	text   string
}

var demoActions = []demoAction{
	{3, "", "Self-service preview environments", []string{"deploy_process"}, []demoUpdate{
		{12, actions.InProgress, "First three services deploy previews from every pull request."},
		{40, actions.Done, "Every service has previews; the manual staging queue is gone."}}},
	{3, "", "Replace the VPN for remote developers", []string{"documentation", "cross_team"}, []demoUpdate{
		{20, actions.WontDo, "Security review keeps the VPN this year; we are making its sign-in one click instead."}}},
	{3, "", "A refactoring week every quarter", []string{"codebase_health"}, []demoUpdate{
		{9, actions.InProgress, "The first week is booked for every team in the product group."},
		{38, actions.Done, "120 pull requests of clean-up merged; the next week is in the calendar."}}},
	{3, "Engineering/Product/Checkout", "Automate the release checklist", []string{"deploy_process"}, []demoUpdate{
		{10, actions.InProgress, "Checklist steps moved into the pipeline."},
		{30, actions.Done, "Releases no longer wait for a person."}}},
	{3, "Engineering/Product/Search", "A docs hour every sprint", []string{"documentation"}, []demoUpdate{
		{15, actions.InProgress, "Two sprints in: 40 pages rewritten."}}},
	{4, "", "Quarantine flaky tests automatically", []string{Decline}, []demoUpdate{
		{14, actions.InProgress, "Quarantine bot runs on the monorepo; flaky tests get an owner within a day."}}},
	{4, "Engineering/Platform/CI", "Retry infrastructure failures, not test failures", []string{Decline}, nil},
	{4, "", "AI assistant licences for every engineer", []string{"ai_assistants"}, []demoUpdate{
		{7, actions.Done, "Licences assigned to everyone in the directory."}}},
}

// demoActionItems links actions to the board items they answer, by title.
var demoActionItems = map[string]string{
	"Quarantine flaky tests automatically": "Flaky integration tests block merges",
}

// loop closes the loop in the demo: goals set after earlier snapshots,
// and organisation and team actions in every status with dated updates,
// every date counted from a snapshot's close, never from today.
func (b builder) loop(ctx context.Context, closed []int64) error {
	qs := quarters(b.now)
	all, err := survey.NewStore(b.tx, nil).Drivers(ctx, false)
	if err != nil {
		return err
	}
	names := map[string]string{}
	for _, d := range all {
		names[d.Key] = d.Name
	}
	log := audit.New(b.tx)
	for _, g := range demoGoals {
		at := qs[g.after].closes.AddDate(0, 0, 5)
		svc := goals.New(b.tx, log).WithClock(func() time.Time { return at })
		team, lead, err := b.teamAndLead(g.team)
		if err != nil {
			return err
		}
		_, err = svc.Set(ctx, goals.NewGoal{TeamID: team, TeamPath: g.team, BaselineID: closed[g.after], DriverKey: g.driver,
			Kind: g.kind, Target: fmt.Sprint(g.target), Reason: g.reason}, names, lead)
		if err != nil {
			return fmt.Errorf("demo: goal %s %s: %w", g.team, g.driver, err)
		}
	}
	for _, a := range demoActions {
		if err := b.action(ctx, log, a, qs[a.after].closes, names); err != nil {
			return fmt.Errorf("demo: action %q: %w", a.title, err)
		}
	}
	return nil
}

// action creates one demo action three days after closes, then its updates.
func (b builder) action(ctx context.Context, log *audit.Log, a demoAction, closes time.Time, names map[string]string) error {
	at := closes.AddDate(0, 0, 3)
	svc := actions.New(b.tx, log).WithClock(func() time.Time { return at })
	in := actions.Input{Title: a.title, OwnerEmail: AdminEmail, TargetDate: closes.AddDate(0, 0, 75).Format(time.DateOnly), Drivers: a.drivers}
	actor := AdminEmail
	if a.team != "" {
		team, lead, err := b.teamAndLead(a.team)
		if err != nil {
			return err
		}
		in.TeamID, in.OwnerEmail, actor = &team, lead, lead
	}
	made, err := svc.Create(ctx, in, names, actor)
	if err != nil {
		return err
	}
	if item, ok := demoActionItems[a.title]; ok {
		err := b.tx.Exec("INSERT INTO board_item_actions (item_id, action_id) SELECT id, ? FROM board_items WHERE title = ?", made.ID, item).Error
		if err != nil {
			return err
		}
	}
	for _, u := range a.updates {
		at = closes.AddDate(0, 0, u.days)
		if _, err := svc.AddUpdate(ctx, made.ID, actions.UpdateInput{Body: u.text, Status: string(u.status)}, actor); err != nil {
			return err
		}
	}
	return nil
}

// teamAndLead is a demo team's id and its lead's email: its manager
// leads it (org.go).
func (b builder) teamAndLead(path string) (int64, string, error) {
	for i, s := range teamSpecs {
		for _, m := range b.o.members {
			if s.path == path && m.team == i && m.JobRole == roleManager {
				return b.o.teamIDs[i], m.Email, nil
			}
		}
	}
	return 0, "", fmt.Errorf("demo: no lead of %s", path)
}
