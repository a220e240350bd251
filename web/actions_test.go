package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/actions"
	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/testdb"
)

// actionForm is a valid new action of team (0: the organisation).
func newActionForm(team int64, title, key string) url.Values {
	v := url.Values{"title": {title}, "owner": {"lead.of.a@example.com"}, "target_date": {"2027-03-31"},
		"driver": {"local_env"}, "status": {"planned"}, "key": {key}}
	if team != 0 {
		v.Set("team_id", fmt.Sprint(team))
	}
	return v
}

func TestLeadsAndExecutivesKeepActions(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s := newTestServer(t, db, "http://localhost")
		f, _ := sharedWorld(t, db)
		post := func(path string, who persona, form url.Values) (int, string) {
			rec := f.formRequest(t, s, http.MethodPost, path, who, form)
			return rec.Code, rec.Body.String()
		}
		bad := url.Values{"team_id": {fmt.Sprint(f.teamA.ID)}, "status": {"wont_do"}, "target_date": {"soon"}}
		code, body := post("/actions", leadA, bad)
		if msg, _ := testID(body, "error-target_date"); code != http.StatusUnprocessableEntity || msg != "Enter the target date as YYYY-MM-DD, for example 2027-03-31." {
			t.Errorf("bad action: %d %q", code, msg)
		}
		if msg, _ := testID(body, "error-reason"); !strings.HasPrefix(msg, "Say why this will not be done") {
			t.Errorf("won't do without a reason: %q", msg)
		}
		form := newActionForm(f.teamA.ID, "Cache the module downloads", "k-team")
		if code, _ := post("/actions", respondent, form); code != http.StatusForbidden {
			t.Errorf("a respondent adding a team action: %d", code)
		}
		if code, _ := post("/actions", leadA, newActionForm(0, "Org action", "k-lead-org")); code != http.StatusForbidden {
			t.Errorf("a lead adding an organisation action: %d", code)
		}
		for range 2 { // the same form sent twice stores one action
			if code, _ := post("/actions", leadA, form); code != http.StatusSeeOther {
				t.Fatalf("create: %d", code)
			}
		}
		var n int64
		if db.Model(&actions.Action{}).Count(&n); n != 1 {
			t.Fatalf("%d actions after a retried form", n)
		}
		if code, _ := post("/actions", executive, newActionForm(0, "Faster CI runners", "k-org")); code != http.StatusSeeOther {
			t.Fatalf("executive's organisation action: %d", code)
		}
		if code, _ := post("/actions", executive, newActionForm(f.teamB.ID, "Team B only", "k-b")); code != http.StatusSeeOther {
			t.Fatalf("executive's team B action: %d", code)
		}
		checkActionUpdates(t, s, f, db)
		checkActionsShown(t, s, f)
	})
}

// checkActionUpdates: won't do needs its reason; respondents change nothing.
func checkActionUpdates(t *testing.T, s *Server, f *fixture, db *gorm.DB) {
	t.Helper()
	var org actions.Action
	db.Where("team_id IS NULL").First(&org)
	path := fmt.Sprintf("/actions/%d/updates", org.ID)
	rec := f.formRequest(t, s, http.MethodPost, path, executive, url.Values{"status": {"wont_do"}})
	if msg, _ := testID(rec.Body.String(), "error-body"); rec.Code != http.StatusUnprocessableEntity || !strings.HasPrefix(msg, "Say why") {
		t.Errorf("won't do without a reason: %d %q", rec.Code, msg)
	}
	if rec := f.formRequest(t, s, http.MethodPost, path, respondent, url.Values{"body": {"x"}}); rec.Code != http.StatusForbidden {
		t.Errorf("a respondent updating an organisation action: %d", rec.Code)
	}
	why := url.Values{"body": {"The runners budget went to flaky-test fixes first"}, "status": {"wont_do"}, "key": {"u1"}}
	if rec := f.formRequest(t, s, http.MethodPost, path, executive, why); rec.Code != http.StatusSeeOther {
		t.Fatalf("won't do: %d", rec.Code)
	}
	page := f.formRequest(t, s, http.MethodGet, fmt.Sprintf("/actions/%d", org.ID), respondent, nil).Body.String()
	if r, _ := testID(page, "action-reason"); !strings.Contains(r, "flaky-test fixes first") || strings.Contains(page, `data-testid="update-form"`) {
		t.Errorf("respondent's view of a won't do: reason %q", r)
	}
	var teamA actions.Action
	db.Where("team_id = ?", f.teamA.ID).First(&teamA)
	if rec := f.formRequest(t, s, http.MethodPost, fmt.Sprintf("/actions/%d", teamA.ID), leadB, newActionForm(0, "Taken over", "")); rec.Code != http.StatusForbidden {
		t.Errorf("another team's lead editing team A's action: %d", rec.Code)
	}
	var teamB actions.Action
	db.Where("team_id = ?", f.teamB.ID).First(&teamB)
	if rec := f.formRequest(t, s, http.MethodGet, fmt.Sprintf("/actions/%d", teamB.ID), respondent, nil); rec.Code != http.StatusNotFound {
		t.Errorf("a team A respondent reading team B's action: %d", rec.Code)
	}
	edit := newActionForm(0, "Faster CI runners (renamed)", "")
	if rec := f.formRequest(t, s, http.MethodPost, fmt.Sprintf("/actions/%d", org.ID), admin, edit); rec.Code != http.StatusSeeOther {
		t.Errorf("admin edits an organisation action: %d", rec.Code)
	}
}

