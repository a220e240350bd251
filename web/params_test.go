package web

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testdb"
)

// TestIDRule checks the one rule for ids in requests (web/params.go) and
// that domain "not found" errors reach people as 404 without a handler
// mapping them.
func TestIDRule(t *testing.T) {
	db := testdb.SQLite(t)
	s := newTestServer(t, db, "http://localhost")
	f := newFixture(t, db)
	now := time.Now().UTC()
	snap := survey.Snapshot{Title: "2026 Q4", State: survey.Open, TimeZone: "UTC", AudienceAll: true, CreatedBy: "t", CreatedAt: now, UpdatedAt: now}
	if err := db.Create(&snap).Error; err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path   string
		status int
		says   string
	}{
		{"/admin/snapshots/abc", http.StatusNotFound, "Page not found"},
		{"/admin/snapshots/0", http.StatusNotFound, "Page not found"},
		{"/admin/snapshots/99999", http.StatusNotFound, "Page not found"},
		{"/admin/people/-3", http.StatusNotFound, "Page not found"},
		{"/admin/people/99999", http.StatusNotFound, "Page not found"},
		{"/admin/drivers/99999", http.StatusNotFound, "Page not found"},
		{"/participation?snapshot=abc", http.StatusBadRequest, "snapshot must be a snapshot number"},
		{"/participation?snapshot=99999", http.StatusNotFound, "Page not found"},
		{"/admin/invitations?snapshot=x", http.StatusBadRequest, "snapshot must be a snapshot number"},
		{"/admin/invitations?snapshot=99999", http.StatusNotFound, "Page not found"},
		{"/org?compare=-1", http.StatusBadRequest, "compare must be a snapshot number"},
		{"/participation", http.StatusOK, ""},
	} {
		rec := f.request(t, s, http.MethodGet, tc.path, admin)
		if rec.Code != tc.status || !strings.Contains(rec.Body.String(), tc.says) {
			t.Errorf("GET %s: %d, want %d saying %q", tc.path, rec.Code, tc.status, tc.says)
		}
	}
	// Actions on something that is not there: the domain's "not found" is
	// a 404 without the handler mapping it.
	for _, path := range []string{
		"/admin/invitations/99999/retry", "/admin/invitations/abc/retry", "/admin/tokens/99999/revoke",
		fmt.Sprintf("/admin/people/%d/grants/99999/delete", f.people[respondent]),
		fmt.Sprintf("/admin/snapshots/%d/announcements/99999/retry", snap.ID),
	} {
		if rec := f.request(t, s, http.MethodPost, path, admin); rec.Code != http.StatusNotFound {
			t.Errorf("POST %s: %d, want 404", path, rec.Code)
		}
	}
}

// A validation error a handler does not show beside a form field is a 422
// with its message.
func TestValidationErrorIs422(t *testing.T) {
	db := testdb.SQLite(t)
	s := newTestServer(t, db, "http://localhost")
	f := newFixture(t, db)
	rec := f.formRequest(t, s, http.MethodPost, "/me/channel", respondent, map[string][]string{"channel": {"pigeon"}})
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "Choose email, Slack, or whatever works.") {
		t.Fatalf("bad channel: %d\n%s", rec.Code, rec.Body)
	}
}
