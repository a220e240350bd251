package responses_test

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"sync"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/database"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/responses"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testdb"
)

// everyKindSnapshot is an open template snapshot with a single and a
// multiple choice question added, and a form answering it all except two
// optional questions left out (one sent empty, one not sent).
func everyKindSnapshot(t *testing.T, w *world) (survey.Outline, url.Values, []int64) {
	t.Helper()
	ctx := context.Background()
	o := w.openSnapshotWith(t, func(snapID, sectionID int64) {
		for _, q := range []survey.Question{
			{Kind: survey.KindSingle, Prompt: "Where do you work?", Config: survey.Config{Choices: []string{"Home", "Office"}}},
			{Kind: survey.KindMulti, Prompt: "Which editors?", Config: survey.Config{Choices: []string{"Vim", "VS Code", "Emacs"}}},
			{Kind: survey.KindText, Prompt: "Anything else?", Config: survey.Config{MaxLength: 500}},
			{Kind: survey.KindRating, Prompt: "An optional statement."},
		} {
			q.SnapshotID, q.SectionID = snapID, sectionID
			if err := w.surveys.SaveQuestion(ctx, &q, "a"); err != nil {
				t.Fatal(err)
			}
		}
	})
	form := answerForm(o, "4")
	var skipped []int64
	kinds := map[survey.Kind]bool{}
	for _, q := range o.Questions {
		kinds[q.Kind] = true
		switch q.Prompt {
		case "Where do you work?":
			form.Set(survey.FieldName(q), "Office")
		case "Which editors?":
			form[survey.FieldName(q)] = []string{"Vim", "Emacs"}
		case "Anything else?":
			form.Set(survey.FieldName(q), "")
			skipped = append(skipped, q.ID)
		case "An optional statement.":
			form.Del(survey.FieldName(q))
			skipped = append(skipped, q.ID)
		}
	}
	for _, k := range []survey.Kind{survey.KindRating, survey.KindPriority, survey.KindAllocation, survey.KindFrequency,
		survey.KindNumber, survey.KindText, survey.KindSingle, survey.KindMulti} {
		if !kinds[k] {
			t.Fatalf("no %s question", k)
		}
	}
	return o, form, skipped
}

// storedRows lists an invitation's answer rows as text, sorted, without
// the response's ID.
func storedRows(t *testing.T, db *gorm.DB, inv responses.Invitation) []string {
	t.Helper()
	var rows []responses.AnswerRow
	if err := db.Joins("JOIN responses r ON r.id = answers.response_id").Where("r.invitation_id = ?", inv.ID).Find(&rows).Error; err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = fmt.Sprintf("q%d %q snapshot %d rating %s number %s text %s", r.QuestionID, r.Item, r.SnapshotID, show(r.Rating), show(r.Number), show(r.Text))
	}
	slices.Sort(out)
	return out
}

func show[T any](v *T) string {
	if v == nil {
		return "NULL"
	}
	return fmt.Sprintf("%v", *v)
}

// storedResponse is an invitation's response without its own IDs, and
// whether the invitation is marked submitted.
func storedResponse(t *testing.T, db *gorm.DB, inv responses.Invitation) (responses.Response, bool) {
	t.Helper()
	var rs []responses.Response
	if err := db.Where("invitation_id = ?", inv.ID).Find(&rs).Error; err != nil || len(rs) != 1 {
		t.Fatalf("%d responses: %v", len(rs), err)
	}
	var submitted bool
	db.Model(&responses.Invitation{}).Where("id = ?", inv.ID).Pluck("submitted", &submitted)
	r := rs[0]
	r.ID, r.InvitationID = 0, 0
	return r, submitted
}

// submitAll sends form as the whole survey and submits it; an answer
// refused or missing is an error.
func (w *world) submitAll(inv responses.Invitation, o survey.Outline, form url.Values, person directory.Person, contactOK bool) error {
	res, err := w.store.SaveAndSubmit(context.Background(), inv, o, o.Questions, form, person, contactOK)
	if err == nil && len(res.Invalid)+len(res.Missing) > 0 {
		err = fmt.Errorf("not submitted: %+v", res)
	}
	return err
}

// A first complete submission (one statement on PostgreSQL) stores the
// same rows, response and invitation as the transaction stores for a
// response that already exists, for every kind of question, NULLs and
// skipped optional questions included.
func TestFirstSubmitStoresAsTheTransaction(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		o, form, skipped := everyKindSnapshot(t, w)
		invs, _ := w.store.Invite(ctx, o.Snapshot.ID)
		first, drafted, person := invs[0], invs[1], w.people[0]

		if err := w.submitAll(first, o, form, person, true); err != nil {
			t.Fatalf("first submit: %v", err)
		}
		// The other one saves a draft first: its submit finds a response.
		if _, err := w.store.Save(ctx, drafted, o, o.Questions[:3], url.Values{}); err != nil {
			t.Fatal(err)
		}
		if err := w.submitAll(drafted, o, form, person, true); err != nil {
			t.Fatalf("submit of a draft: %v", err)
		}

		got, want := storedRows(t, db, first), storedRows(t, db, drafted)
		if !slices.Equal(got, want) {
			t.Fatalf("first submission stored\n%v\nthe transaction stored\n%v", got, want)
		}
		answers, r, _ := w.store.Answers(ctx, first, o)
		for _, id := range skipped {
			if _, ok := answers[id]; ok {
				t.Errorf("skipped question %d has an answer", id)
			}
		}
		if len(answers) != len(o.Questions)-len(skipped) {
			t.Errorf("%d answers, want %d", len(answers), len(o.Questions)-len(skipped))
		}
		if !r.Submitted || r.SubmittedOn == nil || !r.ContactOK {
			t.Fatalf("first response %+v", r)
		}
		gotR, gotInv := storedResponse(t, db, first)
		wantR, wantInv := storedResponse(t, db, drafted)
		if gotR.TeamID == nil || *gotR.TeamID != *person.TeamID {
			t.Fatalf("team %s", show(gotR.TeamID))
		}
		gotR.TeamID, wantR.TeamID = nil, nil
		if fmt.Sprint(gotR) != fmt.Sprint(wantR) || !gotInv || !wantInv {
			t.Fatalf("first response %+v (invitation submitted %v), the transaction's %+v (%v)", gotR, gotInv, wantR, wantInv)
		}
	})
}

