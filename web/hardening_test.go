package web

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/config"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testdb"
)

// After sign-in only a path on this site is followed: anything a browser
// could read as another host (a tab or newline it drops, a backslash it
// reads as a slash, a scheme) sends people home instead.
func TestLoginNextStaysLocal(t *testing.T) {
	s := newTestServer(t, testdb.SQLite(t), "http://localhost")
	f := newFixture(t, s.deps.DB)
	bad := []string{
		"/%09/evil.example", "/%0a/evil.example", "/%0d/evil.example", "//evil.example", "/\\evil.example",
		"/%5Cevil.example", "https://evil.example", "javascript:alert(1)", "evil.example",
		"/%2F/evil.example", "/%7F/evil.example", "/%E2%80%8B%09/evil.example",
	}
	for _, next := range bad {
		t.Run(next, func(t *testing.T) {
			rec := f.request(t, s, http.MethodGet, "/login?next="+next, admin)
			if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/" {
				t.Fatalf("next=%s: %d Location %q, want a 303 to /", next, rec.Code, rec.Header().Get("Location"))
			}
		})
	}
	for _, next := range []string{"/teams", "/teams/3?snapshot=2", "/admin/people?q=ada%20l"} {
		rec := f.request(t, s, http.MethodGet, "/login?next="+url.QueryEscape(next), admin)
		if rec.Header().Get("Location") != next {
			t.Errorf("next=%s: Location %q", next, rec.Header().Get("Location"))
		}
	}
}

