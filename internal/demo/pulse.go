package demo

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/events"
	"github.com/devpulse/devpulse/internal/pulse"
)

// PulseWeeks is how many weeks of pulse answers the demo has.
const PulseWeeks = 12

// RolloutWeek is how many weeks ago the new deploy tool rolled out: from
// then on the deploy pulse climbs, weeks before the open snapshot's
// deploy_process scores can confirm it.
const RolloutWeek = 6

// demoProgramme is one of the demo's pulse programmes and how its weeks go.
type demoProgramme struct {
	def      pulse.Definition
	favor    func(weeksAgo int) float64
	context  func(r *rand.Rand, weeksAgo int) map[string]any
	comments [2][]string // unfavorable, favorable
}

func demoProgrammes() []demoProgramme {
	def := func(key, name, owner, typ, driver, rating, comment string) pulse.Definition {
		d := pulse.Definition{Key: key, Name: name, OwnerTeam: owner, SamplePercent: 30, DelayMinutes: 30, ExpiryHours: 72,
			Driver: driver, Questions: pulse.Questions{Rating: rating, Comment: comment}}
		d.Trigger.Type = typ
		return d
	}
	repos := []string{"acme/checkout", "acme/search", "acme/payments", "acme/catalog", "acme/ml-serving"}
	return []demoProgramme{
		{
			def: def("deploys", "Deploys", "Engineering/Platform/Developer Tools", events.TypeDeployCompleted, "deploy_process",
				"You just deployed: how did it go?", "What got in the way?"),
			favor: func(w int) float64 {
				if w >= RolloutWeek {
					return 0.34
				}
				return 0.5 + 0.06*float64(RolloutWeek-w)
			},
			context: func(r *rand.Rand, w int) map[string]any {
				dur := 700 + r.IntN(500)
				if w < RolloutWeek {
					dur = 220 + r.IntN(200)
				}
				outcome := "success"
				if r.Float64() < 0.08 {
					outcome = "failure"
				}
				return map[string]any{"repository": repos[r.IntN(len(repos))], "environment": "production", "outcome": outcome,
					"duration_seconds": dur, "commit": fmt.Sprintf("%07x", r.IntN(1<<28))}
			},
			comments: [2][]string{
				{"The canary step waited 15 minutes for nothing.", "Rollback was manual again.", "Had to ask in #deploys for approval."},
				{"The new pipeline finished before my coffee.", "One click, and the rollback button is right there.", "Much faster than last month."},
			},
		},
		{
			def: def("pr-merged", "Pull requests", "Engineering/Platform/Developer Tools", events.TypePRMerged, "code_review",
				"You just merged a pull request: how was the review?", "What would have made it faster?"),
			favor: func(int) float64 { return 0.6 },
			context: func(r *rand.Rand, _ int) map[string]any {
				return map[string]any{"repository": repos[r.IntN(len(repos))], "additions": 5 + r.IntN(400), "deletions": r.IntN(200),
					"labels": []string{}, "lead_time_seconds": 3600 * (2 + r.IntN(60)), "pr_number": 1000 + r.IntN(9000)}
			},
			comments: [2][]string{
				{"Waited two days for a reviewer.", "CODEOWNERS pulled in three teams for a typo."},
				{"Quick, useful review.", "Reviewer caught a real bug."},
			},
		},
		{
			def: def("terraform-apply", "Terraform apply", "Engineering/Platform/Infrastructure", "terraform.applied", "",
				"You just applied a Terraform change: how was it?", "What got in the way?"),
			favor: func(w int) float64 { return 0.42 + 0.01*float64(w%3) },
			context: func(r *rand.Rand, _ int) map[string]any {
				return map[string]any{"workspace": []string{"infra-prod", "infra-staging", "dns"}[r.IntN(3)], "outcome": "success",
					"duration_seconds": 120 + r.IntN(600)}
			},
			comments: [2][]string{
				{"The plan took 9 minutes because of the state lock.", "Drift in staging again."},
				{"Plan and apply were smooth.", "Good module docs."},
			},
		},
	}
}

