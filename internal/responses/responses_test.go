package responses_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/jobs"
	"github.com/devpulse/devpulse/internal/responses"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testdb"
)

type world struct {
	db      *gorm.DB
	surveys *survey.Store
	store   *responses.Store
	people  []directory.Person
	teams   map[string]directory.Team
}

// newWorld: Eng/Platform (3 people, one inactive), Eng/Apps (2), Sales (1).
func newWorld(t *testing.T, db *gorm.DB) *world {
	t.Helper()
	ctx := context.Background()
	w := &world{db: db, surveys: survey.NewStore(db, newQueue(t, db)), store: responses.NewStore(db), teams: map[string]directory.Team{}}
	start := time.Now().AddDate(-3, 0, 0)
	for i, spec := range []struct {
		team   string
		active bool
	}{{"Eng/Platform", true}, {"Eng/Platform", true}, {"Eng/Platform", false}, {"Eng/Apps", true}, {"Eng/Apps", true}, {"Sales", true}} {
		team, err := directory.EnsureTeam(ctx, db, spec.team)
		if err != nil {
			t.Fatal(err)
		}
		w.teams[spec.team] = team
		p := directory.Person{Email: fmt.Sprintf("p%d@example.com", i), Name: fmt.Sprintf("P%d", i), TeamID: &team.ID,
			JobRole: "backend", WorkArrangement: directory.Remote, Level: "L3", Location: "Berlin", StartDate: &start,
			Active: true, CreatedAt: time.Now(), UpdatedAt: time.Now()}
		if err := directory.NewStore(db).CreatePerson(ctx, &p); err != nil {
			t.Fatal(err)
		}
		if !spec.active {
			db.Model(&p).Update("active", false)
		}
		w.people = append(w.people, p)
	}
	w.teams["Eng"], _ = directory.NewStore(db).TeamByPath(ctx, "Eng")
	return w
}

