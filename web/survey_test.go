package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/responses"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testdb"
)

// A person whom no question is asked of gets a page saying so, not an error;
// an unknown token gets a 404 that reveals nothing.
func TestSurveyEdges(t *testing.T) {
	db := testdb.SQLite(t)
	s := newTestServer(t, db, "http://localhost")
	f := newFixture(t, db)
	ctx := context.Background()
	store := survey.NewStore(db, testQueue(t, db))
	snap, err := store.CreateSnapshot(ctx, survey.NewSnapshot{Title: "Pilot", Start: survey.StartBlank, TimeZone: "UTC"}, "a")
	if err != nil {
		t.Fatal(err)
	}
	sec, _ := store.AddSection(ctx, snap.ID, "Only SREs", "a")
	q := survey.Question{SnapshotID: snap.ID, SectionID: sec.ID, Kind: survey.KindRating, Prompt: "On-call is fair.", AudienceRoles: "SRE"}
	if err := store.SaveQuestion(ctx, &q, "a"); err != nil {
		t.Fatal(err)
	}
	opens, closes := time.Now().Add(time.Hour), time.Now().Add(48*time.Hour)
	if err := store.UpdateSettings(ctx, snap.ID, survey.Settings{Title: "Pilot", TimeZone: "UTC", OpensAt: &opens, ClosesAt: &closes, AudienceAll: true}, "a"); err != nil {
		t.Fatal(err)
	}
	if err := store.Schedule(ctx, snap.ID, "a"); err != nil {
		t.Fatal(err)
	}
	if err := store.OpenNow(ctx, snap.ID, "a"); err != nil {
		t.Fatal(err)
	}
	rs := responses.NewStore(db)
	invs, err := rs.Invite(ctx, snap.ID)
	if err != nil || len(invs) == 0 {
		t.Fatal(err)
	}
	token, _ := rs.IssueToken(ctx, invs[0].ID)
	for _, method := range []string{http.MethodGet, http.MethodPost} {
		req := httptest.NewRequest(method, "/s/"+token, strings.NewReader("section=1&_csrf=x"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.AddCookie(&http.Cookie{Name: "devpulse_csrf", Value: "x"})
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, req)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "no questions for your role") {
			t.Fatalf("%s: %d\n%s", method, rec.Code, rec.Body)
		}
	}
	rec := f.request(t, s, http.MethodGet, "/s/not-a-token", anonymous)
	if rec.Code != http.StatusNotFound || strings.Contains(rec.Body.String(), "Pilot") {
		t.Fatalf("unknown token: %d", rec.Code)
	}
}

// openLinkSurvey opens a template snapshot for one invited backend engineer
// and returns the personal link's token and the outline.
func openLinkSurvey(t testing.TB, db *gorm.DB) (string, survey.Outline) {
	t.Helper()
	ctx := context.Background()
	team, _ := directory.EnsureTeam(ctx, db, "Eng")
	p := directory.Person{Email: "r@example.com", Name: "R", TeamID: &team.ID, JobRole: "backend", Active: true, CreatedAt: time.Now(), UpdatedAt: time.Now()}
	if err := directory.NewStore(db).CreatePerson(ctx, &p); err != nil {
		t.Fatal(err)
	}
	store := survey.NewStore(db, testQueue(t, db))
	snap, err := store.CreateSnapshot(ctx, survey.NewSnapshot{Title: "Q4", Start: survey.StartTemplate, TimeZone: "UTC"}, "a")
	if err != nil {
		t.Fatal(err)
	}
	opens, closes := time.Now().Add(time.Hour), time.Now().Add(48*time.Hour)
	if err := store.UpdateSettings(ctx, snap.ID, survey.Settings{Title: "Q4", TimeZone: "UTC", OpensAt: &opens, ClosesAt: &closes, AudienceAll: true}, "a"); err != nil {
		t.Fatal(err)
	}
	if err := store.Schedule(ctx, snap.ID, "a"); err != nil {
		t.Fatal(err)
	}
	if err := store.OpenNow(ctx, snap.ID, "a"); err != nil {
		t.Fatal(err)
	}
	rs := responses.NewStore(db)
	invs, err := rs.Invite(ctx, snap.ID)
	if err != nil || len(invs) != 1 {
		t.Fatal(err, len(invs))
	}
	token, _ := rs.IssueToken(ctx, invs[0].ID)
	o, _ := store.Outline(ctx, snap.ID)
	return token, o
}