// buildPulse adds the three pulse programmes with PulseWeeks weeks of
// events, asks and answers. It draws from a random source of its own, so
// the rest of the demo comes out the same as before it existed.
func buildPulse(ctx context.Context, tx *gorm.DB, o org, now time.Time) error {
	r := rand.New(rand.NewPCG(17, 2026))
	svc := pulse.New(tx, pulse.Settings{})
	for pi, dp := range demoProgrammes() {
		prog, _, err := svc.Save(ctx, dp.def, Actor)
		if err != nil {
			return fmt.Errorf("demo: pulse programme %s: %w", dp.def.Key, err)
		}
		// The PulseWeeks whole ISO weeks before this one; w counts weeks ago.
		for w := PulseWeeks; w >= 1; w-- {
			if err := pulseWeek(ctx, tx, r, o, now, pi, w, prog, dp); err != nil {
				return err
			}
		}
	}
	return nil
}

// monday is the start of t's ISO week.
func monday(t time.Time) time.Time {
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
}

// pulseWeek asks one programme's share of the members in one week: each
// person is in one of six cohorts, and a programme asks a cohort every
// other week, half of it, so nobody is asked more than the budget allows.
func pulseWeek(ctx context.Context, tx *gorm.DB, r *rand.Rand, o org, now time.Time, pi, w int, prog pulse.Programme, dp demoProgramme) error {
	weekStart := monday(now).AddDate(0, 0, -7*w)
	var evs []events.Event
	for i, m := range o.members {
		if m.team < 0 || i%6 != (w*3+pi)%6 || r.Float64() < 0.5 {
			continue
		}
		at := weekStart.Add(time.Duration(r.IntN(6*24*60)) * time.Minute)
		b, _ := json.Marshal(dp.context(r, w))
		id := m.ID
		teamID := m.TeamID
		evs = append(evs, events.Event{Key: fmt.Sprintf("demo-%s-%d-%d", prog.Key, w, m.ID), Type: prog.EventType, PersonRef: m.Email,
			PersonID: &id, TeamID: teamID, ISOWeek: events.ISOWeek(at), OccurredAt: at, ReceivedAt: at, Source: events.SourceAPI, Context: string(b)})
	}
	if len(evs) == 0 {
		return nil
	}
	if err := tx.WithContext(ctx).CreateInBatches(&evs, 200).Error; err != nil {
		return fmt.Errorf("demo: pulse events: %w", err)
	}
	asks := make([]pulse.Ask, len(evs))
	for i, e := range evs {
		sent := e.OccurredAt.Add(30 * time.Minute)
		asks[i] = pulse.Ask{ProgrammeID: prog.ID, PersonID: *e.PersonID, TeamID: e.TeamID, EventID: e.ID, ISOWeek: e.ISOWeek,
			State: pulse.StateOpen, Channel: "email", SendAt: sent, SentAt: &sent, ExpiresAt: sent.Add(72 * time.Hour), CreatedAt: e.OccurredAt}
		if r.Float64() < 0.62 && asks[i].SendAt.Before(now) {
			asks[i].State = pulse.StateAnswered
		}
	}
	if err := tx.WithContext(ctx).CreateInBatches(&asks, 200).Error; err != nil {
		return fmt.Errorf("demo: pulse asks: %w", err)
	}
	var answers []pulse.Answer
	for i, a := range asks {
		if a.State != pulse.StateAnswered {
			continue
		}
		fav := r.Float64() < dp.favor(w)
		rating := 1 + r.IntN(3)
		if fav {
			rating = 4 + r.IntN(2)
		}
		ans := pulse.Answer{AskID: a.ID, ProgrammeID: prog.ID, TeamID: a.TeamID, ISOWeek: a.ISOWeek, Rating: rating,
			Context: evs[i].Context, Channel: "email", AnsweredAt: a.SendAt.Add(time.Duration(5+r.IntN(600)) * time.Minute)}
		if r.Float64() < 0.25 {
			list := dp.comments[0]
			if fav {
				list = dp.comments[1]
			}
			ans.Comment = list[r.IntN(len(list))]
		}
		answers = append(answers, ans)
	}
	if len(answers) == 0 {
		return nil
	}
	if err := tx.WithContext(ctx).CreateInBatches(&answers, 200).Error; err != nil {
		return fmt.Errorf("demo: pulse answers: %w", err)
	}
	return nil
}
