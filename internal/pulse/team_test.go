package pulse

import (
	"context"
	"fmt"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/events"
	"github.com/devpulse/devpulse/internal/insight"
	"github.com/devpulse/devpulse/internal/testdb"
)

func TestGroupWeeksNeverSubtractBelowK(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		r := newRig(t, db, nil, nil)
		var driver string
		db.Table("drivers").Select("key").Order("id").Limit(1).Scan(&driver)
		r.programme(t, "deploys", func(d *Definition) { d.Driver = driver })
		other, _ := directory.EnsureTeam(ctx, db, "Eng/Other")
		answer := func(email string, team *int64, rating int) {
			p := directory.Person{Email: email, Name: email, TeamID: team, Active: true, CreatedAt: time.Now(), UpdatedAt: time.Now()}
			if err := directory.NewStore(db).CreatePerson(ctx, &p); err != nil {
				t.Fatal(err)
			}
			r.event(t, "deploy.completed", email, nil)
			r.sendDue(t)
			a := r.asks(t, p.ID)[0]
			if _, err := r.svc.Answer(ctx, a.ID, Reply{Rating: rating, Channel: "page"}); err != nil {
				t.Fatal(err)
			}
		}
		k, _ := insight.NewThreshold(3)
		weeks := func(team int64) []TeamWeek {
			teams, err := directory.NewStore(db).Teams(ctx)
			if err != nil {
				t.Fatal(err)
			}
			q := GroupQuery{Teams: teams, TeamID: team, Since: events.ISOWeek(time.Now().AddDate(0, 0, -7)), K: k}
			tps, err := r.svc.ForGroup(ctx, q)
			if err != nil || len(tps) != 1 {
				t.Fatalf("for group %d: %v %v", team, tps, err)
			}
			return tps[0].Weeks
		}
		for i, rating := range []int{5, 4, 2} {
			answer(fmt.Sprintf("a%d@example.com", i), &r.team.ID, rating)
		}
		answer("b0@example.com", &other.ID, 1)
		// The team has 3 answers, but the rest of the week only 1: the
		// owners' whole week minus the team would show one person.
		if w := weeks(r.team.ID); len(w) != 1 || w[0].Shown || w[0].Answers != 0 {
			t.Fatalf("with one other answer: %+v", w)
		}
		if w := weeks(Org); !w[0].Shown || w[0].Answers != 4 || w[0].Favorable.Value != 50 {
			t.Fatalf("the organisation's week: %+v", w)
		}
		answer("b1@example.com", &other.ID, 1)
		answer("b2@example.com", &other.ID, 1)
		w := weeks(r.team.ID)
		if !w[0].Shown || w[0].Answers != 3 || w[0].Asks != 3 || w[0].Favorable.Value != 67 || w[0].ResponseRate.Value != 100 {
			t.Fatalf("with three other answers: %+v", w)
		}
		// Eng holds both teams: its week is the whole week.
		if w := weeks(*r.team.ParentID); !w[0].Shown || w[0].Answers != 6 || w[0].Favorable.Value != 33 {
			t.Fatalf("the parent's week: %+v", w)
		}
	})
}

func TestRecentRateSumsOnlyShownWeeks(t *testing.T) {
	weeks := []TeamWeek{
		{Week: "2026-W40", Shown: true, Asks: 10, Answers: 10},
		{Week: "2026-W41", Shown: true, Asks: 8, Answers: 4},
		{Week: "2026-W42"},
		{Week: "2026-W43", Shown: true, Asks: 6, Answers: 3},
		{Week: "2026-W44", Shown: true, Asks: 10, Answers: 5},
	}
	got := recent(weeks)
	want := Recent{Weeks: 4, Shown: 3, Asks: 24, Answers: 12, ResponseRate: insight.Percent(12, 24)}
	if got != want {
		t.Fatalf("recent = %+v, want %+v", got, want)
	}
}