// HEAD gets the answer GET would give, without a body: load balancers and
// uptime checks use it.
func TestHeadAnswered(t *testing.T) {
	l := startLive(t, testdb.SQLite(t), nil)
	l.client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	css := l.deps.Assets.URL("css/app.css")
	for _, path := range []string{"/healthz", "/readyz", "/", "/login", css, "/admin"} {
		resp, err := l.client.Head(l.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		p := readPage(t, resp)
		want := http.StatusOK
		if path == "/admin" {
			want = http.StatusSeeOther // the same redirect to sign in as GET
		}
		if p.status != want || p.body != "" {
			t.Errorf("HEAD %s: %d with %d bytes, want %d without a body", path, p.status, len(p.body), want)
		}
	}
}

// No browser or proxy keeps a copy of a page with people's results, an
// export or an admin page; static files stay cacheable.
func TestNoStoreOnPages(t *testing.T) {
	s := newTestServer(t, testdb.SQLite(t), "http://localhost")
	f := newFixture(t, s.deps.DB)
	for _, tt := range []struct {
		path string
		who  persona
	}{
		{"/admin", admin}, {"/admin/people", admin}, {"/teams", leadA}, {"/org", executive},
		{"/org/readout", executive}, {"/teams/" + f.records[":team"] + "/export.csv", leadA}, {"/", respondent}, {"/login", anonymous},
	} {
		rec := f.request(t, s, http.MethodGet, tt.path, tt.who)
		if got := rec.Header().Get("Cache-Control"); got != "no-store" {
			t.Errorf("%s as %s: %d Cache-Control %q, want no-store", tt.path, tt.who, rec.Code, got)
		}
	}
	rec := get(t, s.Handler(), s.deps.Assets.URL("css/app.css"))
	if got := rec.Header().Get("Cache-Control"); !strings.Contains(got, "immutable") {
		t.Errorf("static file: Cache-Control %q", got)
	}
}

// The CSRF token is read from the form or a header, never from the
// address, where it would leak into logs and Referer headers.
func TestCSRFTokenNotFromQuery(t *testing.T) {
	db := testdb.SQLite(t)
	s := newTestServer(t, db, "http://localhost")
	req := httptest.NewRequest(http.MethodPost, "/admin/teams?_csrf=q-token", strings.NewReader("path=Eng%2FQuery"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(&http.Cookie{Name: "devpulse_csrf", Value: "q-token"})
	rec := serve(s, req)
	if rec.Code != http.StatusForbidden || !strings.Contains(rec.Body.String(), "never in the address") {
		t.Fatalf("token in the query: %d\n%s", rec.Code, testText(rec.Body.String(), "error-message"))
	}
}

// A form with more fields than any devpulse form has gets a message that
// says so, not "this form has expired".
func TestTooManyFormFields(t *testing.T) {
	s := newTestServer(t, testdb.SQLite(t), "http://localhost")
	for _, n := range []int{maxFormFields + 1, 10001} {
		var b strings.Builder
		b.WriteString("_csrf=x")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "&f%d=1", i)
		}
		req := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader(b.String()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.AddCookie(&http.Cookie{Name: "devpulse_csrf", Value: "x"})
		rec := serve(s, req)
		body := rec.Body.String()
		if rec.Code != http.StatusRequestEntityTooLarge || !strings.Contains(body, "too many fields") || strings.Contains(body, "expired") {
			t.Errorf("%d fields: %d\n%s", n, rec.Code, body)
		}
	}
}

// A flash message quoting what someone typed stays small: a huge value is
// cut, never echoed whole into a Set-Cookie header.
func TestFlashBounded(t *testing.T) {
	db := testdb.SQLite(t)
	s := newTestServer(t, db, "http://localhost")
	f := newFixture(t, db)
	rec := f.formRequest(t, s, http.MethodPost, "/admin/teams", admin, url.Values{"path": {"Eng/" + strings.Repeat("x", 99)}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("create team: %d", rec.Code)
	}
	for _, c := range rec.Result().Cookies() {
		if len(c.Value) > 2*maxFlashBytes {
			t.Fatalf("cookie %s of %d bytes", c.Name, len(c.Value))
		}
	}
	ctx := s.echo.NewContext(httptest.NewRequest(http.MethodGet, "/", nil), httptest.NewRecorder())
	s.setFlash(ctx, "Saved "+strings.Repeat("é", 100_000))
	if h := ctx.Response().Header().Get("Set-Cookie"); len(h) > 4096 {
		t.Fatalf("Set-Cookie of %d bytes", len(h))
	}
}

// A time allocation or number of NaN or infinity is refused next to its
// field, and nothing of it is stored, on both databases.
func TestSurveyRefusesNaN(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s := newTestServer(t, db, "http://localhost")
		token, o := openLinkSurvey(t, db)
		alloc := questionOfKind(t, o, survey.KindAllocation)
		for _, bad := range []string{"NaN", "nan", "Inf", "-Inf", "1e400"} {
			form := wholeSurvey(o)
			form.Set(survey.FieldName(alloc)+"-0", bad)
			form.Set(survey.FieldName(alloc)+"-1", "100")
			form.Set("go", "submit")
			rec := postForm(t, s, "/s/"+token, form)
			msg := testText(rec.Body.String(), "question-error")
			if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(msg, "enter a percentage from 0 to 100") {
				t.Fatalf("%s: %d %q", bad, rec.Code, msg)
			}
		}
		var n int64
		db.Table("answers").Where("question_id = ?", alloc.ID).Count(&n)
		var submitted int64
		db.Table("responses").Where("submitted").Count(&submitted)
		if n != 0 || submitted != 0 {
			t.Fatalf("%d allocation rows and %d submitted responses stored", n, submitted)
		}
	})
}

// Text with a NUL character or bytes that are not UTF-8 is refused next
// to its question on both databases (PostgreSQL would fail with 22021),
// and the page's other answers are saved.
func TestSurveyRefusesBadText(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s := newTestServer(t, db, "http://localhost")
		token, o := openLinkSurvey(t, db)
		text := questionOfKind(t, o, survey.KindText)
		for _, bad := range []string{"before\x00after", "caf\xe9", "\xff\xfe"} {
			form := wholeSurvey(o)
			form.Set(survey.FieldName(text), bad)
			form.Set("go", "next")
			rec := postForm(t, s, "/s/"+token, form)
			if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "bytes that are not valid UTF-8 text; nothing else") {
				t.Fatalf("%q: %d %q", bad, rec.Code, testText(rec.Body.String(), "question-error"))
			}
		}
		var n int64
		db.Table("answers").Distinct("question_id").Count(&n)
		if n != int64(len(o.Questions)-1) {
			t.Fatalf("%d questions answered, want every one but the text", n)
		}
	})
}

