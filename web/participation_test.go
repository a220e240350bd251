package web

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/devpulse/devpulse/internal/responses"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testdb"
)

func TestParticipationPage(t *testing.T) {
	db := testdb.SQLite(t)
	s := newTestServer(t, db, "http://localhost")
	f := newFixture(t, db)
	now := time.Now().UTC()
	snap := survey.Snapshot{Title: "2026 Q4", State: survey.Open, TimeZone: "UTC", AudienceAll: true, CreatedBy: "t", CreatedAt: now, UpdatedAt: now}
	if err := db.Create(&snap).Error; err != nil {
		t.Fatal(err)
	}
	// Team A: 4 invited, 3 submitted. Team B: 1 invited, none submitted.
	invite := func(who persona, team int64, submitted bool) {
		inv := responses.Invitation{SnapshotID: snap.ID, PersonID: f.people[who], TeamID: &team, CreatedAt: now, Submitted: submitted}
		if err := db.Create(&inv).Error; err != nil {
			t.Fatal(err)
		}
	}
	invite(respondent, f.teamA.ID, true)
	invite(leadA, f.teamA.ID, true)
	invite(leadB, f.teamA.ID, true)
	invite(executive, f.teamA.ID, false)
	invite(admin, f.teamB.ID, false)
	rec := f.request(t, s, http.MethodGet, "/participation", admin)
	body := rec.Body.String()
	if rec.Code != http.StatusOK || !strings.Contains(body, "3</strong> of 5 invited") {
		t.Fatalf("admin page: %d\n%s", rec.Code, body)
	}
	rec = f.request(t, s, http.MethodGet, "/participation", leadB)
	body = rec.Body.String()
	if strings.Contains(body, ">A<") || !strings.Contains(body, ">B<") || !strings.Contains(body, "0</strong> of 1 invited") {
		t.Fatalf("lead of B sees more than B:\n%s", body)
	}
}
