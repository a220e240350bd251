package pulse

import (
	"context"
	"fmt"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/testdb"
)

func TestTeamWeeksNeverSubtractBelowK(t *testing.T) {
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
		for i, rating := range []int{5, 4, 2} {
			answer(fmt.Sprintf("a%d@example.com", i), &r.team.ID, rating)
		}
		answer("b0@example.com", &other.ID, 1)
		weeks := func() []TeamWeek {
			tps, err := r.svc.ForTeam(ctx, r.team.ID, 3)
			if err != nil || len(tps) != 1 {
				t.Fatalf("for team: %v %v", tps, err)
			}
			return tps[0].Weeks
		}
		// The team has 3 answers, but the rest of the week only 1: the
		// owners' whole week minus the team would show one person.
		if w := weeks(); len(w) != 1 || w[0].Shown || w[0].Answers != 0 {
			t.Fatalf("with one other answer: %+v", w)
		}
		answer("b1@example.com", &other.ID, 1)
		answer("b2@example.com", &other.ID, 1)
		w := weeks()
		if !w[0].Shown || w[0].Answers != 3 || w[0].Asks != 3 || w[0].Favorable.Value != 67 || w[0].ResponseRate.Value != 100 {
			t.Fatalf("with three other answers: %+v", w)
		}
	})
}