// wholeSurvey answers every question of the outline.
func wholeSurvey(o survey.Outline) url.Values {
	form := url.Values{}
	for _, q := range o.Questions {
		name := survey.FieldName(q)
		switch q.Kind {
		case survey.KindRating, survey.KindFrequency, survey.KindNumber:
			form.Set(name, "3")
		case survey.KindPriority:
			form[name] = survey.DriverKeys(o.Questions)[:2]
		case survey.KindAllocation:
			form.Set(name+"-0", "60")
			form.Set(name+"-1", "40")
		case survey.KindText:
			form.Set(name, "More focus time.")
		case survey.KindSingle, survey.KindMulti:
			form.Set(name, q.Config.Choices[0])
		}
	}
	return form
}

func postForm(t testing.TB, s *Server, path string, form url.Values) *httptest.ResponseRecorder {
	t.Helper()
	form.Set("_csrf", "x")
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(&http.Cookie{Name: "devpulse_csrf", Value: "x"})
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	return rec
}

// The whole survey may come in one request: a plain POST with every field
// saves and submits, then a small thank-you page follows. A wrong answer
// in another section shows that section; answers of other sections are
// left alone when their fields are not sent.
func TestSurveyInOneRequest(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s := newTestServer(t, db, "http://localhost")
		token, o := openLinkSurvey(t, db)
		link := "/s/" + token
		stored := func() (n int64, submitted bool) {
			db.Table("answers").Distinct("question_id").Count(&n)
			db.Table("responses").Select("submitted").Limit(1).Scan(&submitted)
			return n, submitted
		}
		var alloc survey.Question
		for _, q := range o.Questions {
			if q.Kind == survey.KindAllocation {
				alloc = q
			}
		}

		form := wholeSurvey(o)
		form.Set(survey.FieldName(alloc)+"-1", "30") // adds up to 90
		form.Set("section", "1")
		form.Set("go", "next")
		rec := postForm(t, s, link, form)
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(testText(rec.Body.String(), "question-error"), "add up to 90") {
			t.Fatalf("wrong allocation: %d %s", rec.Code, testText(rec.Body.String(), "question-error"))
		}
		if got := testText(rec.Body.String(), "survey-section-title"); got != o.Sections[2].Title {
			t.Fatalf("shown section %q, want %q", got, o.Sections[2].Title)
		}
		if n, submitted := stored(); n != int64(len(o.Questions)-1) || submitted {
			t.Fatalf("%d answers stored (submitted %v), want all but the allocation", n, submitted)
		}

		// A section's own POST leaves the other sections' answers alone (and
		// clears its own questions left empty, as before).
		rec = postForm(t, s, link, url.Values{"section": {"1"}, "go": {"next"}, survey.FieldName(o.Questions[0]): {"5"}})
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("section 1: %d", rec.Code)
		}
		cleared := len(o.InSection(o.Sections[0].ID)) - 1
		if n, _ := stored(); n != int64(len(o.Questions)-1-cleared) {
			t.Fatalf("%d answers after saving section 1", n)
		}

		form = wholeSurvey(o)
		form.Set("go", "submit")
		for i := 0; i < 2; i++ { // a double submit stores one response
			rec = postForm(t, s, link, form)
			if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != link+"?done=1" {
				t.Fatalf("submit: %d %q %s", rec.Code, rec.Header().Get("Location"), testText(rec.Body.String(), "question-error"))
			}
		}
		if n, submitted := stored(); n != int64(len(o.Questions)) || !submitted {
			t.Fatalf("%d answers stored (submitted %v)", n, submitted)
		}
		var responses int64
		db.Table("responses").Count(&responses)
		if responses != 1 {
			t.Fatalf("%d responses", responses)
		}
		if rec := get(t, s.Handler(), link+"?done=1"); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `data-testid="survey-done"`) {
			t.Fatalf("thank-you page: %d", rec.Code)
		}
	})
}
