package web

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/roster"
	"github.com/devpulse/devpulse/internal/testdb"
)

const rosterHeader = "email,name,team,lead_of,role,work_arrangement,location,start_date,level,github_login,slack_user_id\n"

const goodRoster = rosterHeader +
	"new.one@example.com,New One,Eng/C,Eng/C,SRE,remote,Lisbon,2024-01-15,L3,newone,U1\n" +
	"new.two@example.com,New Two,Eng/C,,Backend engineer,Hybrid,Lisbon,,L2,,\n" +
	"Respondent@Example.com,Renamed Respondent,Eng/A,,,,,,,,\n"

const badRoster = rosterHeader +
	"new.one@example.com,New One,Eng/C,,SRE,moon,Lisbon,2024-01-15,L3,,\n" +
	"not-an-email,New Two,Eng/C,,,,,,,,\n" +
	"new.three@example.com,New Three,Eng/C,,,,,15/01/2024,,,\n"

// multipartForm builds a form body with the matrix CSRF token; a field
// named "file" is sent as an uploaded file.
func multipartForm(t *testing.T, fields map[string]string) (string, *bytes.Buffer) {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	if fields["_csrf"] == "" {
		fields["_csrf"] = "matrix-token"
	}
	for name, value := range fields {
		var err error
		if name == "file" {
			var fw interface{ Write([]byte) (int, error) }
			if fw, err = w.CreateFormFile("file", "people.csv"); err == nil {
				_, err = fw.Write([]byte(value))
			}
		} else {
			err = w.WriteField(name, value)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return w.FormDataContentType(), &body
}

// post sends a multipart form as a persona.
func (f *fixture) post(t *testing.T, s *Server, path string, who persona, fields map[string]string) *httptest.ResponseRecorder {
	t.Helper()
	token, err := auth.NewSessions(f.db).Create(context.Background(), f.people[who])
	if err != nil {
		t.Fatal(err)
	}
	fields["_csrf"] = sessionCSRFToken(token)
	ct, body := multipartForm(t, fields)
	req := httptest.NewRequest(http.MethodPost, path, body)
	req.Header.Set("Content-Type", ct)
	req.AddCookie(&http.Cookie{Name: "devpulse_csrf", Value: sessionCSRFToken(token)})
	req.AddCookie(&http.Cookie{Name: sessionCookie, Value: token})
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	return rec
}

var hiddenRe = regexp.MustCompile(`<input type="hidden" name="([a-z0-9_]+)" value="([^"]*)"`)

// applyFields reads the Apply form's hidden fields from a preview page.
func applyFields(t *testing.T, page string) map[string]string {
	t.Helper()
	_, form, ok := strings.Cut(page, `data-testid="roster-apply-form"`)
	if !ok {
		t.Fatal("the preview has no Apply form")
	}
	fields := map[string]string{}
	for _, m := range hiddenRe.FindAllStringSubmatch(form, -1) {
		if m[1] != "_csrf" {
			fields[m[1]] = html.UnescapeString(m[2])
		}
	}
	return fields
}

func people(t *testing.T, db *gorm.DB) int64 {
	t.Helper()
	var n int64
	if err := db.Model(&directory.Person{}).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func TestRosterUploadPreviewApply(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s := newTestServer(t, db, "http://localhost")
		f := newFixture(t, db)
		before := people(t, db)

		// A file with errors: every bad line by number, nothing stored.
		rec := f.post(t, s, "/admin/roster/preview", admin, map[string]string{"file": badRoster})
		body := rec.Body.String()
		if rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("bad file: status %d", rec.Code)
		}
		lines := regexp.MustCompile(`data-testid="roster-error-line">(\d+)<`).FindAllStringSubmatch(body, -1)
		if len(lines) != 3 || lines[0][1] != "2" || lines[1][1] != "3" || lines[2][1] != "4" {
			t.Errorf("error lines %v", lines)
		}
		for _, want := range []string{"unknown work arrangement", "bad email", "bad start date", "people.csv"} {
			if !strings.Contains(body, want) {
				t.Errorf("error page lacks %q", want)
			}
		}

		// A good file: the preview lists the changes, still nothing stored.
		rec = f.post(t, s, "/admin/roster/preview", admin, map[string]string{"file": goodRoster})
		body = rec.Body.String()
		if rec.Code != http.StatusOK || !strings.Contains(body, "new.two@example.com") || !strings.Contains(body, "Renamed Respondent") {
			t.Fatalf("preview: status %d", rec.Code)
		}
		if got := people(t, db); got != before {
			t.Fatalf("the preview stored people: %d -> %d", before, got)
		}
		fields := applyFields(t, body)

		// A file that does not come back intact is refused.
		tampered := map[string]string{"csv": fields["csv"], "sha256": strings.Repeat("0", 64), "expect": fields["expect"]}
		if rec := f.post(t, s, "/admin/roster/apply", admin, tampered); rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("tampered apply: status %d", rec.Code)
		}

		// Apply: a redirect to a success message, people stored, audited.
		rec = f.post(t, s, "/admin/roster/apply", admin, fields)
		if rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/admin/roster?") {
			t.Fatalf("apply: status %d location %q", rec.Code, rec.Header().Get("Location"))
		}
		if got := people(t, db); got != before+2 {
			t.Errorf("people %d, want %d", got, before+2)
		}
		p, err := directory.NewStore(db).PersonByEmail(context.Background(), "respondent@example.com")
		if err != nil || p.Name != "Renamed Respondent" {
			t.Errorf("respondent %+v %v", p, err)
		}
		events, _ := audit.New(db).Recent(context.Background(), 1, 0)
		if len(events) != 1 || events[0].Actor != "admin@example.com" || events[0].Action != roster.ActionImport {
			t.Errorf("audit %+v", events)
		}
		page := f.request(t, s, http.MethodGet, rec.Header().Get("Location"), admin).Body.String()
		if !strings.Contains(page, "Roster imported: 2 added, 1 changed, 0 deactivated, 1 lead grant added, 1 team created.") {
			t.Errorf("success message missing:\n%s", page)
		}

		// Applying the same preview again finds the directory changed.
		rec = f.post(t, s, "/admin/roster/apply", admin, fields)
		if rec.Code != http.StatusConflict || !strings.Contains(rec.Body.String(), `data-testid="roster-stale"`) ||
			!strings.Contains(rec.Body.String(), `data-testid="roster-no-changes"`) {
			t.Errorf("stale apply: status %d", rec.Code)
		}
	})
}

