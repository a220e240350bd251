package web

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/app"
	"github.com/devpulse/devpulse/internal/config"
	"github.com/devpulse/devpulse/internal/database"
	"github.com/devpulse/devpulse/internal/jobs"
	"github.com/devpulse/devpulse/internal/testdb"
)

// newTestServer builds the real app on db with a base URL of baseURL.
func newTestServer(t testing.TB, db *gorm.DB, baseURL string) *Server {
	t.Helper()
	cfg := config.Load(func(string) string { return "" })
	cfg.BaseURL = baseURL
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	return mustServer(t, Deps{Config: cfg, DB: db, Jobs: testQueue(t, db), Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Version: "test"})
}

// mustServer builds the services on d's database and settings, as
// cmd/devpulse does, and the server on them.
func mustServer(t testing.TB, d Deps) *Server {
	t.Helper()
	svc, err := app.New(d.Config, d.DB, d.Jobs)
	if err != nil {
		t.Fatal(err)
	}
	d.Services = svc
	s, err := New(d)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func get(t *testing.T, h http.Handler, path string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	return rec
}

func TestHealthAndReady(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s := newTestServer(t, db, "http://localhost")
		if rec := get(t, s.Handler(), "/healthz"); rec.Code != http.StatusOK {
			t.Fatalf("healthz %d", rec.Code)
		}
		rec := get(t, s.Handler(), "/readyz")
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"status":"ok"`) {
			t.Fatalf("readyz %d %s", rec.Code, rec.Body)
		}
		// A database that is gone makes the replica unready, but still alive.
		database.Close(db)
		if rec := get(t, s.Handler(), "/readyz"); rec.Code != http.StatusServiceUnavailable {
			t.Fatalf("readyz with closed database: %d", rec.Code)
		}
		if rec := get(t, s.Handler(), "/healthz"); rec.Code != http.StatusOK {
			t.Fatalf("healthz with closed database: %d", rec.Code)
		}
	})
}

func TestReadyWhenMigrationsPending(t *testing.T) {
	db, err := database.OpenSQLite(context.Background(), t.TempDir()+"/empty.db")
	if err != nil {
		t.Fatal(err)
	}
	defer database.Close(db)
	s := newTestServer(t, db, "http://localhost")
	rec := get(t, s.Handler(), "/readyz")
	if rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), "migrations pending") {
		t.Fatalf("readyz on unmigrated database: %d %s", rec.Code, rec.Body)
	}
}

var requestIDRe = regexp.MustCompile(`data-testid="request-id">([A-Za-z0-9]+)<`)

func TestErrorPages(t *testing.T) {
	s := newTestServer(t, testdb.SQLite(t), "http://localhost")
	s.echo.GET("/test/fail", func(c echo.Context) error {
		return errors.New("pq: relation secret_table does not exist")
	})
	s.echo.GET("/test/panic", func(c echo.Context) error {
		panic("secret panic detail")
	})

	tests := []struct {
		path   string
		status int
		title  string
	}{
		{"/no/such/page", http.StatusNotFound, "Page not found"},
		{"/test/fail", http.StatusInternalServerError, "Something went wrong"},
		{"/test/panic", http.StatusInternalServerError, "Something went wrong"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			rec := get(t, s.Handler(), tt.path)
			body := rec.Body.String()
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d", rec.Code, tt.status)
			}
			if !strings.Contains(body, tt.title) {
				t.Errorf("page lacks %q", tt.title)
			}
			m := requestIDRe.FindStringSubmatch(body)
			if m == nil || m[1] != rec.Header().Get(echo.HeaderXRequestID) {
				t.Errorf("page must show the request ID %q", rec.Header().Get(echo.HeaderXRequestID))
			}
			if strings.Contains(body, "secret") {
				t.Errorf("page leaks internal error text")
			}
		})
	}
}

func TestSecurityHeaders(t *testing.T) {
	db := testdb.SQLite(t)
	for _, base := range []string{"http://localhost:8080", "https://devpulse.example.com"} {
		t.Run(base, func(t *testing.T) {
			rec := get(t, newTestServer(t, db, base).Handler(), "/")
			h := rec.Header()
			csp := h.Get("Content-Security-Policy")
			if !strings.Contains(csp, "frame-ancestors 'none'") || !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
				t.Errorf("CSP %q", csp)
			}
			if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") == "" {
				t.Errorf("headers %v", h)
			}
			https := strings.HasPrefix(base, "https")
			if got := h.Get("Strict-Transport-Security") != ""; got != https {
				t.Errorf("HSTS present=%v, want %v", got, https)
			}
			var csrf *http.Cookie
			for _, c := range rec.Result().Cookies() {
				if c.Name == "devpulse_csrf" {
					csrf = c
				}
			}
			if csrf == nil || !csrf.HttpOnly || csrf.SameSite != http.SameSiteLaxMode || csrf.Secure != https {
				t.Errorf("csrf cookie %+v", csrf)
			}
		})
	}
}

func TestPagesLoadNothingFromOtherHosts(t *testing.T) {
	s := newTestServer(t, testdb.SQLite(t), "http://localhost")
	for _, path := range []string{"/", "/no/such/page"} {
		body := get(t, s.Handler(), path).Body.String()
		if m := regexp.MustCompile(`(src|href)="(https?:)?//`).FindString(body); m != "" {
			t.Errorf("%s references another host: %s", path, m)
		}
		if strings.Contains(body, "<script>") || regexp.MustCompile(`<script[^>]*>[^<]`).MatchString(body) {
			t.Errorf("%s has an inline script", path)
		}
	}
}

