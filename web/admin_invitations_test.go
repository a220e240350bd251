package web

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/devpulse/devpulse/internal/responses"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testdb"
)

func TestInvitationFailuresAndRetry(t *testing.T) {
	db := testdb.SQLite(t)
	s := newTestServer(t, db, "http://localhost")
	f := newFixture(t, db)
	now := time.Now().UTC()
	snap := survey.Snapshot{Title: "2026 Q4", State: survey.Open, TimeZone: "UTC", AudienceAll: true, CreatedBy: "t", CreatedAt: now, UpdatedAt: now}
	db.Create(&snap)
	ok := responses.Invitation{SnapshotID: snap.ID, PersonID: f.people[leadA], CreatedAt: now, SentAt: &now, Channel: "email"}
	failed := responses.Invitation{SnapshotID: snap.ID, PersonID: f.people[respondent], CreatedAt: now, SendError: "notify: send mail: 550 mailbox unavailable"}
	db.Create(&ok)
	db.Create(&failed)

	rec := f.request(t, s, http.MethodGet, "/admin/invitations", admin)
	body := rec.Body.String()
	if rec.Code != http.StatusOK || !strings.Contains(body, "550 mailbox unavailable") || !strings.Contains(body, "respondent@example.com") {
		t.Fatalf("page: %d\n%s", rec.Code, body)
	}
	rec = f.request(t, s, http.MethodPost, fmt.Sprintf("/admin/invitations/%d/retry", failed.ID), admin)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("retry: %d", rec.Code)
	}
	var jobs int64
	db.Table("river_job").Where("kind = ?", "invitation_send").Count(&jobs)
	if jobs != 1 {
		t.Fatalf("%d send jobs queued, want 1", jobs)
	}
	var actions int64
	db.Table("audit_events").Where("action = ?", "invitation.retry").Count(&actions)
	if actions != 1 {
		t.Fatal("retry not audited")
	}
}
