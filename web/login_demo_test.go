package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/config"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/testdb"
)

func demoMode(_ *config.Config, d *Deps) { d.Demo = true }

// TestDemoRoutesOnlyInDemoMode: the persona sign-in is not even registered
// without --demo, so routeTable (built without it) has no row for it.
func TestDemoRoutesOnlyInDemoMode(t *testing.T) {
	db := testdb.SQLite(t)
	f := newFixture(t, db)
	plain := newTestServer(t, db, "http://localhost")
	if _, ok := plain.rules["POST /auth/demo"]; ok {
		t.Fatal("POST /auth/demo is registered without --demo")
	}
	form := url.Values{"person_id": {fmt.Sprint(f.people[admin])}, "_csrf": {"matrix-token"}}
	req := httptestForm(http.MethodPost, "/auth/demo", form)
	rec := serve(plain, req)
	if rec.Code != http.StatusNotFound && rec.Code != http.StatusMethodNotAllowed {
		t.Fatalf("POST /auth/demo without --demo: %d", rec.Code)
	}
	if hasCookie(rec, sessionCookie) {
		t.Fatal("signed in through a route that must not exist")
	}
	if body := get(t, plain.Handler(), "/login").Body.String(); strings.Contains(body, `data-testid="demo-personas"`) || strings.Contains(body, `data-testid="demo-banner"`) {
		t.Fatal("persona picker or demo banner without --demo")
	}

	demo := mustServer(t, Deps{Config: plain.deps.Config, DB: db, Logger: plain.deps.Logger, Demo: true})
	rule, ok := demo.rules["POST /auth/demo"]
	if !ok || rule.Name != auth.Public.Name {
		t.Fatalf("with --demo: POST /auth/demo registered=%v rule=%q", ok, rule.Name)
	}
	// Apart from the demo route, both servers have the same routes.
	for key := range demo.rules {
		if _, ok := plain.rules[key]; !ok && key != "POST /auth/demo" {
			t.Errorf("%s exists only in demo mode", key)
		}
	}
	rec = serve(demo, httptestForm(http.MethodPost, "/auth/demo", form))
	if rec.Code != http.StatusSeeOther || !hasCookie(rec, sessionCookie) {
		t.Fatalf("POST /auth/demo with --demo: %d", rec.Code)
	}
}

func TestDemoPersonaPicker(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db)
		addPerson(t, db, "gone@example.com", "zz Gone", false)
		l := startLive(t, db, demoMode)

		p := l.get(t, "/login?next=/no/such/page")
		if p.status != http.StatusOK || !p.has("demo-personas") || !p.has("demo-banner") || !p.has("login-password") {
			t.Fatalf("demo login page: %d\n%s", p.status, p.body)
		}
		// Admins, executives and leads come before respondents; no inactive people.
		names := regexp.MustCompile(`class="persona-name">([^<]+)<`).FindAllStringSubmatch(p.body, -1)
		var got []string
		for _, m := range names {
			got = append(got, m[1])
		}
		want := []string{string(admin), string(executive), string(leadA), string(leadB), string(respondent)}
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Fatalf("persona order %v, want %v", got, want)
		}
		if !strings.Contains(p.body, "lead of Eng/A") || !strings.Contains(p.body, ">respondent<") {
			t.Error("personas must show their roles")
		}
		if !strings.Contains(p.body, `action="/auth/demo"`) || !strings.Contains(p.body, `name="next" value="/no/such/page"`) {
			t.Error("the persona form must post to /auth/demo and carry next")
		}

		p = l.postForm(t, "/auth/demo", url.Values{"person_id": {fmt.Sprint(f.people[leadA])}, "next": {"/"}})
		if p.status != http.StatusOK || !p.has("home") || !strings.Contains(p.body, "Hello, lead of A") || !p.has("demo-banner") {
			t.Fatalf("after choosing a persona: %d\n%s", p.status, p.body)
		}
		if n := countRows(t, db, &auth.Session{}, "person_id = ?", f.people[leadA]); n != 1 {
			t.Fatalf("%d sessions, want 1", n)
		}
	})
}

func TestDemoRefusesInactiveOrUnknownPersona(t *testing.T) {
	db := testdb.SQLite(t)
	gone := addPerson(t, db, "gone@example.com", "Gone", false)
	l := startLive(t, db, demoMode)
	for _, id := range []string{fmt.Sprint(gone.ID), "999999", "abc", ""} {
		p := l.postForm(t, "/auth/demo", url.Values{"person_id": {id}})
		if p.status != http.StatusUnprocessableEntity {
			t.Errorf("person_id %q: %d", id, p.status)
		}
	}
	if l.cookie(sessionCookie) != nil {
		t.Fatal("signed in as nobody")
	}
}

func TestDemoPersonaSearch(t *testing.T) {
	testdb.Each(t, testDemoPersonaSearch)
}

func testDemoPersonaSearch(t *testing.T, db *gorm.DB) {
	team, err := directory.EnsureTeam(context.Background(), db, "Eng/Search")
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < personaLimit+6; i++ {
		p := addPerson(t, db, fmt.Sprintf("p%02d@example.com", i), fmt.Sprintf("Person %02d", i), true)
		db.Model(&p).Update("team_id", team.ID)
	}
	addPerson(t, db, "grace@example.com", "Grace 100% Hopper", true)
	l := startLive(t, db, demoMode)

	p := l.get(t, "/login")
	if strings.Count(p.body, `data-testid="persona"`) != personaLimit || !strings.Contains(p.body, `type="search"`) {
		t.Fatalf("want %d personas and a search box", personaLimit)
	}
	if !strings.Contains(p.body, fmt.Sprintf("Showing %d of %d people", personaLimit, personaLimit+7)) {
		t.Error("the picker must say how many it leaves out")
	}
	p = l.get(t, "/login?q=HOPPER")
	if strings.Count(p.body, `data-testid="persona"`) != 1 || !strings.Contains(p.body, "Grace 100% Hopper") {
		t.Fatalf("search by name, any case:\n%s", p.body)
	}
	p = l.get(t, "/login?q="+url.QueryEscape("100%"))
	if strings.Count(p.body, `data-testid="persona"`) != 1 {
		t.Fatal("a % in the search must match itself")
	}
	p = l.get(t, "/login?q=nobody-has-this-name")
	if !p.has("no-personas") {
		t.Fatal("an empty search result must say so")
	}
}

func hasCookie(rec *httptest.ResponseRecorder, name string) bool {
	for _, c := range rec.Result().Cookies() {
		if c.Name == name && c.Value != "" {
			return true
		}
	}
	return false
}
