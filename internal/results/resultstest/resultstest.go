// Package resultstest builds closed snapshots with known answers for
// tests, through the real stores: people answer and submit as they would
// through their links, the snapshot closes, and its results are
// materialised.
package resultstest

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/jobs"
	"github.com/devpulse/devpulse/internal/responses"
	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/internal/survey"
)

// World is an organisation with stores over one database.
type World struct {
	DB        *gorm.DB
	Dir       *directory.Store
	Surveys   *survey.Store
	Responses *responses.Store
	Results   *results.Store
	Teams     map[string]directory.Team
	seq       int
}

// New returns an empty world with minimum group size k.
func New(t testing.TB, db *gorm.DB, k int) *World {
	t.Helper()
	q, err := jobs.New(db, nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	w := &World{DB: db, Dir: directory.NewStore(db), Surveys: survey.NewStore(db, q), Responses: responses.NewStore(db), Teams: map[string]directory.Team{}}
	if w.Results, err = results.New(db, w.Dir, w.Surveys, k); err != nil {
		t.Fatal(err)
	}
	return w
}

// Add creates n people in the team at path (created with its parents when
// new), with the given role and work arrangement, and returns them.
func (w *World) Add(t testing.TB, path string, n int, role, arrangement string) []directory.Person {
	t.Helper()
	ctx := context.Background()
	team, err := directory.EnsureTeam(ctx, w.DB, path)
	if err != nil {
		t.Fatal(err)
	}
	w.Teams[path] = team
	start := time.Now().AddDate(-3, 0, 0)
	var out []directory.Person
	for range n {
		w.seq++
		p := directory.Person{Email: fmt.Sprintf("person%d@example.com", w.seq), Name: fmt.Sprintf("Person %d", w.seq), TeamID: &team.ID,
			JobRole: role, WorkArrangement: arrangement, Level: "L3", Location: "Berlin", StartDate: &start,
			Active: true, CreatedAt: time.Now(), UpdatedAt: time.Now()}
		if err := w.Dir.CreatePerson(ctx, &p); err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	parts := strings.Split(path, "/")
	for i := range parts {
		p := strings.Join(parts[:i+1], "/")
		if _, ok := w.Teams[p]; !ok {
			if w.Teams[p], err = w.Dir.TeamByPath(ctx, p); err != nil {
				t.Fatal(err)
			}
		}
	}
	return out
}

// Answers says what one person answers: nil when they do not submit.
// Rating gives a question's rating by key (0 = not applicable, -1 = no
// answer; questions without an entry get 3). Picks are driver keys.
type Answers struct {
	Ratings map[string]int
	// NPS gives a net promoter question's answer, 0 to 10, by key;
	// questions without an entry are left unanswered.
	NPS map[string]int
	// Form gives any question's form values by key, as posted: it
	// overrides what the fields above would send; an empty list leaves
	// the question unanswered.
	Form  map[string][]string
	Picks []string
	Hours float64
	// AIFrequency is the index of the AI-assistant frequency answer (0
	// never .. 5 daily); nil answers "several times a week".
	AIFrequency *int
	// Allocation gives the percentages of the time question's categories
	// in order; nil answers 60% new features and 40% bugs.
	Allocation []int
	Comment    string
	Contact    bool
}

// Snapshot runs a whole template snapshot: it opens, everyone active is
// invited, the people answer says submit, it closes and its results are
// materialised.
func (w *World) Snapshot(t testing.TB, title string, answer func(p directory.Person) *Answers) survey.Outline {
	t.Helper()
	return w.SnapshotWith(t, title, nil, answer)
}

// SnapshotWith is Snapshot with extra questions added to the template's
// last section before it opens.
func (w *World) SnapshotWith(t testing.TB, title string, extra []survey.Question, answer func(p directory.Person) *Answers) survey.Outline {
	t.Helper()
	o, invs := w.Open(t, title, extra)
	return w.AnswerAndClose(t, o, invs, answer)
}

// Open creates a template snapshot with the extra questions, opens it
// and invites everyone active: a survey people can answer now.
func (w *World) Open(t testing.TB, title string, extra []survey.Question) (survey.Outline, []responses.Invitation) {
	t.Helper()
	ctx := context.Background()
	snap, err := w.Surveys.CreateSnapshot(ctx, survey.NewSnapshot{Title: title, Start: survey.StartTemplate, TimeZone: "UTC"}, "test")
	if err != nil {
		t.Fatal(err)
	}
	if len(extra) > 0 {
		o, err := w.Surveys.Outline(ctx, snap.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range extra {
			q.SnapshotID, q.SectionID = snap.ID, o.Sections[len(o.Sections)-1].ID
			if err := w.Surveys.SaveQuestion(ctx, &q, "test"); err != nil {
				t.Fatal(err)
			}
		}
	}
	opens, closes := time.Now().Add(time.Hour), time.Now().Add(48*time.Hour)
	st := survey.Settings{Title: title, TimeZone: "UTC", OpensAt: &opens, ClosesAt: &closes, AudienceAll: true}
	if err := w.Surveys.UpdateSettings(ctx, snap.ID, st, "test"); err != nil {
		t.Fatal(err)
	}
	if err := w.Surveys.Schedule(ctx, snap.ID, "test"); err != nil {
		t.Fatal(err)
	}
	if err := w.Surveys.OpenNow(ctx, snap.ID, "test"); err != nil {
		t.Fatal(err)
	}
	o, err := w.Surveys.Outline(ctx, snap.ID)
	if err != nil {
		t.Fatal(err)
	}
	invs, err := w.Responses.Invite(ctx, snap.ID)
	if err != nil {
		t.Fatal(err)
	}
	return o, invs
}

// AnswerAndClose has the invited people of an open snapshot answer as
// answer says (nil: they do not), then closes it and materialises its
// results.
func (w *World) AnswerAndClose(t testing.TB, o survey.Outline, invs []responses.Invitation, answer func(p directory.Person) *Answers) survey.Outline {
	t.Helper()
	ctx := context.Background()
	snap := o.Snapshot
	for _, inv := range invs {
		p, err := w.Dir.Person(ctx, inv.PersonID)
		if err != nil {
			t.Fatal(err)
		}
		a := answer(p)
		if a == nil {
			continue
		}
		if errs, err := w.Responses.Save(ctx, inv, o, o.Questions, Form(o, *a)); err != nil || len(errs) > 0 {
			t.Fatalf("save: %v %v", errs, err)
		}
		if errs, err := w.Responses.Submit(ctx, inv, o, p, a.Contact); err != nil || len(errs) > 0 {
			t.Fatalf("submit: %v %v", errs, err)
		}
	}
	if err := w.Surveys.Close(ctx, snap.ID, "test"); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Results.Materialise(ctx, snap.ID, "test"); err != nil {
		t.Fatal(err)
	}
	o, err := w.Surveys.Outline(ctx, snap.ID)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// Form is the survey form a person with these answers posts.
func Form(o survey.Outline, a Answers) url.Values {
	form := url.Values{}
	for _, q := range o.Questions {
		name := survey.FieldName(q)
		if v, ok := a.Form[q.Key]; ok {
			if len(v) > 0 {
				form[name] = v
			}
			continue
		}
		switch q.Kind {
		case survey.KindRating:
			r, ok := a.Ratings[q.Key]
			if !ok {
				r = 3
			}
			if r >= 0 {
				form.Set(name, strconv.Itoa(r))
			}
		case survey.KindPriority:
			form[name] = a.Picks
			if len(a.Picks) == 0 {
				form[name] = survey.DriverKeys(o.Questions)[:1]
			}
		case survey.KindAllocation:
			alloc := a.Allocation
			if alloc == nil {
				alloc = []int{60, 40}
			}
			for i, pct := range alloc {
				form.Set(fmt.Sprintf("%s-%d", name, i), strconv.Itoa(pct))
			}
		case survey.KindFrequency:
			form.Set(name, "4")
			if a.AIFrequency != nil {
				form.Set(name, strconv.Itoa(*a.AIFrequency))
			}
		case survey.KindNumber:
			form.Set(name, strconv.FormatFloat(a.Hours, 'f', -1, 64))
		case survey.KindText:
			if a.Comment != "" {
				form.Set(name, a.Comment)
			}
		case survey.KindNPS:
			if n, ok := a.NPS[q.Key]; ok {
				form.Set(name, strconv.Itoa(n))
			}
		}
	}
	return form
}