func newQueue(t testing.TB, db *gorm.DB) *jobs.Runner {
	q, err := jobs.New(db, nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// openSnapshot makes an open template snapshot for the given audience.
func (w *world) openSnapshot(t *testing.T, teams ...int64) survey.Outline {
	t.Helper()
	return w.openSnapshotWith(t, nil, teams...)
}

// openSnapshotWith is openSnapshot with a chance to add questions to the
// first section before the snapshot opens.
func (w *world) openSnapshotWith(t testing.TB, add func(snapID, sectionID int64), teams ...int64) survey.Outline {
	t.Helper()
	ctx := context.Background()
	snap, err := w.surveys.CreateSnapshot(ctx, survey.NewSnapshot{Title: "Q", Start: survey.StartTemplate, TimeZone: "UTC"}, "a")
	if err != nil {
		t.Fatal(err)
	}
	if add != nil {
		o, err := w.surveys.Outline(ctx, snap.ID)
		if err != nil {
			t.Fatal(err)
		}
		add(snap.ID, o.Sections[0].ID)
	}
	opens, closes := time.Now().Add(time.Hour), time.Now().Add(48*time.Hour)
	st := survey.Settings{Title: "Q", TimeZone: "UTC", OpensAt: &opens, ClosesAt: &closes, AudienceAll: len(teams) == 0, TeamIDs: teams}
	if err := w.surveys.UpdateSettings(ctx, snap.ID, st, "a"); err != nil {
		t.Fatal(err)
	}
	if err := w.surveys.Schedule(ctx, snap.ID, "a"); err != nil {
		t.Fatal(err)
	}
	if err := w.surveys.OpenNow(ctx, snap.ID, "a"); err != nil {
		t.Fatal(err)
	}
	o, err := w.surveys.Outline(ctx, snap.ID)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func TestInviteAudience(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		all := w.openSnapshot(t)
		invs, err := w.store.Invite(ctx, all.Snapshot.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(invs) != 5 { // six people, one inactive
			t.Fatalf("%d invitations, want 5", len(invs))
		}
		again, _ := w.store.Invite(ctx, all.Snapshot.ID)
		if len(again) != 0 {
			t.Fatalf("second run invited %d more", len(again))
		}
		eng := w.openSnapshot(t, w.teams["Eng"].ID)
		invs, _ = w.store.Invite(ctx, eng.Snapshot.ID)
		if len(invs) != 4 { // Eng subtree: 2 active in Platform + 2 in Apps
			t.Fatalf("%d invitations for Eng, want 4", len(invs))
		}
	})
}

func TestTokensAreStoredHashed(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		o := w.openSnapshot(t)
		invs, _ := w.store.Invite(ctx, o.Snapshot.ID)
		first, _ := w.store.IssueToken(ctx, invs[0].ID)
		second, _ := w.store.IssueToken(ctx, invs[0].ID)
		if len(first) < 43 { // 256 bits, base64url
			t.Fatalf("token %q too short", first)
		}
		var n int64
		db.Table("invitation_tokens").Where("token_hash IN ?", []string{first, second}).Count(&n)
		if n != 0 {
			t.Fatal("a token is stored in plain text")
		}
		for _, tok := range []string{first, second} {
			inv, err := w.store.ByToken(ctx, tok)
			if err != nil || inv.ID != invs[0].ID {
				t.Fatalf("ByToken: %v %+v", err, inv)
			}
		}
		if _, err := w.store.ByToken(ctx, "nope"); !errors.Is(err, responses.ErrNotFound) {
			t.Fatalf("unknown token: %v", err)
		}
		link, err := w.store.OpenLink(ctx, first)
		if err != nil || link.Invitation.ID != invs[0].ID || link.Person.ID != invs[0].PersonID || link.Person.Email == "" ||
			link.Person.StartDate == nil || link.Person.JobRole != "backend" || link.Person.TeamID == nil || !link.Person.Active ||
			link.Snapshot.ID != o.Snapshot.ID || link.Snapshot.State != survey.Open || link.Snapshot.ClosesAt == nil ||
			!link.Snapshot.ClosesAt.Equal(*o.Snapshot.ClosesAt) || link.Snapshot.TimeZone != "UTC" || link.Invitation.Submitted {
			t.Fatalf("OpenLink: %v %+v", err, link)
		}
		if _, err := w.store.OpenLink(ctx, "nope"); !errors.Is(err, responses.ErrNotFound) {
			t.Fatalf("unknown token: %v", err)
		}
	})
}

func answerForm(o survey.Outline, rating string) url.Values {
	form := url.Values{}
	for _, q := range o.Questions {
		name := survey.FieldName(q)
		switch q.Kind {
		case survey.KindRating:
			form.Set(name, rating)
		case survey.KindPriority:
			form[name] = survey.DriverKeys(o.Questions)[:2]
		case survey.KindAllocation:
			form.Set(name+"-0", "60")
			form.Set(name+"-1", "40")
		case survey.KindFrequency:
			form.Set(name, "5") // daily
		case survey.KindNumber:
			form.Set(name, "3")
		case survey.KindText:
			form.Set(name, "More focus time, please.")
		}
	}
	return form
}

func TestSaveKeepsValidAnswers(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		o := w.openSnapshot(t)
		invs, _ := w.store.Invite(ctx, o.Snapshot.ID)
		form := answerForm(o, "4")
		var alloc, prio, num survey.Question
		for _, q := range o.Questions {
			switch q.Kind {
			case survey.KindAllocation:
				alloc = q
			case survey.KindPriority:
				prio = q
			case survey.KindNumber:
				num = q
			}
		}
		form.Set(survey.FieldName(alloc)+"-1", "30")                      // totals 90
		form[survey.FieldName(prio)] = survey.DriverKeys(o.Questions)[:4] // four picks
		form.Set(survey.FieldName(num), "99")                             // over 40
		errs, err := w.store.Save(ctx, invs[0], o, o.Questions, form)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range []survey.Question{alloc, prio, num} {
			if errs[survey.FieldName(q)] == "" {
				t.Errorf("no message for %s", q.Kind)
			}
		}
		got, _, _ := w.store.Answers(ctx, invs[0], o)
		if r := got[o.Questions[0].ID].Rating; r == nil || *r != 4 {
			t.Fatalf("valid rating not kept: %+v", got[o.Questions[0].ID])
		}
		if !got[alloc.ID].Empty() {
			t.Fatal("invalid allocation stored")
		}
	})
}

