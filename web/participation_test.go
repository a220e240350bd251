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
	// While open: the whole (5 invited, 3 submitted) in a band, no group
	// under k with a figure, no exact count anywhere.
	rec := f.request(t, s, http.MethodGet, "/participation", admin)
	body := rec.Body.String()
	if rec.Code != http.StatusOK || !strings.Contains(body, `<p class="big-number">60–70%</p>`) ||
		strings.Count(body, "fewer than 5 invited: not shown while open") != 3 || strings.Contains(body, "3</strong>") {
		t.Fatalf("admin page: %d\n%s", rec.Code, body)
	}
	rec = f.request(t, s, http.MethodGet, "/participation", leadB)
	body = rec.Body.String()
	if strings.Contains(body, ">A<") || !strings.Contains(body, ">B<") || !strings.Contains(body, "fewer than 5 invited") || strings.Contains(body, "0</strong> of 1") {
		t.Fatalf("lead of B sees more than B, or an exact count:\n%s", body)
	}
	// Once closed, the exact counts.
	if err := db.Model(&snap).Update("state", survey.Closed).Error; err != nil {
		t.Fatal(err)
	}
	rec = f.request(t, s, http.MethodGet, "/participation", admin)
	if body := rec.Body.String(); !strings.Contains(body, "3</strong> of 5 invited") {
		t.Fatalf("closed: admin page:\n%s", body)
	}
}
