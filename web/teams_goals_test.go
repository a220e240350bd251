package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/goals"
	"github.com/devpulse/devpulse/internal/results/resultstest"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testdb"
)

func TestLeadSetsTeamGoals(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s := newTestServer(t, db, "http://localhost")
		f, w := sharedWorld(t, db)
		path := fmt.Sprintf("/teams/%d", f.teamA.ID)
		post := func(who persona, form url.Values) (int, string) {
			rec := f.formRequest(t, s, http.MethodPost, path+"/goals", who, form)
			return rec.Code, rec.Body.String()
		}
		goal := url.Values{"driver": {"local_env"}, "kind": {"score"}, "target": {"70"}, "reason": {"Setting up takes a day"}}
		if code, _ := post(leadA, goal); code != http.StatusNotFound {
			t.Errorf("goal before any snapshot closed: %d", code)
		}
		q1 := w.Snapshot(t, "2026 Q1", snapshotAnswers(2)).Snapshot

		bad := url.Values{"driver": {"local_env"}, "kind": {"score"}, "target": {"lots"}, "reason": {""}}
		code, body := post(leadA, bad)
		if msg, _ := testID(body, "error-target"); code != http.StatusUnprocessableEntity || msg != "Enter a whole number, for example 70." {
			t.Errorf("bad target: %d %q", code, msg)
		}
		if msg, _ := testID(body, "error-reason"); msg == "" || !strings.Contains(body, `action="/teams/`+fmt.Sprint(f.teamA.ID)+`/goals"`) {
			t.Errorf("reason error %q, or the re-rendered form posts elsewhere", msg)
		}
		if code, _ := post(respondent, goal); code != http.StatusForbidden {
			t.Errorf("respondent setting a goal: %d", code)
		}
		if code, _ := post(leadA, goal); code != http.StatusSeeOther {
			t.Fatalf("set goal: %d", code)
		}
		var stored []goals.Goal
		if err := db.Find(&stored).Error; err != nil || len(stored) != 1 || stored[0].Target != 70 || stored[0].CreatedBy != "lead.of.a@example.com" {
			t.Fatalf("stored %+v %v", stored, err)
		}
		// The team's people see what it is working on, without the form.
		page := f.formRequest(t, s, http.MethodGet, path, respondent, nil).Body.String()
		if d, _ := testID(page, "goal-driver"); d == "" || strings.Contains(page, `data-testid="goal-form"`) || !strings.Contains(page, "Setting up takes a day") {
			t.Errorf("respondent's goals: driver %q, form shown %v", d, strings.Contains(page, `data-testid="goal-form"`))
		}

		// The survey's introduction tells the team's engineers.
		pulse := openSnapshot(t, w, "Pulse")
		intro := f.formRequest(t, s, http.MethodGet, fmt.Sprintf("/surveys/%d", pulse), respondent, nil).Body.String()
		if got, _ := testID(intro, "survey-team-goals"); !strings.Contains(got, "Your team is working on: Local environment setup (reach 70).") {
			t.Errorf("survey introduction: %q", got)
		}
		// The next snapshot judges it: every answer 4, the score 100.
		q2 := w.Snapshot(t, "2026 Q2", snapshotAnswers(4)).Snapshot
		mail, err := s.deps.Services.Announcer.VoiceMail(context.Background(), q2.ID)
		if err != nil || !strings.Contains(mail.Text, "Teams that met their goals") || !strings.Contains(mail.HTML, "Eng/A: Local environment setup, reach 70") {
			t.Errorf("voice of the developer email: %v\n%s", err, mail.Text)
		}
		checkGoalsAPI(t, s, db, q1.ID)
		orgPage := f.formRequest(t, s, http.MethodGet, "/org", executive, nil).Body.String()
		if v, _ := testID(orgPage, "org-goal-verdict"); v != "met" {
			t.Errorf("org page verdict %q", v)
		}
		readout := f.formRequest(t, s, http.MethodGet, "/org/readout", executive, nil).Body.String()
		if !strings.Contains(readout, "Teams that met their goals") || !strings.Contains(readout, "Eng/A: Local environment setup, reach 70 (+100 points, significant)") {
			t.Error("the readout does not name the team that met its goal")
		}
		page = f.formRequest(t, s, http.MethodGet, path, respondent, nil).Body.String()
		if v, _ := testID(page, "goal-verdict"); v != "met" || !strings.Contains(page, "+100 points (significant)") {
			t.Errorf("verdict %q on the Q2 dashboard", v)
		}
		rec := f.formRequest(t, s, http.MethodPost, fmt.Sprintf("%s/goals/%d/delete", path, stored[0].ID), leadA, url.Values{})
		if rec.Code != http.StatusNotFound {
			t.Errorf("deleting last snapshot's goal through the new one: %d", rec.Code)
		}
	})
}

// openSnapshot opens a template snapshot and invites everyone active.
func openSnapshot(t *testing.T, w *resultstest.World, title string) int64 {
	t.Helper()
	ctx := context.Background()
	snap, err := w.Surveys.CreateSnapshot(ctx, survey.NewSnapshot{Title: title, Start: survey.StartTemplate, TimeZone: "UTC"}, "test")
	if err != nil {
		t.Fatal(err)
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
	if _, err := w.Responses.Invite(ctx, snap.ID); err != nil {
		t.Fatal(err)
	}
	return snap.ID
}

// checkGoalsAPI: the API lists the goal set after q1 with its result.
func checkGoalsAPI(t *testing.T, s *Server, db *gorm.DB, q1 int64) {
	t.Helper()
	_, secret, err := auth.NewTokens(db).Create(context.Background(), "goals", []string{auth.ScopeResultsRead}, "test")
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]int{fmt.Sprintf("/api/v1/snapshots/%d/goals", q1): http.StatusOK, "/api/v1/snapshots/999/goals": http.StatusNotFound} {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.Header.Set("Authorization", "Bearer "+secret)
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, req)
		if rec.Code != want {
			t.Fatalf("%s: %d", path, rec.Code)
		}
		if want != http.StatusOK {
			continue
		}
		body := rec.Body.String()
		for _, part := range []string{`"team":"Eng/A"`, `"driver_key":"local_env"`, `"kind":"score"`, `"target":70`, `"baseline":0`, `"result":100`, `"change":100`, `"significant":true`, `"verdict":"met"`} {
			if !strings.Contains(body, part) {
				t.Errorf("goals API lacks %s: %s", part, body)
			}
		}
	}
}