func TestSubmitIsIdempotentAndStampsSegments(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		o := w.openSnapshot(t)
		invs, _ := w.store.Invite(ctx, o.Snapshot.ID)
		inv, person := invs[0], w.people[0]
		// Required questions unanswered: messages, nothing submitted.
		errs, err := w.store.Submit(ctx, inv, o, person, false)
		if err != nil || len(errs) == 0 {
			t.Fatalf("empty submit: %v %v", errs, err)
		}
		if _, err := w.store.Save(ctx, inv, o, o.Questions, answerForm(o, "5")); err != nil {
			t.Fatal(err)
		}
		// A double click: two submits at once.
		var wg sync.WaitGroup
		for i := 0; i < 2; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if errs, err := w.store.Submit(ctx, inv, o, person, true); err != nil || len(errs) > 0 {
					t.Errorf("submit: %v %v", errs, err)
				}
			}()
		}
		wg.Wait()
		var rs []responses.Response
		db.Where("snapshot_id = ?", o.Snapshot.ID).Find(&rs)
		if len(rs) != 1 || !rs[0].Submitted {
			t.Fatalf("%d responses: %+v", len(rs), rs)
		}
		r := rs[0]
		if r.TeamID == nil || *r.TeamID != *person.TeamID || r.JobRole != "backend" || r.TenureBand != directory.Tenure2To5Years || r.WorkArrangement != directory.Remote || !r.ContactOK {
			t.Fatalf("segments %+v", r)
		}
		if r.SubmittedOn == nil || r.SubmittedOn.Hour() != 0 || r.SubmittedOn.Minute() != 0 {
			t.Fatalf("submitted_on %v is not a date", r.SubmittedOn)
		}
		var submitted bool
		db.Model(&responses.Invitation{}).Where("id = ?", inv.ID).Pluck("submitted", &submitted)
		if !submitted {
			t.Fatal("invitation not marked submitted")
		}
	})
}

// The database itself refuses to delete a question that has answers
// (PostgreSQL by a trigger, SQLite by the foreign key).
func TestAnsweredQuestionCannotBeDeleted(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		o := w.openSnapshot(t)
		invs, _ := w.store.Invite(ctx, o.Snapshot.ID)
		if _, err := w.store.Save(ctx, invs[0], o, o.Questions, answerForm(o, "4")); err != nil {
			t.Fatal(err)
		}
		var answered int64
		db.Raw("SELECT MIN(question_id) FROM answers").Scan(&answered)
		if err := db.Exec("DELETE FROM questions WHERE id = ?", answered).Error; err == nil {
			t.Fatalf("deleting answered question %d succeeded", answered)
		}
		var n int64
		db.Raw("SELECT COUNT(*) FROM answers WHERE question_id = ?", answered).Scan(&n)
		if n == 0 {
			t.Fatal("the answers went with the question")
		}
		// Without its answers, the question can go.
		if err := db.Exec("DELETE FROM answers WHERE question_id = ?", answered).Error; err != nil {
			t.Fatal(err)
		}
		if err := db.Exec("DELETE FROM questions WHERE id = ?", answered).Error; err != nil {
			t.Fatalf("deleting question %d without answers: %v", answered, err)
		}
	})
}