// An admin form with a NUL or invalid UTF-8 gets a clear 400, on both
// databases, and stores nothing.
func TestAdminFormRefusesBadText(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s := newTestServer(t, db, "http://localhost")
		f := newFixture(t, db)
		for _, bad := range []string{"Eng/Nul\x00Team", "Eng/Caf\xe9"} {
			rec := f.formRequest(t, s, http.MethodPost, "/admin/teams", admin, url.Values{"path": {bad}})
			if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "not valid UTF-8") {
				t.Fatalf("%q: %d\n%s", bad, rec.Code, rec.Body)
			}
		}
		rec := f.formRequest(t, s, http.MethodGet, "/admin/people?q=%00", admin, nil)
		if rec.Code != http.StatusBadRequest {
			t.Fatalf("NUL in a query: %d", rec.Code)
		}
		var n int64
		db.Table("teams").Where("path LIKE ?", "Eng/%").Count(&n)
		if n != 2 { // the fixture's A and B
			t.Fatalf("%d teams under Eng", n)
		}
	})
}

// A submitted response keeps its required answers: autosaving a section
// with nothing in it, a JSON or text body to the survey, or a submit with
// a required answer emptied never clears them.
func TestSubmittedResponseNeverEmptied(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s := newTestServer(t, db, "http://localhost")
		token, o := openLinkSurvey(t, db)
		link := "/s/" + token
		form := wholeSurvey(o)
		form.Set("go", "submit")
		if rec := postForm(t, s, link, form); rec.Code != http.StatusSeeOther {
			t.Fatalf("submit: %d", rec.Code)
		}
		answered := func() int64 {
			var n int64
			db.Table("answers").Distinct("question_id").Count(&n)
			return n
		}
		all := answered()

		rec := postForm(t, s, link+"/autosave", url.Values{"section": {"1"}})
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "answer was kept") {
			t.Fatalf("empty autosave: %d\n%s", rec.Code, rec.Body)
		}
		rec = postForm(t, s, link, url.Values{"section": {"1"}, "go": {"submit"}})
		if rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("empty submit: %d", rec.Code)
		}
		for _, ct := range []string{"application/json", "text/plain"} {
			req := httptest.NewRequest(http.MethodPost, link, strings.NewReader(`{"section":"1"}`))
			req.Header.Set("Content-Type", ct)
			req.Header.Set("X-CSRF-Token", "x")
			req.AddCookie(&http.Cookie{Name: "devpulse_csrf", Value: "x"})
			if rec := serve(s, req); rec.Code != http.StatusUnsupportedMediaType {
				t.Fatalf("%s body: %d", ct, rec.Code)
			}
		}
		if n := answered(); n != all {
			t.Fatalf("%d questions answered, want %d", n, all)
		}
		var submitted int64
		db.Table("responses").Where("submitted").Count(&submitted)
		if submitted != 1 {
			t.Fatalf("%d submitted responses", submitted)
		}
		// An optional answer may still be cleared before close.
		last := o.Sections[len(o.Sections)-1]
		form = url.Values{"section": {fmt.Sprint(len(o.Sections))}, "go": {"next"}}
		for _, q := range o.InSection(last.ID) {
			if q.Required {
				form.Set(survey.FieldName(q), "4")
			}
		}
		if rec := postForm(t, s, link, form); rec.Code != http.StatusSeeOther {
			t.Fatalf("clearing the optional comment: %d %s", rec.Code, testText(rec.Body.String(), "question-error"))
		}
		if n := answered(); n != all-1 {
			t.Fatalf("%d questions answered after clearing the comment, want %d", n, all-1)
		}
	})
}

func questionOfKind(t *testing.T, o survey.Outline, kind survey.Kind) survey.Question {
	t.Helper()
	for _, q := range o.Questions {
		if q.Kind == kind {
			return q
		}
	}
	t.Fatalf("no %s question", kind)
	return survey.Question{}
}