func TestCSRF(t *testing.T) {
	s := newTestServer(t, testdb.SQLite(t), "http://localhost")
	s.echo.POST("/test/form", func(c echo.Context) error { return c.String(http.StatusOK, "saved") })
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}

	// Without a token the POST is refused.
	resp, err := client.PostForm(ts.URL+"/test/form", url.Values{"x": {"1"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("POST without token: %d", resp.StatusCode)
	}

	// A page gives the token; the form carries it back.
	resp, err = client.Get(ts.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := regexp.MustCompile(`name="csrf-token" content="([^"]+)"`).FindSubmatch(body)
	if m == nil {
		t.Fatal("page has no csrf-token meta")
	}
	resp, err = client.PostForm(ts.URL+"/test/form", url.Values{"_csrf": {string(m[1])}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("POST with token: %d", resp.StatusCode)
	}

	// A wrong token is refused too.
	resp, err = client.PostForm(ts.URL+"/test/form", url.Values{"_csrf": {"forged"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("POST with forged token: %d", resp.StatusCode)
	}
}

func TestStaticFilesAreHashedAndCached(t *testing.T) {
	s := newTestServer(t, testdb.SQLite(t), "http://localhost")
	url := s.deps.Assets.URL("css/app.css")
	rec := get(t, s.Handler(), url)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Header().Get("Content-Type"), "text/css") {
		t.Fatalf("%s: %d %s", url, rec.Code, rec.Header().Get("Content-Type"))
	}
	if cc := rec.Header().Get("Cache-Control"); !strings.Contains(cc, "immutable") {
		t.Errorf("cache-control %q", cc)
	}
	if rec := get(t, s.Handler(), "/static/000000000000/css/app.css"); rec.Code != http.StatusOK || rec.Header().Get("Cache-Control") != "no-cache" {
		t.Errorf("stale hash: %d %q", rec.Code, rec.Header().Get("Cache-Control"))
	}
	if rec := get(t, s.Handler(), "/static/x/nope.css"); rec.Code != http.StatusNotFound {
		t.Errorf("unknown file: %d", rec.Code)
	}
	for _, name := range []string{"js/htmx.min.js", "js/echarts.min.js", "js/app.js", "img/logo.svg"} {
		if rec := get(t, s.Handler(), s.deps.Assets.URL(name)); rec.Code != http.StatusOK || rec.Body.Len() == 0 {
			t.Errorf("%s: %d", name, rec.Code)
		}
	}
}

func TestShutdownLetsInFlightRequestsFinish(t *testing.T) {
	s := newTestServer(t, testdb.SQLite(t), "http://localhost")
	started := make(chan struct{})
	s.echo.GET("/test/slow", func(c echo.Context) error {
		close(started)
		time.Sleep(700 * time.Millisecond)
		return c.String(http.StatusOK, "finished")
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln) }()

	type result struct {
		status int
		body   string
		err    error
	}
	done := make(chan result, 1)
	go func() {
		resp, err := http.Get("http://" + ln.Addr().String() + "/test/slow")
		if err != nil {
			done <- result{err: err}
			return
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		done <- result{status: resp.StatusCode, body: string(b)}
	}()
	<-started
	cancel() // as on SIGTERM
	r := <-done
	if r.err != nil || r.status != http.StatusOK || r.body != "finished" {
		t.Fatalf("in-flight request: %+v", r)
	}
	if err := <-served; err != nil {
		t.Fatalf("Serve returned %v", err)
	}
	if _, err := http.Get("http://" + ln.Addr().String() + "/healthz"); err == nil {
		t.Fatal("server still accepts requests after shutdown")
	}
}

// testQueue is an insert-only job runner: tests that need jobs worked start
// their own runner.
func testQueue(t testing.TB, db *gorm.DB) *jobs.Runner {
	t.Helper()
	q, err := jobs.New(db, nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	return q
}