func TestClosedSnapshotRefusesAnswers(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		o := w.openSnapshot(t)
		invs, _ := w.store.Invite(ctx, o.Snapshot.ID)
		if err := w.surveys.Close(ctx, o.Snapshot.ID, "a"); err != nil {
			t.Fatal(err)
		}
		o, _ = w.surveys.Outline(ctx, o.Snapshot.ID)
		if _, err := w.store.Save(ctx, invs[0], o, o.Questions, answerForm(o, "3")); !errors.Is(err, responses.ErrClosed) {
			t.Fatalf("save after close: %v", err)
		}
	})
}

func TestParticipation(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		o := w.openSnapshot(t)
		invs, _ := w.store.Invite(ctx, o.Snapshot.ID)
		var platform responses.Invitation
		for _, inv := range invs {
			if *inv.TeamID == w.teams["Eng/Platform"].ID {
				platform = inv
			}
		}
		if _, err := w.store.Save(ctx, platform, o, o.Questions, answerForm(o, "4")); err != nil {
			t.Fatal(err)
		}
		var person directory.Person
		db.First(&person, platform.PersonID)
		if errs, err := w.store.Submit(ctx, platform, o, person, false); err != nil || len(errs) > 0 {
			t.Fatal(errs, err)
		}
		counts, err := w.store.Participation(ctx, o.Snapshot.ID)
		if err != nil {
			t.Fatal(err)
		}
		got := counts[w.teams["Eng/Platform"].ID]
		if got.Invited != 2 || got.Submitted != 1 || got.Rate() != 50 {
			t.Fatalf("platform %+v rate %d", got, got.Rate())
		}
		if apps := counts[w.teams["Eng/Apps"].ID]; apps.Invited != 2 || apps.Submitted != 0 || apps.Rate() != 0 {
			t.Fatalf("apps %+v", apps)
		}
		if (responses.Count{}).Rate() != -1 || (responses.Count{Invited: 3, Submitted: 2}).Rate() != 67 {
			t.Fatal("rate rounding")
		}
	})
}

// One request may carry the whole survey: saved and submitted at once, or
// nothing submitted when an answer is wrong or a required one is missing,
// counting answers saved earlier.
func TestSaveAndSubmit(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		w := newWorld(t, db)
		o := w.openSnapshot(t)
		invs, _ := w.store.Invite(ctx, o.Snapshot.ID)
		c := saveSubmitCase{ctx: ctx, db: db, w: w, o: o, invs: invs, person: w.people[0]}
		for _, q := range o.Questions {
			if q.Required {
				c.required = q
				break
			}
		}
		t.Run("everything at once", c.everythingAtOnce)
		t.Run("a wrong answer submits nothing", c.wrongAnswerSubmitsNothing)
		t.Run("earlier answers count, missing ones do not", c.earlierAnswersCount)
	})
}

// saveSubmitCase is TestSaveAndSubmit's open snapshot, with an invitation
// per subtest and a required question.
type saveSubmitCase struct {
	ctx      context.Context
	db       *gorm.DB
	w        *world
	o        survey.Outline
	invs     []responses.Invitation
	person   directory.Person
	required survey.Question
}

func (c saveSubmitCase) submitted(inv responses.Invitation) bool {
	var r responses.Response
	c.db.Where("invitation_id = ?", inv.ID).Limit(1).Find(&r)
	return r.Submitted
}