// A roster with a NUL or invalid UTF-8 in a name, or a team path past the
// limits, is refused line by line in the upload, the dry run and the API
// alike, on both databases, and nothing is written.
func TestRosterRefusesBadText(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s := newTestServer(t, db, "http://localhost")
		f := newFixture(t, db)
		before := people(t, db)
		deep := strings.TrimSuffix(strings.Repeat("T/", 11), "/")
		for _, tt := range []struct{ row, want string }{
			{"nul@example.com,Nul\x00Name,Eng/C,,,,,,,,\n", "line 2: column name: contains a NUL character"},
			{"latin@example.com,Ren\xe9,Eng/C,,,,,,,,\n", "line 2: column name: contains bytes that are not valid UTF-8"},
			{"deep@example.com,Deep,Eng/" + deep + ",,,,,,,,\n", "line 2: team: A team path has at most 10 levels"},
			{"long@example.com," + strings.Repeat("n", 201) + ",Eng/C,,,,,,,,\n", "line 2: name is 201 characters long; keep it to 200"},
		} {
			rec, res := apiImport(t, s, db, "?dry_run=true", "text/csv", rosterHeader+tt.row)
			if rec.Code != http.StatusUnprocessableEntity || len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Error(), strings.TrimPrefix(tt.want, "line 2: ")) {
				t.Errorf("dry run %q: %d %s", tt.want, rec.Code, rec.Body)
			}
			rec, _ = apiImport(t, s, db, "", "text/csv", rosterHeader+tt.row)
			if rec.Code != http.StatusUnprocessableEntity {
				t.Errorf("apply %q: %d", tt.want, rec.Code)
			}
			rec = f.post(t, s, "/admin/roster/preview", admin, map[string]string{"file": rosterHeader + tt.row})
			if rec.Code != http.StatusUnprocessableEntity || testText(rec.Body.String(), "roster-error-line") != "2" ||
				!strings.Contains(html.UnescapeString(rec.Body.String()), strings.TrimPrefix(tt.want, "line 2: ")) {
				t.Errorf("upload %q: %d", tt.want, rec.Code)
			}
		}
		if n := people(t, db); n != before {
			t.Fatalf("%d people, want %d", n, before)
		}
		var teams int64
		db.Table("teams").Count(&teams)
		if teams != 3 {
			t.Fatalf("%d teams, want the fixture's 3", teams)
		}
	})
}

// A benchmark file with a NUL or invalid UTF-8 in its source is refused
// by line on both databases.
func TestBenchmarkRefusesBadText(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s := newTestServer(t, db, "http://localhost")
		f := newFixture(t, db)
		for _, src := range []string{"Acme\x00Report", "Acm\xe9 Report", strings.Repeat("s", 201)} {
			file := benchmarkHeader + "ci_reliability,All,44,57,69,78," + src + ",2025\n"
			rec := f.post(t, s, "/admin/benchmarks/preview", admin, map[string]string{"file": file})
			body := html.UnescapeString(rec.Body.String())
			if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(body, "source") ||
				!(strings.Contains(body, "NUL") || strings.Contains(body, "UTF-8") || strings.Contains(body, "201 characters")) {
				t.Errorf("source %.20q: %d", src, rec.Code)
			}
		}
		if n := benchmarkRows(t, db); n != 0 {
			t.Fatalf("%d benchmark rows stored", n)
		}
	})
}

// Names, team paths and titles have length limits with a clear message
// next to the field, on both databases; nothing is stored past them and
// no huge value travels in a cookie.
func TestLengthLimits(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s := newTestServer(t, db, "http://localhost")
		f := newFixture(t, db)
		var teams int64
		db.Table("teams").Count(&teams)
		deep := "Eng/" + strings.TrimSuffix(strings.Repeat("L/", 500), "/")
		for _, tt := range []struct{ path, want string }{
			{deep, "at most 10 levels"},
			{"Eng/" + strings.Repeat("x", 101), "Keep each team name to 100 characters"},
		} {
			rec := f.formRequest(t, s, http.MethodPost, "/admin/teams", admin, url.Values{"path": {tt.path}})
			if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), tt.want) {
				t.Errorf("team path %.30q: %d", tt.path, rec.Code)
			}
		}
		var after int64
		db.Table("teams").Count(&after)
		if after != teams {
			t.Fatalf("%d teams after refused paths, want %d", after, teams)
		}

		id := f.people[respondent]
		rec := f.formRequest(t, s, http.MethodPost, fmt.Sprintf("/admin/people/%d", id), admin,
			url.Values{"name": {strings.Repeat("n", 201)}, "email": {"respondent@example.com"}, "location": {strings.Repeat("l", 101)}})
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "Keep it to 200 characters; this has 201.") ||
			!strings.Contains(rec.Body.String(), "Keep it to 100 characters; this has 101.") {
			t.Errorf("long name: %d", rec.Code)
		}

		a := newAdminClient(t, db)
		snap := newSnapshot(t, a, survey.StartBlank)
		base := fmt.Sprintf("/admin/snapshots/%d", snap.ID)
		huge := strings.Repeat("T", 100_000)
		rec = a.post(base+"/sections", url.Values{"section_title": {huge}})
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "Keep the section title to 200 characters; it has 100000.") {
			t.Errorf("huge section title: %d", rec.Code)
		}
		if h := strings.Join(rec.Header().Values("Set-Cookie"), ""); len(h) > 4096 {
			t.Errorf("Set-Cookie of %d bytes", len(h))
		}
		rec = a.post("/admin/snapshots", url.Values{"title": {huge}, "start": {survey.StartBlank}, "time_zone": {"UTC"}})
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "Keep the title to 200 characters") {
			t.Errorf("huge snapshot title: %d", rec.Code)
		}
		o, _ := a.s.surveys.Outline(context.Background(), snap.ID)
		if len(o.Sections) != 0 {
			t.Fatalf("%d sections stored", len(o.Sections))
		}
	})
}

