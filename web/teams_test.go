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
	"github.com/devpulse/devpulse/internal/testdb"
)

func rowPaths(body string) []string {
	var out []string
	for _, part := range strings.Split(body, `data-testid="team-row" data-path="`)[1:] {
		out = append(out, part[:strings.Index(part, `"`)])
	}
	return out
}

func TestAdminTeams(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		s := newTestServer(t, db, "http://localhost")
		f := newFixture(t, db)

		rec := f.formRequest(t, s, http.MethodGet, "/admin/teams", admin, nil)
		body := rec.Body.String()
		if got := fmt.Sprint(rowPaths(body)); rec.Code != http.StatusOK || got != "[Eng Eng/A Eng/B]" {
			t.Fatalf("%d rows %s", rec.Code, got)
		}
		// Everyone in the fixture is in team A; Eng counts its subtree.
		if n, _ := testID(body[strings.Index(body, `data-path="Eng/A"`):], "team-members"); n != "5" {
			t.Errorf("Eng/A members %q", n)
		}
		if n, _ := testID(body[strings.Index(body, `data-path="Eng"`):], "team-subtree-members"); n != "5" {
			t.Errorf("Eng with sub-teams %q", n)
		}
		if leads, _ := testID(body[strings.Index(body, `data-path="Eng/B"`):], "team-leads"); leads != "lead of B" {
			t.Errorf("Eng/B leads %q", leads)
		}

		body = f.followFlash(t, s, f.formRequest(t, s, http.MethodPost, "/admin/teams", admin, url.Values{"path": {"Eng/A/Mobile/iOS"}}), admin)
		if msg, _ := testID(body, "flash"); !strings.Contains(msg, "Added team Eng/A/Mobile/iOS.") || !strings.Contains(msg, "Eng/A/Mobile") {
			t.Errorf("flash %q", msg)
		}
		if got := fmt.Sprint(rowPaths(body)); got != "[Eng Eng/A Eng/A/Mobile Eng/A/Mobile/iOS Eng/B]" {
			t.Errorf("tree after adding: %s", got)
		}
		if _, err := directory.NewStore(db).TeamByPath(ctx, "Eng/A/Mobile/iOS"); err != nil {
			t.Error(err)
		}
		if e := lastAudit(t, db); e.Action != "team.create" || e.Detail != "Eng/A/Mobile/iOS" || e.Actor != "admin@example.com" {
			t.Errorf("audit %+v", e)
		}

		for _, bad := range []string{"Eng/A", "  "} {
			rec := f.formRequest(t, s, http.MethodPost, "/admin/teams", admin, url.Values{"path": {bad}})
			if _, ok := testID(rec.Body.String(), "error-path"); rec.Code != http.StatusUnprocessableEntity || !ok {
				t.Errorf("path %q: %d", bad, rec.Code)
			}
		}
	})
}

func TestTeamsAreLimitedToWhatTheReaderMaySee(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		s := newTestServer(t, db, "http://localhost")
		f := newFixture(t, db)
		sub, err := directory.EnsureTeam(ctx, db, "Eng/A/Sub")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := directory.EnsureTeam(ctx, db, "Sales/EMEA"); err != nil {
			t.Fatal(err)
		}

		tests := []struct {
			who  persona
			want string
		}{
			{leadA, "[Eng/A Eng/A/Sub]"},
			{leadB, "[Eng/B]"},
			{executive, "[Eng Eng/A Eng/A/Sub Eng/B Sales Sales/EMEA]"},
			{admin, "[Eng Eng/A Eng/A/Sub Eng/B Sales Sales/EMEA]"},
		}
		for _, tt := range tests {
			rec := f.formRequest(t, s, http.MethodGet, "/teams", tt.who, nil)
			if got := fmt.Sprint(rowPaths(rec.Body.String())); rec.Code != http.StatusOK || got != tt.want {
				t.Errorf("%s sees %s (%d), want %s", tt.who, got, rec.Code, tt.want)
			}
			if strings.Contains(rec.Body.String(), fmt.Sprintf(`href="/teams/%d"`, f.teamB.ID)) && tt.who == leadA {
				t.Error("lead of A is linked to team B")
			}
		}

		// Lead of A on team A: sub-teams, leads, and a link up to Eng,
		// which they read as one of its people.
		rec := f.formRequest(t, s, http.MethodGet, fmt.Sprintf("/teams/%d", f.teamA.ID), leadA, nil)
		body := rec.Body.String()
		if path, _ := testID(body, "team-path"); rec.Code != http.StatusOK || path != "Eng/A" {
			t.Fatalf("%d path %q", rec.Code, path)
		}
		if leads, _ := testID(body, "team-leads"); leads != "lead of A" {
			t.Errorf("leads %q", leads)
		}
		if got := fmt.Sprint(rowPaths(body)); got != "[Eng/A/Sub]" {
			t.Errorf("sub-teams %s", got)
		}
		if parent, _ := testID(body, "team-parent"); parent != "Eng" {
			t.Errorf("lead of A, a member of Eng/A, must be linked to Eng: %q", parent)
		}
		if !strings.Contains(body, "No snapshot has closed yet") {
			t.Error("the page must say when results appear")
		}
		// On the sub-team, the parent A is linked.
		rec = f.formRequest(t, s, http.MethodGet, fmt.Sprintf("/teams/%d", sub.ID), leadA, nil)
		if parent, _ := testID(rec.Body.String(), "team-parent"); parent != "Eng/A" {
			t.Errorf("parent link %q", parent)
		}
		if rec := f.formRequest(t, s, http.MethodGet, fmt.Sprintf("/teams/%d", f.teamB.ID), leadA, nil); rec.Code != http.StatusForbidden {
			t.Errorf("lead of A on team B: %d", rec.Code)
		}
		// Eng, above their own team, they read as one of its people: no exports.
		rec = f.formRequest(t, s, http.MethodGet, fmt.Sprintf("/teams/%d", *f.teamA.ParentID), leadA, nil)
		if _, ok := testID(rec.Body.String(), "team-exports"); rec.Code != http.StatusOK || ok {
			t.Errorf("lead of A on Eng: %d, exports shown %v", rec.Code, ok)
		}
		if rec := f.formRequest(t, s, http.MethodGet, "/teams/99999", executive, nil); rec.Code != http.StatusNotFound {
			t.Errorf("missing team: %d", rec.Code)
		}
	})
}

func TestNavShowsTeamsToReaders(t *testing.T) {
	db := testdb.SQLite(t)
	s := newTestServer(t, db, "http://localhost")
	f := newFixture(t, db)
	for _, who := range []persona{respondent, leadA, executive, admin} {
		body := f.formRequest(t, s, http.MethodGet, "/", who, nil).Body.String()
		has := strings.Contains(body, `href="/teams"`)
		if want := who != respondent; has != want {
			t.Errorf("%s: Teams link shown=%v, want %v", who, has, want)
		}
	}
}