// everythingAtOnce: a double click submits once, and a second submit later
// keeps the segments of the first.
func (c saveSubmitCase) everythingAtOnce(t *testing.T) {
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ { // a double click
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := c.w.store.SaveAndSubmit(c.ctx, c.invs[0], c.o, c.o.Questions, answerForm(c.o, "4"), c.person, true)
			if err != nil || len(res.Invalid)+len(res.Missing) > 0 {
				t.Errorf("%+v %v", res, err)
			}
		}()
	}
	wg.Wait()
	got, r, _ := c.w.store.Answers(c.ctx, c.invs[0], c.o)
	if !r.Submitted || !r.ContactOK || len(got) != len(c.o.Questions) || r.JobRole != "backend" ||
		r.TeamID == nil || *r.TeamID != *c.person.TeamID || r.SubmittedOn == nil || r.SubmittedOn.Hour() != 0 {
		t.Fatalf("response %+v with %d answers", r, len(got))
	}
	// Submitting again later keeps the segments of the first time.
	moved := c.person
	moved.JobRole, moved.Location = "SRE", "Lisbon"
	res, err := c.w.store.SaveAndSubmit(c.ctx, c.invs[0], c.o, c.o.Questions, answerForm(c.o, "2"), moved, false)
	if err != nil || len(res.Invalid)+len(res.Missing) > 0 {
		t.Fatalf("%+v %v", res, err)
	}
	got, r, _ = c.w.store.Answers(c.ctx, c.invs[0], c.o)
	if r.JobRole != "backend" || r.Location != "Berlin" || r.ContactOK || *got[c.o.Questions[0].ID].Rating != 2 {
		t.Fatalf("after a second submit: %+v", r)
	}
	var n int64
	c.db.Model(&responses.Response{}).Where("invitation_id = ?", c.invs[0].ID).Count(&n)
	if n != 1 {
		t.Fatalf("%d responses", n)
	}
}

func (c saveSubmitCase) wrongAnswerSubmitsNothing(t *testing.T) {
	form := answerForm(c.o, "4")
	form.Set(survey.FieldName(c.required), "9")
	res, err := c.w.store.SaveAndSubmit(c.ctx, c.invs[1], c.o, c.o.Questions, form, c.person, false)
	if err != nil || res.Invalid[survey.FieldName(c.required)] == "" || c.submitted(c.invs[1]) {
		t.Fatalf("%+v %v", res, err)
	}
}

func (c saveSubmitCase) earlierAnswersCount(t *testing.T) {
	rest := make([]survey.Question, 0, len(c.o.Questions))
	for _, q := range c.o.Questions {
		if q.ID != c.required.ID {
			rest = append(rest, q)
		}
	}
	res, err := c.w.store.SaveAndSubmit(c.ctx, c.invs[2], c.o, rest, answerForm(c.o, "3"), c.person, false)
	if err != nil || len(res.Missing) != 1 || res.Missing[survey.FieldName(c.required)] == "" || c.submitted(c.invs[2]) {
		t.Fatalf("%+v %v", res, err)
	}
	if _, err := c.w.store.Save(c.ctx, c.invs[2], c.o, []survey.Question{c.required}, answerForm(c.o, "2")); err != nil {
		t.Fatal(err)
	}
	res, err = c.w.store.SaveAndSubmit(c.ctx, c.invs[2], c.o, nil, nil, c.person, false)
	if err != nil || len(res.Missing)+len(res.Invalid) > 0 || !c.submitted(c.invs[2]) {
		t.Fatalf("%+v %v", res, err)
	}
	// Clearing a required answer of a submitted response, in a
	// submit or a plain save, is refused and the answer kept: a
	// submitted response never lacks a required answer.
	form := answerForm(c.o, "3")
	form.Del(survey.FieldName(c.required))
	res, err = c.w.store.SaveAndSubmit(c.ctx, c.invs[2], c.o, c.o.Questions, form, c.person, false)
	if err != nil || !strings.Contains(res.Invalid[survey.FieldName(c.required)], "answer was kept") {
		t.Fatalf("%+v %v", res, err)
	}
	invalid, err := c.w.store.Save(c.ctx, c.invs[2], c.o, c.o.Questions, url.Values{})
	if err != nil || !strings.Contains(invalid[survey.FieldName(c.required)], "answer was kept") {
		t.Fatalf("empty save: %+v %v", invalid, err)
	}
	got, r, _ := c.w.store.Answers(c.ctx, c.invs[2], c.o)
	if !r.Submitted || got[c.required.ID].Rating == nil || *got[c.required.ID].Rating != 2 {
		t.Fatalf("after clearing attempts: submitted %v, answer %+v", r.Submitted, got[c.required.ID])
	}
}