// checkActionsShown: the team page, the list, the API; team B's action
// stays with team B.
func checkActionsShown(t *testing.T, s *Server, f *fixture) {
	t.Helper()
	teamPage := f.formRequest(t, s, http.MethodGet, teamPath(f.teamA.ID), respondent, nil).Body.String()
	if title, _ := testID(teamPage, "action-title"); title != "Cache the module downloads" {
		t.Errorf("team page action %q", title)
	}
	list := f.formRequest(t, s, http.MethodGet, "/actions", respondent, nil).Body.String()
	if strings.Contains(list, "Team B only") || !strings.Contains(list, "renamed") || !strings.Contains(list, "flaky-test fixes first") {
		t.Errorf("respondent's list:\n%s", list)
	}
	if rec := f.formRequest(t, s, http.MethodGet, "/actions?status=later", respondent, nil); rec.Code != http.StatusBadRequest {
		t.Errorf("unknown status filter: %d", rec.Code)
	}
	_, secret, err := auth.NewTokens(f.db).Create(context.Background(), "actions", []string{auth.ScopeResultsRead}, "test")
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodGet, "/api/v1/actions?status=wont_do&driver=local_env", nil)
	req.Header.Set("Authorization", "Bearer "+secret)
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	body := rec.Body.String()
	for _, part := range []string{`"team":"Organisation"`, `"status":"wont_do"`, `"reason":"The runners budget went to flaky-test fixes first"`,
		`"owner":`, `"target_date":"2027-03-31"`, `"drivers":[{"key":"local_env","name":"Local environment setup"}]`, `"text":"The runners budget`} {
		if rec.Code != http.StatusOK || !strings.Contains(body, part) {
			t.Errorf("actions API (%d) lacks %s: %s", rec.Code, part, body)
		}
	}
	if strings.Contains(body, "Cache the module") {
		t.Error("the API's status filter let a planned action through")
	}
}

func TestYouSaidWeDid(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s := newTestServer(t, db, "http://localhost")
		f, w := sharedWorld(t, db)
		w.Snapshot(t, "2026 Q1", snapshotAnswers(4))
		q2 := w.Snapshot(t, "2026 Q2", snapshotAnswers(2)).Snapshot // local_env falls from 100 to 0
		path := fmt.Sprintf("/snapshots/%d/you-said-we-did", q2.ID)
		page := f.formRequest(t, s, http.MethodGet, path, respondent, nil).Body.String()
		if d, _ := testID(page, "you-said-driver"); d != "Local environment setup" || !strings.Contains(page, `data-testid="you-said-no-action"`) {
			t.Fatalf("before any action: driver %q\n%s", d, page)
		}
		if code := f.formRequest(t, s, http.MethodPost, "/actions", executive, newActionForm(0, "Golden dev images", "k1")).Code; code != http.StatusSeeOther {
			t.Fatalf("create: %d", code)
		}
		page = f.formRequest(t, s, http.MethodGet, path, respondent, nil).Body.String()
		if title, _ := testID(page, "action-title"); title != "Golden dev images" || strings.Contains(page, "you-said-no-action") {
			t.Errorf("after the action: %q", title)
		}
		if code := f.formRequest(t, s, http.MethodGet, "/snapshots/999/you-said-we-did", respondent, nil).Code; code != http.StatusNotFound {
			t.Errorf("unknown snapshot: %d", code)
		}
		pulse := openSnapshot(t, w, "Pulse")
		intro := f.formRequest(t, s, http.MethodGet, fmt.Sprintf("/surveys/%d", pulse), respondent, nil).Body.String()
		if line, _ := testID(intro, "survey-you-said-line"); !strings.Contains(line, "Local environment setup (declined −100 points to 0%; a top priority for 100% of respondents): Golden dev images (Organisation): Planned.") {
			t.Errorf("survey introduction: %q", line)
		}
		q3 := w.Snapshot(t, "2026 Q3", snapshotAnswers(2)).Snapshot
		mail, err := s.deps.Services.Announcer.VoiceMail(context.Background(), q3.ID)
		if err != nil || !strings.Contains(mail.Text, "You said, we did") || !strings.Contains(mail.Text, "Golden dev images (Organisation): Planned") {
			t.Errorf("voice of the developer email: %v\n%s", err, mail.Text)
		}
		readout := f.formRequest(t, s, http.MethodGet, "/org/readout", executive, nil).Body.String()
		if !strings.Contains(readout, "You said, we did") || !strings.Contains(readout, "What is being done") {
			t.Error("the readout has no you said, we did")
		}
	})
}
