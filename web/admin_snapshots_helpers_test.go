package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/directory"
)

// adminClient sends requests to the real app as a signed-in admin, with a
// valid CSRF token, and carries the flash cookie to the next request as a
// browser would.
type adminClient struct {
	t      *testing.T
	s      *Server
	db     *gorm.DB
	cookie string
	flash  *http.Cookie
}

func newAdminClient(t *testing.T, db *gorm.DB) *adminClient {
	t.Helper()
	ctx := context.Background()
	p := directory.Person{Email: "grace@example.com", Name: "Grace Admin", Active: true, CreatedAt: time.Now(), UpdatedAt: time.Now()}
	if err := directory.NewStore(db).CreatePerson(ctx, &p); err != nil {
		t.Fatal(err)
	}
	if _, err := directory.AddGrant(ctx, db, p.ID, directory.RoleAdmin, nil); err != nil {
		t.Fatal(err)
	}
	token, err := auth.NewSessions(db).Create(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	return &adminClient{t: t, s: newTestServer(t, db, "http://localhost"), db: db, cookie: token}
}

func (a *adminClient) get(path string) *httptest.ResponseRecorder {
	a.t.Helper()
	return a.do(http.MethodGet, path, nil)
}

func (a *adminClient) post(path string, form url.Values) *httptest.ResponseRecorder {
	a.t.Helper()
	return a.do(http.MethodPost, path, form)
}

func (a *adminClient) do(method, path string, form url.Values) *httptest.ResponseRecorder {
	a.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	var req *http.Request
	if method == http.MethodGet {
		req = httptest.NewRequest(method, path, nil)
	} else {
		form.Set("_csrf", sessionCSRFToken(a.cookie))
		req = httptest.NewRequest(method, path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	req.AddCookie(&http.Cookie{Name: "devpulse_csrf", Value: sessionCSRFToken(a.cookie)})
	req.AddCookie(&http.Cookie{Name: sessionCookie, Value: a.cookie})
	if a.flash != nil {
		req.AddCookie(a.flash)
		a.flash = nil
	}
	rec := httptest.NewRecorder()
	a.s.Handler().ServeHTTP(rec, req)
	for _, c := range rec.Result().Cookies() {
		if c.Name == flashCookie && c.MaxAge > 0 {
			a.flash = c
		}
	}
	return rec
}

// expect checks the status of a response, showing the page when it is off.
func expect(t *testing.T, rec *httptest.ResponseRecorder, status int) {
	t.Helper()
	if rec.Code != status {
		body := rec.Body.String()
		if len(body) > 3000 {
			body = body[:3000]
		}
		t.Fatalf("status %d, want %d (location %q)\n%s", rec.Code, status, rec.Header().Get("Location"), body)
	}
}

// testText returns the text inside the first element with data-testid=id.
func testText(body, id string) string {
	re := regexp.MustCompile(`data-testid="` + regexp.QuoteMeta(id) + `"[^>]*>([^<]*)<`)
	m := re.FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return strings.TrimSpace(m[1])
}

// inputValue returns the value attribute of the input with this ID.
func inputValue(body, id string) string {
	re := regexp.MustCompile(`<input[^>]*id="` + regexp.QuoteMeta(id) + `"[^>]*value="([^"]*)"`)
	m := re.FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return m[1]
}
