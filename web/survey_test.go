package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

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
