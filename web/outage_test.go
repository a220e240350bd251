package web

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/config"
	"github.com/devpulse/devpulse/internal/database"
	"github.com/devpulse/devpulse/internal/testdb"
)

// Past DEVPULSE_MAX_ACTIVE requests at work, another waits a moment and
// then gets 503 with Retry-After instead of queueing in memory; health
// checks still answer.
func TestBusyAnswers503(t *testing.T) {
	l := startLive(t, testdb.SQLite(t), func(c *config.Config, d *Deps) {
		c.MaxActive = "1"
		d.ActiveWait = time.Second
	})
	// Hold the only slot: a form whose body never finishes arriving.
	pr, pw := io.Pipe()
	defer pw.Close()
	req, _ := http.NewRequest(http.MethodPost, l.URL+"/login", pr)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	go func() {
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
		}
	}()
	pw.Write([]byte("email=a"))
	time.Sleep(200 * time.Millisecond)

	p := l.get(t, "/login")
	if p.status != http.StatusServiceUnavailable || p.header.Get("Retry-After") == "" || !strings.Contains(p.body, "busy") {
		t.Fatalf("with the slot taken: %d Retry-After %q", p.status, p.header.Get("Retry-After"))
	}
	if p := l.get(t, "/healthz"); p.status != http.StatusOK {
		t.Fatalf("health check while busy: %d", p.status)
	}
	pw.Close()
	time.Sleep(100 * time.Millisecond)
	if p := l.get(t, "/login"); p.status != http.StatusOK {
		t.Fatalf("after the slot is free: %d", p.status)
	}
}

// proxy forwards TCP connections to a database server until stopped, so a
// test can take the database away and bring it back, or read what is sent.
type proxy struct {
	target string
	ln     net.Listener
	mu     sync.Mutex
	conns  []net.Conn
}

// startProxy listens on addr; toServer, when not nil, copies each client's
// bytes to the server in place of io.Copy, to read them on the way.
func startProxy(t *testing.T, addr, target string, toServer func(client io.Reader, server io.Writer)) *proxy {
	t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{target: target, ln: ln}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			up, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, up)
			p.mu.Unlock()
			go func() {
				if toServer != nil {
					toServer(c, up)
				} else {
					io.Copy(up, c)
				}
				up.Close()
			}()
			go func() { io.Copy(c, up); c.Close() }()
		}
	}()
	t.Cleanup(p.stop)
	return p
}

// stop refuses new connections and cuts the open ones, as a database
// crash does.
func (p *proxy) stop() {
	p.ln.Close()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

// While PostgreSQL is unreachable every request that needs it gets 503
// with Retry-After and a message saying nothing was lost, not a 500; once
// it is back, pages work again without a restart.
func TestDatabaseOutageAnswers503(t *testing.T) {
	pgURL := testdb.PostgresURL(t)
	u, err := url.Parse(pgURL)
	if err != nil {
		t.Fatal(err)
	}
	px := startProxy(t, "127.0.0.1:0", u.Host, nil)
	addr := px.ln.Addr().String()
	u.Host = addr
	db, err := database.OpenPostgres(context.Background(), u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = database.Close(db) })
	s := newTestServer(t, db, "http://localhost")
	s.deps.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	f := newFixture(t, db)
	session, err := auth.NewSessions(db).Create(context.Background(), f.people[admin])
	if err != nil {
		t.Fatal(err)
	}
	get := func(path string) (int, string, string) {
		req, _ := http.NewRequest(http.MethodGet, path, nil)
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: session})
		rec := serve(s, req.WithContext(context.Background()))
		return rec.Code, rec.Header().Get("Retry-After"), rec.Body.String()
	}
	if code, _, _ := get("/admin/people"); code != http.StatusOK {
		t.Fatalf("before the outage: %d", code)
	}
	px.stop()
	for _, path := range []string{"/admin/people", "/teams", "/"} {
		code, retry, body := get(path)
		if code != http.StatusServiceUnavailable || retry == "" || !strings.Contains(body, "cannot reach its database") {
			t.Errorf("%s during the outage: %d Retry-After %q", path, code, retry)
		}
	}
	rec := f.formRequest(t, s, http.MethodPost, "/admin/teams", anonymous, url.Values{"path": {"Eng/Down"}})
	if rec.Code == http.StatusInternalServerError {
		t.Errorf("a form during the outage: 500")
	}
	startProxy(t, addr, px.target, nil)
	var code int
	for i := 0; i < 50; i++ {
		if code, _, _ = get("/admin/people"); code == http.StatusOK {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if code != http.StatusOK {
		t.Fatalf("after the outage: %d", code)
	}
}
