package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/goals"
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
		w.Snapshot(t, "2026 Q1", snapshotAnswers(2))

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

		// The next snapshot judges it: every answer 4, the score 100.
		w.Snapshot(t, "2026 Q2", snapshotAnswers(4))
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
