package web

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/config"
	"github.com/devpulse/devpulse/internal/directory"
)

// liveServer is the real app on a local port, with a browser-like client
// (cookie jar, follows redirects) and the server's log.
type liveServer struct {
	*Server
	URL    string
	client *http.Client
	logs   *syncBuffer
}

// syncBuffer is a log sink the server may write to while a test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startLive serves the app on db; configure may change the settings and
// dependencies first. Passwords hash at bcrypt's minimum cost, for speed.
func startLive(t *testing.T, db *gorm.DB, configure func(*config.Config, *Deps)) *liveServer {
	t.Helper()
	ts := httptest.NewUnstartedServer(nil)
	cfg := config.Load(func(string) string { return "" })
	cfg.BaseURL = "http://" + ts.Listener.Addr().String()
	logs := &syncBuffer{}
	d := Deps{DB: db, Logger: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})), Version: "test"}
	if configure != nil {
		configure(&cfg, &d)
	}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	d.Config = cfg
	s := mustServer(t, d)
	s.passwords = auth.NewPasswords(db, bcrypt.MinCost)
	ts.Config.Handler = s.Handler()
	ts.Start()
	t.Cleanup(ts.Close)
	jar, _ := cookiejar.New(nil)
	return &liveServer{Server: s, URL: ts.URL, client: &http.Client{Jar: jar, Timeout: 30 * time.Second}, logs: logs}
}

// page is one response, its body read.
type page struct {
	status   int
	body     string
	location string // final URL after redirects
	header   http.Header
}

func (l *liveServer) get(t *testing.T, path string) page {
	t.Helper()
	resp, err := l.client.Get(l.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	return readPage(t, resp)
}

// postForm posts a form with the CSRF token of the client's session.
func (l *liveServer) postForm(t *testing.T, path string, form url.Values) page {
	t.Helper()
	form.Set("_csrf", l.csrfToken(t))
	resp, err := l.client.PostForm(l.URL+path, form)
	if err != nil {
		t.Fatal(err)
	}
	return readPage(t, resp)
}

var csrfMetaRe = regexp.MustCompile(`name="csrf-token" content="([^"]+)"`)

// csrfToken loads a page so the client holds a CSRF cookie and returns
// the token forms carry.
func (l *liveServer) csrfToken(t *testing.T) string {
	t.Helper()
	p := l.get(t, "/")
	m := csrfMetaRe.FindStringSubmatch(p.body)
	if m == nil {
		t.Fatalf("no csrf-token on the start page (status %d)", p.status)
	}
	return m[1]
}

func (l *liveServer) cookie(name string) *http.Cookie {
	u, _ := url.Parse(l.URL)
	for _, c := range l.client.Jar.Cookies(u) {
		if c.Name == name {
			return c
		}
	}
	return nil
}

func readPage(t *testing.T, resp *http.Response) page {
	t.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return page{status: resp.StatusCode, body: string(b), location: resp.Request.URL.String(), header: resp.Header}
}

// has reports whether the page has an element with the data-testid.
func (p page) has(testid string) bool {
	return strings.Contains(p.body, `data-testid="`+testid+`"`)
}

// addPerson stores a person; active unless said otherwise.
func addPerson(t *testing.T, db *gorm.DB, email, name string, active bool) directory.Person {
	t.Helper()
	p := directory.Person{Email: email, Name: name, Active: active, CreatedAt: time.Now(), UpdatedAt: time.Now()}
	if err := directory.NewStore(db).CreatePerson(context.Background(), &p); err != nil {
		t.Fatal(err)
	}
	return p
}

func countRows(t *testing.T, db *gorm.DB, model any, where string, args ...any) int64 {
	t.Helper()
	var n int64
	q := db.Model(model)
	if where != "" {
		q = q.Where(where, args...)
	}
	if err := q.Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// httptestForm builds a form request that passes the CSRF check with the
// token "matrix-token".
func httptestForm(method, path string, form url.Values) *http.Request {
	req := httptest.NewRequest(method, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(&http.Cookie{Name: "devpulse_csrf", Value: "matrix-token"})
	return req
}

func serve(s *Server, req *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	return rec
}
