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
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/testdb"
)

// formRequest sends a request as a persona; a non-nil form is posted
// url-encoded. Extra cookies (a flash) go along.
func (f *fixture) formRequest(t *testing.T, s *Server, method, path string, who persona, form url.Values, cookies ...*http.Cookie) *httptest.ResponseRecorder {
	t.Helper()
	var req *http.Request
	if form != nil {
		req = httptest.NewRequest(method, path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	} else {
		req = httptest.NewRequest(method, path, nil)
	}
	csrf := "form-token"
	if who != anonymous {
		token, err := auth.NewSessions(f.db).Create(context.Background(), f.people[who])
		if err != nil {
			t.Fatal(err)
		}
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: token})
		csrf = sessionCSRFToken(token)
	}
	req.AddCookie(&http.Cookie{Name: "devpulse_csrf", Value: csrf})
	req.Header.Set("X-CSRF-Token", csrf)
	for _, c := range cookies {
		req.AddCookie(c)
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	return rec
}

// followFlash GETs where a 303 points, carrying its flash cookie, and
// returns the page.
func (f *fixture) followFlash(t *testing.T, s *Server, rec *httptest.ResponseRecorder, who persona) string {
	t.Helper()
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("status %d, want 303: %s", rec.Code, rec.Body)
	}
	var flash []*http.Cookie
	for _, c := range rec.Result().Cookies() {
		if c.Name == flashCookie {
			flash = append(flash, c)
		}
	}
	page := f.formRequest(t, s, http.MethodGet, rec.Header().Get("Location"), who, nil, flash...)
	if page.Code != http.StatusOK {
		t.Fatalf("GET %s: %d", rec.Header().Get("Location"), page.Code)
	}
	return page.Body.String()
}

// testID returns the text inside the first element with data-testid=id
// (up to the next tag), and whether there is one.
func testID(body, id string) (string, bool) {
	m := regexp.MustCompile(`data-testid="` + regexp.QuoteMeta(id) + `"[^>]*>([^<]*)`).FindStringSubmatch(body)
	if m == nil {
		return "", false
	}
	return strings.TrimSpace(m[1]), true
}

func lastAudit(t *testing.T, db *gorm.DB) audit.Event {
	t.Helper()
	events, err := audit.New(db).Recent(context.Background(), 1, 0)
	if err != nil || len(events) == 0 {
		t.Fatalf("no audit entry: %v", err)
	}
	return events[0]
}

func TestAdminPeopleList(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s := newTestServer(t, db, "http://localhost")
		f := newFixture(t, db)
		store := directory.NewStore(db)
		for i := range 60 {
			p := directory.Person{Email: fmt.Sprintf("zed%02d@Example.com", i), Name: fmt.Sprintf("Zed %02d", i),
				TeamID: &f.teamB.ID, WorkArrangement: directory.Hybrid, Active: i%10 != 0, CreatedAt: time.Now(), UpdatedAt: time.Now()}
			if err := store.CreatePerson(context.Background(), &p); err != nil {
				t.Fatal(err)
			}
		}
		list := func(query string) string {
			rec := f.formRequest(t, s, http.MethodGet, "/admin/people?"+query, admin, nil)
			if rec.Code != http.StatusOK {
				t.Fatalf("%s: %d", query, rec.Code)
			}
			return rec.Body.String()
		}

		body := list("q=ZED&team=" + fmt.Sprint(f.teamB.ID))
		if total, _ := testID(body, "people-total"); !strings.HasPrefix(total, "60 people") {
			t.Errorf("total %q", total)
		}
		if n := strings.Count(body, `data-testid="person-row"`); n != 50 {
			t.Errorf("%d rows on page 1, want 50", n)
		}
		next := fmt.Sprintf(`href="/admin/people?page=2&amp;q=ZED&amp;team=%d"`, f.teamB.ID)
		if !strings.Contains(body, next) {
			t.Errorf("page links must keep the filters: no %s", next)
		}
		if !strings.Contains(body, `value="ZED"`) || !strings.Contains(body, fmt.Sprintf(`value="%d" selected`, f.teamB.ID)) {
			t.Error("the form must show the filters in use")
		}
		body = list(fmt.Sprintf("q=zed&team=%d&page=2", f.teamB.ID))
		if n := strings.Count(body, `data-testid="person-row"`); n != 10 {
			t.Errorf("%d rows on page 2, want 10", n)
		}
		if n := strings.Count(list("page=99"), `data-testid="person-row"`); n != 15 {
			t.Errorf("a page past the end shows the last page: %d rows, want 15", n)
		}

		tests := []struct {
			query string
			total string
		}{
			{"", "65 people"},
			{"status=inactive", "6 people"},
			{"status=active&arrangement=hybrid", "54 people"},
			{"role=lead", "2 people"},
			{"role=any", "4 people"},
			{"team=" + fmt.Sprint(*f.teamA.ParentID), "65 people"},
			{"team=" + fmt.Sprint(f.teamA.ID), "5 people"},
			{"q=LEAD+of", "2 people"},
			{"q=nobody", "0 people"},
		}
		for _, tt := range tests {
			if total, _ := testID(list(tt.query), "people-total"); !strings.HasPrefix(total, tt.total) {
				t.Errorf("%q: total %q, want %q", tt.query, total, tt.total)
			}
		}

		// htmx asks for the results alone.
		req := httptest.NewRequest(http.MethodGet, "/admin/people?q=lead", nil)
		req.Header.Set("HX-Request", "true")
		req.Header.Set("HX-Target", "people-results")
		token, _ := auth.NewSessions(db).Create(context.Background(), f.people[admin])
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: token})
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, req)
		if rec.Code != http.StatusOK || strings.Contains(rec.Body.String(), "<html") || !strings.Contains(rec.Body.String(), `id="people-results"`) {
			t.Errorf("htmx fragment: %d %.200s", rec.Code, rec.Body)
		}
	})
}

