package responses_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/responses"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testdb"
)

// BenchmarkSubmit measures the submit path of one respondent with a
// 40-question survey: "one-request" saves every answer and submits in one
// transaction (the whole survey in one POST); "save-then-submit" saves the
// answers as a draft, then submits (the last section's POST after the
// others were saved).
//
//	make bench ARGS='-benchtime 1000x ./internal/responses/'
func BenchmarkSubmit(b *testing.B) {
	for _, tc := range []struct {
		name string
		open func(testing.TB) *gorm.DB
	}{{"sqlite", testdb.SQLite}, {"postgres", testdb.Postgres}} {
		b.Run(tc.name, func(b *testing.B) {
			b.Run("one-request", func(b *testing.B) {
				db := tc.open(b)
				o, invs, people := benchSnapshot(b, db, b.N)
				store := responses.NewStore(db)
				form := answerForm(o, "4")
				ctx := context.Background()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					inv := invs[i]
					res, err := store.SaveAndSubmit(ctx, inv, o, o.Questions, form, people[inv.PersonID], false)
					if err != nil || len(res.Invalid)+len(res.Missing) > 0 {
						b.Fatal(res, err)
					}
				}
			})
			b.Run("save-then-submit", func(b *testing.B) {
				db := tc.open(b)
				o, invs, people := benchSnapshot(b, db, b.N)
				store := responses.NewStore(db)
				form := answerForm(o, "4")
				ctx := context.Background()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					inv := invs[i]
					if errs, err := store.Save(ctx, inv, o, o.Questions, form); err != nil || len(errs) > 0 {
						b.Fatal(errs, err)
					}
					if errs, err := store.Submit(ctx, inv, o, people[inv.PersonID], false); err != nil || len(errs) > 0 {
						b.Fatal(errs, err)
					}
				}
			})
		})
	}
}

// benchSnapshot opens a 40-question snapshot (the template plus extra
// ratings) for n people.
func benchSnapshot(b *testing.B, db *gorm.DB, n int) (survey.Outline, []responses.Invitation, map[int64]directory.Person) {
	b.Helper()
	ctx := context.Background()
	w := &world{db: db, store: responses.NewStore(db), teams: map[string]directory.Team{}}
	q := newQueue(b, db)
	w.surveys = survey.NewStore(db, q)
	team, _ := directory.EnsureTeam(ctx, db, "Bench")
	people := map[int64]directory.Person{}
	batch := make([]directory.Person, 0, n)
	for i := 0; i < n; i++ {
		batch = append(batch, directory.Person{Email: fmt.Sprintf("b%d@example.com", i), Name: "B", TeamID: &team.ID, Active: true, CreatedAt: time.Now(), UpdatedAt: time.Now()})
	}
	if err := db.CreateInBatches(&batch, 500).Error; err != nil {
		b.Fatal(err)
	}
	for _, p := range batch {
		people[p.ID] = p
	}
	o := w.openSnapshotWith(b, func(snapID, sectionID int64) {
		for i := 0; i < 19; i++ {
			extra := survey.Question{SnapshotID: snapID, SectionID: sectionID, Kind: survey.KindRating, Prompt: fmt.Sprintf("Extra statement %d.", i), Required: true}
			if err := w.surveys.SaveQuestion(ctx, &extra, "bench"); err != nil {
				b.Fatal(err)
			}
		}
	})
	if len(o.Questions) != 40 {
		b.Fatalf("%d questions, want 40", len(o.Questions))
	}
	invs, err := w.store.Invite(ctx, o.Snapshot.ID)
	if err != nil {
		b.Fatal(err)
	}
	return o, invs, people
}