// Submitting again after a first submission (a retry after a lost reply,
// an edit before close) takes the transaction: one response, its first
// segments, the answers replaced and not doubled. Concurrent first
// submissions of one invitation, with drafts saved meanwhile, store one
// submitted response with its answers once.
func TestFirstSubmitFallsBack(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		o, form, _ := everyKindSnapshot(t, w)
		invs, _ := w.store.Invite(ctx, o.Snapshot.ID)
		person := w.people[0]
		// A lone first submission, for what the others should store.
		lone := invs[2]
		if err := w.submitAll(lone, o, form, person, true); err != nil {
			t.Fatalf("submit: %v", err)
		}

		t.Run("retry and edit", func(t *testing.T) {
			inv := invs[0]
			for i := 0; i < 2; i++ { // the same POST twice
				if err := w.submitAll(inv, o, form, person, true); err != nil {
					t.Fatalf("submit %d: %v", i, err)
				}
			}
			once := storedRows(t, db, inv)
			if !slices.Equal(once, storedRows(t, db, lone)) {
				t.Fatalf("a retry stored %v", once)
			}
			first, _ := storedResponse(t, db, inv)
			moved := person
			moved.JobRole, moved.Location = "SRE", "Lisbon"
			edit := url.Values{}
			for k, v := range form {
				edit[k] = v
			}
			for _, q := range o.Questions {
				if q.Kind == survey.KindRating && form.Has(survey.FieldName(q)) {
					edit.Set(survey.FieldName(q), "2")
				}
			}
			if err := w.submitAll(inv, o, edit, moved, false); err != nil {
				t.Fatalf("edit: %v", err)
			}
			r, submitted := storedResponse(t, db, inv)
			if !submitted || r.JobRole != first.JobRole || r.Location != "Berlin" || r.ContactOK || fmt.Sprint(r.SubmittedOn) != fmt.Sprint(first.SubmittedOn) {
				t.Fatalf("after an edit %+v, first %+v", r, first)
			}
			after := storedRows(t, db, inv)
			if len(after) != len(once) || slices.Equal(after, once) {
				t.Fatalf("the edit stored %d rows (%d before), changed: %v", len(after), len(once), !slices.Equal(after, once))
			}
		})

		t.Run("concurrent first submissions", func(t *testing.T) {
			inv := invs[1]
			start := make(chan struct{})
			var wg sync.WaitGroup
			for i := 0; i < 8; i++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-start
					if i%2 == 1 { // a draft saved from another tab
						if invalid, err := w.store.Save(ctx, inv, o, o.Questions, form); err != nil || len(invalid) > 0 {
							t.Errorf("save: %+v %v", invalid, err)
						}
						return
					}
					if err := w.submitAll(inv, o, form, person, true); err != nil {
						t.Errorf("submit: %v", err)
					}
				}()
			}
			close(start)
			wg.Wait()
			if r, submitted := storedResponse(t, db, inv); !r.Submitted || !submitted {
				t.Fatalf("response %+v, invitation submitted %v", r, submitted)
			}
			if got, want := storedRows(t, db, inv), storedRows(t, db, lone); !slices.Equal(got, want) {
				t.Fatalf("stored %v, want %v", got, want)
			}
		})

		t.Run("a draft created during the statement", func(t *testing.T) {
			if database.DialectOf(db) != database.Postgres {
				t.Skip("SQLite takes the transaction")
			}
			// Another tab's draft, created and not yet committed: the
			// statement's insert waits on it, then fails on the unique
			// invitation_id, which undoes the statement, and the transaction
			// submits the draft.
			inv := invs[3]
			tx := db.Begin()
			defer tx.Rollback()
			if err := tx.Exec("INSERT INTO responses (snapshot_id, invitation_id, updated_on) VALUES (?, ?, CURRENT_DATE)", o.Snapshot.ID, inv.ID).Error; err != nil {
				t.Fatal(err)
			}
			done := make(chan error)
			go func() { done <- w.submitAll(inv, o, form, person, true) }()
			for waiting := int64(0); waiting == 0; {
				db.Raw("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'WITH inv AS%'").Scan(&waiting)
			}
			if err := tx.Commit().Error; err != nil {
				t.Fatal(err)
			}
			if err := <-done; err != nil {
				t.Fatal(err)
			}
			if r, submitted := storedResponse(t, db, inv); !r.Submitted || !submitted {
				t.Fatalf("response %+v, invitation submitted %v", r, submitted)
			}
			if got, want := storedRows(t, db, inv), storedRows(t, db, lone); !slices.Equal(got, want) {
				t.Fatalf("stored %v, want %v", got, want)
			}
		})
	})
}
