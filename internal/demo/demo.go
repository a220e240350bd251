// Package demo builds the demo organisation: about 300 people in 12 teams
// under 3 groups, and six quarterly snapshots of the default template,
// five closed and the current one open, with responses that tell a few
// stories a reader can find on the dashboards:
//
//   - three teams clearly improve the driver they worked on (Improvements);
//   - CI reliability drops everywhere in the latest closed quarter (Decline);
//   - one team is too small for its scores to be shown (SmallTeam);
//   - remote people rate documentation and cross-team work lower than
//     people in the office.
//
// Everything is drawn from one fixed seed, so two builds with the same
// clock are identical.
package demo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"
	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/survey"
)

// Actor is who the audit log says built the demo.
const Actor = "demo"

// ErrNotEmpty: the demo is built only into a directory without people.
var ErrNotEmpty = errors.New("the directory already has people; the demo organisation is built only into an empty database")

// SmallTeam is the team with three people, below the minimum group size.
const SmallTeam = "Engineering/Data/Privacy"

// Decline is the driver that drops org-wide in the latest closed quarter.
const Decline = "ci_reliability"

// Improvement is a team that worked on one driver and moved it.
type Improvement struct {
	Team   string
	Driver string
}

// Improvements are the teams whose driver rises by about 35 points over
// the two latest closed quarters.
var Improvements = []Improvement{
	{"Engineering/Product/Checkout", "deploy_process"},
	{"Engineering/Product/Search", "documentation"},
	{"Engineering/Data/Machine Learning", "local_env"},
}

// Options are the optional parts of a build.
type Options struct {
	// Jobs, when set, schedules the close of the open snapshot at its close
	// time, as opening it through the lifecycle would.
	Jobs survey.Enqueuer
}

// Result says what Build made.
type Result struct {
	// Teams counts every node of the tree: the root, groups and teams.
	Teams  int
	People int
	// Closed are the closed snapshots, oldest first; Open is the current one.
	Closed      []int64
	Open        int64
	Invitations int
	Responses   int // submitted and drafts
	Submitted   int
	Answers     int
}

// Build creates the demo organisation in db, in one transaction, with
// quarters counted back from now. It fails with ErrNotEmpty when the
// directory has people already.
func Build(ctx context.Context, db *gorm.DB, now time.Time, opts Options) (Result, error) {
	now = now.UTC()
	var res Result
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&directory.Person{}).Count(&n).Error; err != nil {
			return fmt.Errorf("demo: count people: %w", err)
		}
		if n > 0 {
			return ErrNotEmpty
		}
		g := newGen()
		o, err := buildOrg(ctx, tx, g, now)
		if err != nil {
			return err
		}
		res.Teams, res.People = 1+len(groups)+len(teamSpecs), len(o.members)
		drivers, err := survey.NewStore(tx, nil).Drivers(ctx, false)
		if err != nil {
			return err
		}
		b := builder{tx: tx, g: g, m: newModel(g, drivers), o: o, now: now, res: &res}
		for i, q := range quarters(now) {
			id, err := createSnapshot(ctx, tx, q, i >= latestClosed)
			if err != nil {
				return err
			}
			if err := b.respond(ctx, i, q, id); err != nil {
				return err
			}
			if q.open {
				res.Open = id
				if err := scheduleClose(ctx, tx, opts.Jobs, id, q.closes); err != nil {
					return err
				}
			} else {
				res.Closed = append(res.Closed, id)
			}
		}
		if err := buildPulse(ctx, tx, o, now); err != nil {
			return err
		}
		if err := buildMetrics(ctx, tx, o, b.m, quarters(now)); err != nil {
			return err
		}
		if err := b.board(ctx); err != nil {
			return err
		}
		if err := b.threads(ctx); err != nil {
			return err
		}
		if err := b.loop(ctx, res.Closed); err != nil {
			return err
		}
		detail := fmt.Sprintf("%d people, %d snapshots, %d responses", res.People, len(res.Closed)+1, res.Submitted)
		return audit.New(tx).Record(ctx, tx, Actor, "demo.build", "organisation", detail)
	})
	if err != nil {
		return Result{}, err
	}
	return res, nil
}