func TestAdminPersonEdit(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		s := newTestServer(t, db, "http://localhost")
		f := newFixture(t, db)
		store := directory.NewStore(db)
		id := f.people[respondent]
		path := fmt.Sprintf("/admin/people/%d", id)

		page := f.formRequest(t, s, http.MethodGet, path, admin, nil)
		if name, _ := testID(page.Body.String(), "person-name"); page.Code != http.StatusOK || name != "respondent" {
			t.Fatalf("person page: %d %q", page.Code, name)
		}

		good := url.Values{
			"name": {"Rita Respondent"}, "email": {"Rita@Example.com"}, "team": {fmt.Sprint(f.teamB.ID)},
			"job_role": {"SRE"}, "work_arrangement": {"remote"}, "location": {"Porto"}, "start_date": {"2022-02-01"},
			"level": {"L3"}, "github_login": {"@rita"}, "slack_user_id": {"U0RITA"},
		}
		body := f.followFlash(t, s, f.formRequest(t, s, http.MethodPost, path, admin, good), admin)
		if msg, _ := testID(body, "flash"); msg != "Saved changes to Rita Respondent." {
			t.Errorf("flash %q", msg)
		}
		p, err := store.Person(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if p.Name != "Rita Respondent" || p.Email != "rita@example.com" || *p.TeamID != f.teamB.ID || p.JobRole != "SRE" ||
			p.WorkArrangement != "remote" || p.Location != "Porto" || p.StartDate.Format(time.DateOnly) != "2022-02-01" ||
			p.Level != "L3" || p.GitHubLogin != "rita" || p.SlackUserID != "U0RITA" {
			t.Errorf("stored %+v", p)
		}
		if e := lastAudit(t, db); e.Actor != "admin@example.com" || e.Action != "person.update" || e.Target != fmt.Sprintf("person:%d", id) ||
			!strings.Contains(e.Detail, "email") || strings.Contains(e.Detail, "rita") {
			t.Errorf("audit %+v", e)
		}

		// Saving without changes records nothing.
		before := lastAudit(t, db)
		f.followFlash(t, s, f.formRequest(t, s, http.MethodPost, path, admin, good), admin)
		if after := lastAudit(t, db); after.ID != before.ID {
			t.Errorf("an edit that changed nothing was audited: %+v", after)
		}

		checkBadPersonEdits(t, s, f, db, path, good)
		if rec := f.formRequest(t, s, http.MethodGet, "/admin/people/99999", admin, nil); rec.Code != http.StatusNotFound {
			t.Errorf("missing person: %d", rec.Code)
		}
	})
}