// The CSRF token is bound to the session: a cookie and form pair the
// client picks is refused once signed in, and signing in hands out a new
// token, so one learnt before (or planted) is void afterwards.
func TestCSRFBoundToSession(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		l := startLive(t, db, nil)
		addAdmin(t, l, db, "ada@example.com", "Ada Lovelace")
		before := l.csrfToken(t)
		if p := l.postForm(t, "/login", loginForm("ada@example.com", adminPassword, "/admin/teams")); p.status != http.StatusOK {
			t.Fatalf("sign in: %d", p.status)
		}
		after := l.cookie("devpulse_csrf")
		if after == nil || after.Value == before {
			t.Fatalf("the CSRF token was not rotated at sign-in (%v)", after)
		}
		post := func(cookie, field string) page {
			req, _ := http.NewRequest(http.MethodPost, l.URL+"/admin/teams", strings.NewReader(url.Values{"path": {"Eng/Forged"}, "_csrf": {field}}.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.AddCookie(&http.Cookie{Name: "devpulse_csrf", Value: cookie})
			req.AddCookie(l.cookie(sessionCookie))
			resp, err := http.DefaultTransport.RoundTrip(req)
			if err != nil {
				t.Fatal(err)
			}
			return readPage(t, resp)
		}
		for _, tt := range []struct{ name, cookie, field string }{
			{"a pair the client chose", "evil-token", "evil-token"},
			{"the token from before sign-in", before, before},
		} {
			if p := post(tt.cookie, tt.field); p.status != http.StatusForbidden {
				t.Errorf("%s: %d", tt.name, p.status)
			}
		}
		var forged int64
		db.Table("teams").Where("path = ?", "Eng/Forged").Count(&forged)
		if forged != 0 {
			t.Fatal("a forged request created a team")
		}
		if p := post(after.Value, after.Value); p.status != http.StatusSeeOther {
			t.Errorf("the session's own token: %d", p.status)
		}
	})
}

// The session cookie and the CSRF cookie handed out at sign-in are
// HttpOnly and SameSite=Lax, and Secure when the site is served over https.
func TestSessionCookieAttributes(t *testing.T) {
	for _, base := range []string{"", "https://devpulse.example.com"} {
		l := startLive(t, testdb.SQLite(t), func(c *config.Config, _ *Deps) {
			if base != "" {
				c.BaseURL = base
			}
		})
		addAdmin(t, l, l.deps.DB, "ada@example.com", "Ada Lovelace")
		l.client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		form := loginForm("ada@example.com", adminPassword, "")
		form.Set("_csrf", l.csrfToken(t))
		resp, err := l.client.PostForm(l.URL+"/login", form)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		https := base != ""
		got := map[string]*http.Cookie{}
		for _, c := range resp.Cookies() {
			got[c.Name] = c
		}
		for _, name := range []string{sessionCookie, csrfCookie} {
			c := got[name]
			if c == nil || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Secure != https || c.Value == "" {
				t.Errorf("base %q: cookie %s %+v", base, name, c)
			}
		}
	}
}