// quarter is one snapshot's place in time.
type quarter struct {
	title          string
	opens, closes  time.Time
	open           bool
	participation  float64 // the share expected to submit
	draftsOfOthers float64 // the share of the others with a draft
}

// quarters returns the five quarters before now's and now's own, oldest
// first. Closed snapshots ran two weeks from the middle of their first
// month; the open one opened a week ago (or when its quarter began, if
// later) and closes in two weeks.
func quarters(now time.Time) []quarter {
	start := quarterStart(now)
	rates := []float64{0.79, 0.82, 0.85, 0.87, 0.89}
	var out []quarter
	for k := 5; k >= 1; k-- {
		qs := start.AddDate(0, -3*k, 0)
		opens := qs.AddDate(0, 0, 14).Add(9 * time.Hour)
		out = append(out, quarter{title: title(qs), opens: opens, closes: opens.AddDate(0, 0, 14).Add(8 * time.Hour),
			participation: rates[5-k], draftsOfOthers: 0.2})
	}
	// On a quarter's first days the open snapshot opened with the quarter,
	// so its audience is everyone whatever the day.
	opens := day(now).AddDate(0, 0, -7).Add(9 * time.Hour)
	if opens.Before(start) {
		opens = start
	}
	out = append(out, quarter{title: title(start), opens: opens, closes: day(now).AddDate(0, 0, 14).Add(17 * time.Hour),
		open: true, participation: 0.55, draftsOfOthers: 0.3})
	return out
}

// quarterStart is the first day of now's quarter: the demo's dates are
// counted from it in whole months, never from today, so that its story
// is the same on any day.
func quarterStart(now time.Time) time.Time {
	y, m, _ := now.UTC().Date()
	return time.Date(y, time.Month((int(m)-1)/3*3+1), 1, 0, 0, 0, 0, time.UTC)
}

func title(quarterStart time.Time) string {
	return fmt.Sprintf("%d Q%d", quarterStart.Year(), (int(quarterStart.Month())-1)/3+1)
}

// createSnapshot makes a snapshot from the default template and puts it in
// its state directly: the lifecycle runs on the real clock, and these
// quarters are past. extras adds the questions of extras.go.
func createSnapshot(ctx context.Context, tx *gorm.DB, q quarter, extras bool) (int64, error) {
	snap, err := survey.NewStore(tx, nil).CreateSnapshot(ctx,
		survey.NewSnapshot{Title: q.title, Start: survey.StartTemplate, TimeZone: "UTC"}, Actor)
	if err != nil {
		return 0, fmt.Errorf("demo: snapshot %s: %w", q.title, err)
	}
	if extras {
		if err := addExtras(ctx, tx, snap.ID); err != nil {
			return 0, err
		}
	}
	set := map[string]any{"state": survey.Open, "opens_at": q.opens, "closes_at": q.closes, "opened_at": q.opens,
		"created_at": q.opens.AddDate(0, 0, -10), "updated_at": q.opens}
	if !q.open {
		set["state"], set["closed_at"], set["updated_at"] = survey.Closed, q.closes, q.closes
	}
	if err := tx.Model(&survey.Snapshot{}).Where("id = ?", snap.ID).Updates(set).Error; err != nil {
		return 0, fmt.Errorf("demo: snapshot %s: %w", q.title, err)
	}
	written := map[string]any{"created_at": set["created_at"], "updated_at": set["created_at"]}
	if err := tx.Model(&survey.Question{}).Where("snapshot_id = ?", snap.ID).Updates(written).Error; err != nil {
		return 0, fmt.Errorf("demo: questions of %s: %w", q.title, err)
	}
	return snap.ID, nil
}

// scheduleClose queues the open snapshot's close, when there is a queue.
func scheduleClose(ctx context.Context, tx *gorm.DB, jobs survey.Enqueuer, id int64, at time.Time) error {
	if jobs == nil {
		return nil
	}
	return jobs.InsertTx(ctx, tx, survey.CloseArgs{SnapshotID: id, At: at}, &river.InsertOpts{ScheduledAt: at})
}