func TestRosterPreviewDeactivation(t *testing.T) {
	db := testdb.SQLite(t)
	s := newTestServer(t, db, "http://localhost")
	f := newFixture(t, db)
	rec := f.post(t, s, "/admin/roster/preview", admin, map[string]string{"file": goodRoster, "deactivate_missing": "true"})
	body := rec.Body.String()
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	// Everyone but the respondent is missing; the admin stays.
	for _, who := range []string{"lead.of.a@example.com", "lead.of.b@example.com", "executive@example.com"} {
		if !strings.Contains(body, "<td>"+who+"</td>") {
			t.Errorf("preview does not deactivate %s", who)
		}
	}
	if !strings.Contains(body, `data-testid="roster-kept-admins"`) {
		t.Error("preview does not say the admin is kept")
	}
	rec = f.post(t, s, "/admin/roster/apply", admin, applyFields(t, body))
	if rec.Code != http.StatusSeeOther || !strings.Contains(rec.Header().Get("Location"), "deactivated=3") {
		t.Fatalf("apply: %d %s", rec.Code, rec.Header().Get("Location"))
	}
	var active int64
	db.Model(&directory.Person{}).Where("active").Count(&active)
	if active != 4 { // admin, respondent and the two new people
		t.Errorf("%d active people, want 4", active)
	}
}

