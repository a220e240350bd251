package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/testdb"
)

func TestAdminGrants(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		s := newTestServer(t, db, "http://localhost")
		f := newFixture(t, db)
		store := directory.NewStore(db)
		id := f.people[respondent]
		grants := fmt.Sprintf("/admin/people/%d/grants", id)

		body := f.followFlash(t, s, f.formRequest(t, s, http.MethodPost, grants, admin,
			url.Values{"role": {"lead"}, "grant_team": {fmt.Sprint(f.teamA.ID)}}), admin)
		if msg, _ := testID(body, "flash"); msg != "respondent is now lead of Eng/A." {
			t.Errorf("flash %q", msg)
		}
		if team, _ := testID(body, "grant-team"); team != "Eng/A" {
			t.Errorf("grant list shows %q", team)
		}
		held, _ := store.Grants(ctx, id)
		if len(held) != 1 || held[0].Role != directory.RoleLead || *held[0].TeamID != f.teamA.ID {
			t.Fatalf("stored grants %+v", held)
		}
		if e := lastAudit(t, db); e.Action != "grant.add" || e.Detail != "lead of Eng/A" || e.Actor != "admin@example.com" {
			t.Errorf("audit %+v", e)
		}
		// Granting it again changes nothing and says so.
		body = f.followFlash(t, s, f.formRequest(t, s, http.MethodPost, grants, admin,
			url.Values{"role": {"lead"}, "grant_team": {fmt.Sprint(f.teamA.ID)}}), admin)
		if msg, _ := testID(body, "flash"); !strings.Contains(msg, "already is lead") {
			t.Errorf("flash %q", msg)
		}

		for _, tt := range []struct {
			form  url.Values
			field string
		}{
			{url.Values{"role": {"lead"}}, "grant_team"},
			{url.Values{"role": {"lead"}, "grant_team": {"99999"}}, "grant_team"},
			{url.Values{"role": {"overlord"}}, "role"},
		} {
			rec := f.formRequest(t, s, http.MethodPost, grants, admin, tt.form)
			if _, ok := testID(rec.Body.String(), "error-"+tt.field); rec.Code != http.StatusUnprocessableEntity || !ok {
				t.Errorf("%v: %d, error next to %s: %v", tt.form, rec.Code, tt.field, ok)
			}
		}
		if held, _ := store.Grants(ctx, id); len(held) != 1 {
			t.Errorf("refused grants were stored: %+v", held)
		}

		remove := fmt.Sprintf("/admin/people/%d/grants/%d/delete", id, held[0].ID)
		body = f.followFlash(t, s, f.formRequest(t, s, http.MethodPost, remove, admin, url.Values{}), admin)
		if msg, _ := testID(body, "flash"); msg != "respondent is no longer lead of Eng/A." {
			t.Errorf("flash %q", msg)
		}
		if held, _ := store.Grants(ctx, id); len(held) != 0 {
			t.Errorf("grant not removed: %+v", held)
		}
		if e := lastAudit(t, db); e.Action != "grant.remove" || e.Detail != "lead of Eng/A" {
			t.Errorf("audit %+v", e)
		}
		if rec := f.formRequest(t, s, http.MethodPost, remove, admin, url.Values{}); rec.Code != http.StatusNotFound {
			t.Errorf("removing it twice: %d", rec.Code)
		}
	})
}

func TestAdminCannotLockThemselvesOut(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		s := newTestServer(t, db, "http://localhost")
		f := newFixture(t, db)
		store := directory.NewStore(db)
		own, _ := store.Grants(ctx, f.people[admin])
		page := f.formRequest(t, s, http.MethodGet, fmt.Sprintf("/admin/people/%d", f.people[admin]), admin, nil).Body.String()
		if _, ok := testID(page, "grant-locked"); !ok || strings.Contains(page, `data-testid="grant-remove"`) {
			t.Error("an admin's own admin role must show as locked, without a Remove button")
		}
		rec := f.formRequest(t, s, http.MethodPost, fmt.Sprintf("/admin/people/%d/grants/%d/delete", f.people[admin], own[0].ID), admin, url.Values{})
		if msg, _ := testID(rec.Body.String(), "flash-error"); rec.Code != http.StatusUnprocessableEntity || !strings.Contains(msg, "cannot remove your own admin role") {
			t.Errorf("own admin grant: %d %q", rec.Code, msg)
		}
		if still, _ := store.Grants(ctx, f.people[admin]); len(still) != 1 {
			t.Fatal("the admin removed their own admin role")
		}

		// Another admin may take it away.
		other := directory.Person{Email: "second.admin@example.com", Name: "Second admin", Active: true, CreatedAt: time.Now(), UpdatedAt: time.Now()}
		if err := store.CreatePerson(ctx, &other); err != nil {
			t.Fatal(err)
		}
		if _, err := directory.AddGrant(ctx, db, other.ID, directory.RoleAdmin, nil); err != nil {
			t.Fatal(err)
		}
		f.people["second admin"] = other.ID
		rec = f.formRequest(t, s, http.MethodPost, fmt.Sprintf("/admin/people/%d/grants/%d/delete", f.people[admin], own[0].ID), "second admin", url.Values{})
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("another admin removing it: %d", rec.Code)
		}
		if still, _ := store.Grants(ctx, f.people[admin]); len(still) != 0 {
			t.Error("grant still there")
		}
	})
}