// checkBadPersonEdits posts good with one bad field at a time: each comes
// back with 422, its message beside the field and nothing saved or lost.
func checkBadPersonEdits(t *testing.T, s *Server, f *fixture, db *gorm.DB, path string, good url.Values) {
	t.Helper()
	ctx, store, id := context.Background(), directory.NewStore(db), f.people[respondent]
	bad := []struct {
		name, field, value, message string
	}{
		{"bad email", "email", "not-an-email", "Enter an email address"},
		{"duplicate email, other case", "email", "ADMIN@example.com", "Someone else"},
		{"unknown arrangement", "work_arrangement", "moon-base", "Choose remote, hybrid, office"},
		{"bad date", "start_date", "2022-13-45", "YYYY-MM-DD"},
		{"unknown team", "team", "99999", "Choose a team"},
		{"no name", "name", "", "Enter a name"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			form := url.Values{}
			for k, v := range good {
				form[k] = v
			}
			form.Set("location", "Kept Location")
			form.Set(tt.field, tt.value)
			rec := f.formRequest(t, s, http.MethodPost, path, admin, form)
			body := rec.Body.String()
			if rec.Code != http.StatusUnprocessableEntity {
				t.Fatalf("status %d", rec.Code)
			}
			if msg, ok := testID(body, "error-"+tt.field); !ok || !strings.Contains(msg, tt.message) {
				t.Errorf("error next to %s: %q", tt.field, msg)
			}
			if !strings.Contains(body, `value="Kept Location"`) {
				t.Error("the other fields must keep what was entered")
			}
			if tt.value != "" && tt.field != "team" && tt.field != "work_arrangement" && !strings.Contains(body, `value="`+tt.value+`"`) {
				t.Errorf("the bad value %q must be shown for correcting", tt.value)
			}
			if p, _ := store.Person(ctx, id); p.Location != "Porto" {
				t.Error("nothing may be saved")
			}
		})
	}
}

func TestAdminDeactivateAndActivate(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		s := newTestServer(t, db, "http://localhost")
		f := newFixture(t, db)
		id := f.people[leadA]
		path := fmt.Sprintf("/admin/people/%d/active", id)
		token, err := auth.NewSessions(db).Create(ctx, id)
		if err != nil {
			t.Fatal(err)
		}

		body := f.followFlash(t, s, f.formRequest(t, s, http.MethodPost, path, admin, url.Values{"active": {"false"}}), admin)
		if msg, _ := testID(body, "flash"); !strings.Contains(msg, "deactivated and signed out") {
			t.Errorf("flash %q", msg)
		}
		if status, _ := testID(body, "person-status"); status != "inactive" {
			t.Errorf("status %q", status)
		}
		var sessions int64
		db.Model(&auth.Session{}).Where("person_id = ?", id).Count(&sessions)
		if sessions != 0 {
			t.Errorf("%d sessions left after deactivation", sessions)
		}
		if _, err := auth.NewSessions(db).Lookup(ctx, token); err == nil {
			t.Error("the old session still works")
		}
		if e := lastAudit(t, db); e.Action != "person.deactivate" || e.Actor != "admin@example.com" {
			t.Errorf("audit %+v", e)
		}
		grants, _ := directory.NewStore(db).Grants(ctx, id)
		if len(grants) != 1 {
			t.Error("deactivation keeps grants for when the person comes back")
		}

		f.followFlash(t, s, f.formRequest(t, s, http.MethodPost, path, admin, url.Values{"active": {"true"}}), admin)
		if p, _ := directory.NewStore(db).Person(ctx, id); !p.Active {
			t.Error("not active again")
		}
		if e := lastAudit(t, db); e.Action != "person.activate" {
			t.Errorf("audit %+v", e)
		}

		self := fmt.Sprintf("/admin/people/%d/active", f.people[admin])
		rec := f.formRequest(t, s, http.MethodPost, self, admin, url.Values{"active": {"false"}})
		if msg, _ := testID(rec.Body.String(), "flash-error"); rec.Code != http.StatusUnprocessableEntity || !strings.Contains(msg, "cannot deactivate yourself") {
			t.Errorf("self-deactivation: %d %q", rec.Code, msg)
		}
		if p, _ := directory.NewStore(db).Person(ctx, f.people[admin]); !p.Active {
			t.Error("the admin deactivated themselves")
		}
		if rec := f.formRequest(t, s, http.MethodPost, path, admin, url.Values{"active": {"maybe"}}); rec.Code != http.StatusBadRequest {
			t.Errorf("active=maybe: %d", rec.Code)
		}
	})
}
