package demo

import (
	"context"
	"fmt"

	"github.com/devpulse/devpulse/internal/board"
)

// demoItem is one item of the demo board: who posts it (an index into the
// engineers), how many vote, and what the owners answer.
type demoItem struct {
	title, description string
	tool, author       int
	anonymous          bool
	votes              int
	status             board.Status
	reason             string
	drivers            []string // keys in the driver library
}

var demoTools = []string{"CI pipeline", "Deploys", "Local dev environment"}

var demoItems = []demoItem{
	{"CI builds take 40 minutes", "Every merge waits on the full suite, even for a docs change. Runs: https://ci.example.com/runs", 0, 0, true, 34, board.StatusInProgress, "Splitting the suite by changed packages; first teams move next sprint.", []string{"build_test_speed"}},
	{"Flaky integration tests block merges", "About one run in five fails on the payments suite and passes on retry.", 0, 1, false, 21, board.StatusPlanned, "", []string{"ci_reliability", "build_test_speed"}},
	{"Deploys need a manual approval at night", "The on-call has to approve production deploys even for config-only changes.", 1, 2, true, 12, board.StatusWontDo, "The approval is a compliance requirement for production; we will make it one click from Slack instead.", []string{"deploy_process"}},
	{"Rollback button in the deploy UI", "Rolling back means finding the previous build by hand.", 1, 3, false, 8, board.StatusDone, "Shipped: every deploy page has a rollback button since last week.", []string{"deploy_process", "incident_response"}},
	{"Dev containers take 15 minutes to start", "The image is rebuilt from scratch each morning.", 2, 4, false, 5, board.StatusUnderReview, "", []string{"local_env"}},
	{"Seed data for local databases", "A small realistic data set would save an hour per new joiner.", 2, 5, true, 1, board.StatusNew, "", []string{"local_env", "onboarding"}},
	{"Slow CI on every pull request", "Same as the 40-minute builds, I think.", 0, 6, false, 3, "", "", nil},
}

// board builds the demo's feedback board: tools owned by the first three
// teams, items in every status (popular and quiet, named and anonymous),
// votes, reactions, comments, a merged duplicate and a "won't do" with its
// reason. It draws nothing from the generator, so the answers stay as they were.
func (b builder) board(ctx context.Context) error {
	svc, err := board.NewService(b.tx, nil)
	if err != nil {
		return err
	}
	admin, leads, engineers := b.boardPeople()
	var tools []board.Tool
	for i, name := range demoTools {
		t, err := svc.SaveTool(ctx, admin, board.Tool{Name: name, TeamID: b.o.teamIDs[i]})
		if err != nil {
			return fmt.Errorf("demo: board tool: %w", err)
		}
		tools = append(tools, t)
	}
	drivers, err := b.boardDrivers(ctx)
	if err != nil {
		return err
	}
	var ids []int64
	for i, d := range demoItems {
		in := board.ItemInput{ToolID: tools[d.tool].ID, Title: d.title, Description: d.description, Anonymous: d.anonymous}
		for _, key := range d.drivers {
			in.DriverIDs = append(in.DriverIDs, drivers[key])
		}
		it, err := svc.Post(ctx, engineers[d.author], in)
		if err != nil {
			return fmt.Errorf("demo: board item: %w", err)
		}
		ids = append(ids, it.ID)
		if err := demoReactions(ctx, svc, it.ID, d, engineers, i); err != nil {
			return err
		}
		if d.status != "" && d.status != board.StatusNew {
			if _, err := svc.SetStatus(ctx, leads[d.tool], it.ID, d.status, d.reason); err != nil {
				return fmt.Errorf("demo: board status: %w", err)
			}
		}
	}
	if err := svc.Merge(ctx, leads[0], ids[len(ids)-1], ids[0]); err != nil {
		return fmt.Errorf("demo: board merge: %w", err)
	}
	return nil
}

// demoReactions: the first voters vote, every third reacts, two comment.
func demoReactions(ctx context.Context, svc *board.Service, id int64, d demoItem, engineers []board.Actor, n int) error {
	types := []board.ReactionType{board.ReactionPlusOne, board.ReactionHeart, board.ReactionInsightful}
	for v := range d.votes {
		by := engineers[(d.author+1+v+n)%len(engineers)]
		if _, err := svc.ToggleVote(ctx, by, id); err != nil {
			return fmt.Errorf("demo: board vote: %w", err)
		}
		if v%3 == 0 {
			if _, err := svc.React(ctx, by, board.KindItem, id, types[v%len(types)], v%2 == 0); err != nil {
				return fmt.Errorf("demo: board reaction: %w", err)
			}
		}
	}
	if d.votes < 10 {
		return nil
	}
	c, err := svc.AddComment(ctx, engineers[(d.author+2)%len(engineers)], id, "Same for our team: it costs us most mornings.", false)
	if err != nil {
		return fmt.Errorf("demo: board comment: %w", err)
	}
	if _, err := svc.AddComment(ctx, engineers[(d.author+3)%len(engineers)], id, "We worked around it with a nightly job; happy to share.", true); err != nil {
		return fmt.Errorf("demo: board comment: %w", err)
	}
	_, err = svc.React(ctx, engineers[(d.author+4)%len(engineers)], board.KindComment, c.ID, board.ReactionPlusOne, false)
	return err
}

// boardPeople: the admin, the leads of the first three teams, and up to
// forty members of teams who lead nothing.
func (b builder) boardPeople() (board.Actor, []board.Actor, []board.Actor) {
	var admin board.Actor
	leads := make([]board.Actor, len(demoTools))
	var engineers []board.Actor
	seen := map[int]bool{}
	for _, m := range b.o.members {
		act := board.Actor{Name: m.Email, PersonID: m.ID}
		switch {
		case m.Email == AdminEmail:
			admin = board.Actor{Name: m.Email, PersonID: m.ID, Admin: true}
		case m.team >= 0 && !seen[m.team]:
			seen[m.team] = true
			if m.team < len(leads) {
				act.LeadOf = []int64{b.o.teamIDs[m.team]}
				leads[m.team] = act
			}
		case m.team >= 0 && len(engineers) < 40:
			engineers = append(engineers, act)
		}
	}
	return admin, leads, engineers
}

// boardDrivers maps the driver library's keys to ids.
func (b builder) boardDrivers(ctx context.Context) (map[string]int64, error) {
	ds, err := board.NewStore(b.tx).Drivers(ctx)
	if err != nil {
		return nil, fmt.Errorf("demo: board drivers: %w", err)
	}
	out := make(map[string]int64, len(ds))
	for _, d := range ds {
		out[d.Key] = d.ID
	}
	return out, nil
}