func TestRosterPageAndExample(t *testing.T) {
	db := testdb.SQLite(t)
	s := newTestServer(t, db, "http://localhost")
	f := newFixture(t, db)
	body := f.request(t, s, http.MethodGet, "/admin/roster", admin).Body.String()
	for _, want := range []string{`data-testid="roster-upload"`, `name="deactivate_missing"`, `href="/admin/roster/example.csv"`, "work_arrangement"} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	rec := f.request(t, s, http.MethodGet, "/admin/roster/example.csv", admin)
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/csv") ||
		!strings.Contains(rec.Header().Get("Content-Disposition"), "attachment") || !bytes.Equal(rec.Body.Bytes(), roster.Example) {
		t.Errorf("example: %d %v", rec.Code, rec.Header())
	}
	rec = f.post(t, s, "/admin/roster/preview", admin, map[string]string{})
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "Choose a CSV file") {
		t.Errorf("no file: %d", rec.Code)
	}
}

// apiImport sends a roster to the API with a token of the given scope.
func apiImport(t *testing.T, s *Server, db *gorm.DB, query, contentType, body string) (*httptest.ResponseRecorder, rosterResult) {
	t.Helper()
	_, secret, err := auth.NewTokens(db).Create(context.Background(), "hr-sync", []string{auth.ScopeRosterWrite}, "test")
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, "/api/v1/roster"+query, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+secret)
	req.Header.Set("Content-Type", contentType)
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	var res rosterResult
	if strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
		if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
			t.Fatalf("%v: %s", err, rec.Body)
		}
	}
	return rec, res
}

func TestRosterAPI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s := newTestServer(t, db, "http://localhost")
		newFixture(t, db)
		before := people(t, db)

		rec, res := apiImport(t, s, db, "", "text/csv", badRoster)
		if rec.Code != http.StatusUnprocessableEntity || res.Applied || len(res.Errors) != 3 || res.Errors[1].Line != 3 {
			t.Errorf("bad file: %d %+v", rec.Code, res)
		}
		rec, res = apiImport(t, s, db, "?dry_run=true&deactivate_missing=true", "text/csv; charset=utf-8", goodRoster)
		if rec.Code != http.StatusOK || res.Applied || !res.DryRun || res.Added != 2 || res.Changed != 1 || res.Deactivated != 3 ||
			len(res.Preview.Changed) != 1 || res.Preview.Changed[0].Fields[0] != (roster.FieldChange{Field: "name", Old: "respondent", New: "Renamed Respondent"}) {
			t.Errorf("dry run: %d %s", rec.Code, rec.Body)
		}
		if got := people(t, db); got != before {
			t.Fatalf("the dry run stored people")
		}
		rec, res = apiImport(t, s, db, "", "text/csv", goodRoster)
		if rec.Code != http.StatusOK || !res.Applied || res.Added != 2 || res.Changed != 1 || res.Deactivated != 0 || res.LeadGrantsAdded != 1 {
			t.Errorf("import: %d %s", rec.Code, rec.Body)
		}
		events, _ := audit.New(db).Recent(context.Background(), 1, 0)
		if len(events) != 1 || events[0].Actor != "token:hr-sync" {
			t.Errorf("audit %+v", events)
		}
		rec, res = apiImport(t, s, db, "", "text/csv", goodRoster)
		if rec.Code != http.StatusOK || res.Added+res.Changed+res.Deactivated != 0 || res.Unchanged != 3 || !strings.HasPrefix(res.Message, "No changes") {
			t.Errorf("re-import: %d %s", rec.Code, rec.Body)
		}
		if rec, _ := apiImport(t, s, db, "", "application/x-www-form-urlencoded", goodRoster); rec.Code != http.StatusUnsupportedMediaType ||
			!strings.Contains(rec.Body.String(), `"error"`) {
			t.Errorf("form body: %d %s", rec.Code, rec.Body)
		}
		if rec, _ := apiImport(t, s, db, "?dry_run=maybe", "text/csv", goodRoster); rec.Code != http.StatusBadRequest {
			t.Errorf("dry_run=maybe: %d", rec.Code)
		}
	})
}
