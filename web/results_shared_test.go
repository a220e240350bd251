package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/results/resultstest"
	"github.com/devpulse/devpulse/internal/testdb"
)

// sharedWorld: the fixture's five people and one more in Eng/A, five in
// Eng/B, everyone answering; one of A's people leaves a comment and agrees
// to be contacted.
func sharedWorld(t *testing.T, db *gorm.DB) (*fixture, *resultstest.World) {
	t.Helper()
	f := newFixture(t, db)
	w := resultstest.New(t, db, 5)
	w.Add(t, "Eng/A", 1, "backend", directory.Remote)
	w.Add(t, "Eng/B", 5, "frontend", directory.Hybrid)
	return f, w
}

func snapshotAnswers(rating int) func(p directory.Person) *resultstest.Answers {
	return func(p directory.Person) *resultstest.Answers {
		a := &resultstest.Answers{Ratings: map[string]int{"local_env": rating}}
		if p.Email == "person1@example.com" {
			a.Comment, a.Contact = "Builds are slow on Mondays", true
		}
		return a
	}
}

func TestRespondentsReadSharedResults(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s := newTestServer(t, db, "http://localhost")
		f, w := sharedWorld(t, db)
		page := func(path string, who persona) (int, string) {
			rec := f.formRequest(t, s, http.MethodGet, path, who, nil)
			return rec.Code, rec.Body.String()
		}
		// Nothing closed yet: no results on the home page.
		if _, body := page("/", respondent); strings.Contains(body, `data-testid="home-results"`) {
			t.Fatal("home shows results before any snapshot closed")
		}
		q1 := w.Snapshot(t, "2026 Q1", snapshotAnswers(4)).Snapshot
		checkRespondentViews(t, f, page, "2026 Q1")

		// The next snapshot's results are held until published.
		q2 := w.Snapshot(t, "2026 Q2", snapshotAnswers(2)).Snapshot
		rec := f.formRequest(t, s, http.MethodPost, fmt.Sprintf("/admin/snapshots/%d/sharing", q2.ID), admin, url.Values{"hold": {"true"}})
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("hold: %d", rec.Code)
		}
		if e := lastAudit(t, db); e.Action != "snapshot.hold_results" || e.Actor != "admin@example.com" {
			t.Errorf("audit %+v", e)
		}
		checkRespondentViews(t, f, page, "2026 Q1")
		if _, body := page("/org", respondent); strings.Contains(body, "2026 Q2") {
			t.Error("a respondent's org page names the held snapshot")
		}
		if code, _ := page(fmt.Sprintf("/teams/%d?snapshot=%d", f.teamA.ID, q2.ID), respondent); code != http.StatusNotFound {
			t.Errorf("respondent asking for the held snapshot: %d", code)
		}
		if _, body := page("/org", executive); !strings.Contains(body, "2026 Q2") {
			t.Error("the executive does not see the held snapshot")
		}
		if _, body := page(fmt.Sprintf("/teams/%d?snapshot=%d", f.teamA.ID, q1.ID), leadA); !strings.Contains(body, "2026 Q2") {
			t.Error("the lead's snapshot list leaves out the held snapshot")
		}

		// Published: shared with everyone, and no longer held back.
		if err := w.Surveys.Publish(context.Background(), q2.ID, "test"); err != nil {
			t.Fatal(err)
		}
		checkRespondentViews(t, f, page, "2026 Q2")
		rec = f.formRequest(t, s, http.MethodPost, fmt.Sprintf("/admin/snapshots/%d/sharing", q2.ID), admin, url.Values{"hold": {"true"}})
		if snap, err := w.Surveys.Snapshot(context.Background(), q2.ID); rec.Code != http.StatusSeeOther || err != nil || !snap.SharedWithRespondents() {
			t.Errorf("holding a published snapshot: %d, %+v %v", rec.Code, snap, err)
		}
		if e := lastAudit(t, db); e.Action != "snapshot.published" {
			t.Errorf("holding a published snapshot was recorded: %+v", e)
		}
		rec = f.formRequest(t, s, http.MethodPost, fmt.Sprintf("/admin/snapshots/%d/sharing", q1.ID), admin, url.Values{"hold": {"maybe"}})
		if snap, err := w.Surveys.Snapshot(context.Background(), q1.ID); rec.Code != http.StatusSeeOther || err != nil || snap.HoldResults {
			t.Errorf("bad hold value: %d, %+v %v", rec.Code, snap, err)
		}
	})
}

// checkRespondentViews: the respondent (in Eng/A) reads the organisation,
// Eng/A and Eng for the latest shared snapshot, read-only, without comment
// authors' names, and nothing of Eng/B or the executive pages.
func checkRespondentViews(t *testing.T, f *fixture, page func(string, persona) (int, string), title string) {
	t.Helper()
	_, home := page("/", respondent)
	if got, _ := testID(home, "home-results-org"); got != "The organisation" || !strings.Contains(home, "Results: "+title) {
		t.Errorf("home results: %q, title %s shown %v", got, title, strings.Contains(home, "Results: "+title))
	}
	for _, link := range []string{fmt.Sprintf(`href="/teams/%d"`, f.teamA.ID), fmt.Sprintf(`href="/teams/%d"`, *f.teamA.ParentID)} {
		if !strings.Contains(home, link) {
			t.Errorf("home does not link %s", link)
		}
	}
	code, body := page(fmt.Sprintf("/teams/%d", f.teamA.ID), respondent)
	if code != http.StatusOK || !strings.Contains(body, title) || !strings.Contains(body, "Builds are slow on Mondays") {
		t.Errorf("respondent on Eng/A: %d, %s shown %v", code, title, strings.Contains(body, title))
	}
	if strings.Contains(body, `data-testid="team-exports"`) || strings.Contains(body, `data-testid="comment-author"`) || strings.Contains(body, "person1@example.com") {
		t.Error("a respondent's dashboard offers exports or names a comment's author")
	}
	if _, lead := page(fmt.Sprintf("/teams/%d", f.teamA.ID), leadA); !strings.Contains(lead, `data-testid="comment-author"`) {
		t.Error("the lead no longer sees who agreed to be contacted")
	}
	if code, _ := page(fmt.Sprintf("/teams/%d", *f.teamA.ParentID), respondent); code != http.StatusOK {
		t.Errorf("respondent on Eng: %d", code)
	}
	if code, _ := page(fmt.Sprintf("/teams/%d", f.teamB.ID), respondent); code != http.StatusForbidden {
		t.Errorf("respondent on Eng/B: %d", code)
	}
	code, body = page("/org", respondent)
	if code != http.StatusOK || !strings.Contains(body, title) || strings.Contains(body, `data-testid="readout-link"`) {
		t.Errorf("respondent on /org: %d, readout link %v", code, strings.Contains(body, `data-testid="readout-link"`))
	}
	if code, _ := page("/org/readout", respondent); code != http.StatusForbidden {
		t.Errorf("respondent on the readout: %d", code)
	}
}
