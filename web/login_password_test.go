package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"

	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/config"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/testdb"
)

const adminPassword = "correct horse battery"

// addAdmin stores an active admin with a local password.
func addAdmin(t *testing.T, l *liveServer, db *gorm.DB, email, name string) directory.Person {
	t.Helper()
	p := addPerson(t, db, email, name, true)
	if _, err := directory.AddGrant(context.Background(), db, p.ID, directory.RoleAdmin, nil); err != nil {
		t.Fatal(err)
	}
	if err := l.passwords.Set(context.Background(), db, p, adminPassword); err != nil {
		t.Fatal(err)
	}
	return p
}

func loginForm(email, password, next string) url.Values {
	return url.Values{"email": {email}, "password": {password}, "next": {next}}
}

func TestLoginPage(t *testing.T) {
	l := startLive(t, testdb.SQLite(t), nil)
	p := l.get(t, "/login?next="+url.QueryEscape("/admin/people?page=2"))
	if p.status != http.StatusOK || !p.has("login") || !p.has("login-password") {
		t.Fatalf("%d\n%s", p.status, p.body)
	}
	if p.has("login-sso") || p.has("demo-personas") {
		t.Error("only the password form without SSO and demo mode")
	}
	if !strings.Contains(p.body, `name="next" value="/admin/people?page=2"`) {
		t.Error("the password form must carry next")
	}
	if strings.Contains(p.body, "style=") || regexp.MustCompile(`<script[^>]*>[^<]`).MatchString(p.body) {
		t.Error("inline style or script: the CSP forbids them")
	}
	// An unsafe next is replaced, not echoed.
	p = l.get(t, "/login?next="+url.QueryEscape("https://evil.example.com/"))
	if strings.Contains(p.body, "evil.example.com") {
		t.Error("an address elsewhere is carried as next")
	}
}

func TestPasswordSignIn(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		l := startLive(t, db, nil)
		ada := addAdmin(t, l, db, "ada@example.com", "Ada Lovelace")

		p := l.postForm(t, "/login", loginForm("ADA@example.com", adminPassword, "/no/such/page"))
		if u, _ := url.Parse(p.location); u.Path != "/no/such/page" {
			t.Fatalf("landed at %s, want the next page", p.location)
		}
		p = l.get(t, "/")
		if !p.has("home") || !strings.Contains(p.body, "Ada Lovelace") {
			t.Fatalf("home after sign-in:\n%s", p.body)
		}
		if n := countRows(t, db, &auth.Session{}, "person_id = ?", ada.ID); n != 1 {
			t.Fatalf("%d sessions, want 1", n)
		}
		if ck := l.cookie(sessionCookie); ck == nil {
			t.Fatal("no session cookie")
		}
		// Signed in, /login sends the person on.
		noFollow := *l.client
		noFollow.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		resp, err := noFollow.Get(l.URL + "/login")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
			t.Fatalf("/login when signed in: %d %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		logs := strings.ToLower(l.logs.String())
		if strings.Contains(logs, "ada@example.com") || strings.Contains(logs, adminPassword) {
			t.Fatalf("the log holds the email or the password:\n%s", logs)
		}
	})
}

func TestPasswordSignInNewSessionID(t *testing.T) {
	db := testdb.SQLite(t)
	l := startLive(t, db, nil)
	addAdmin(t, l, db, "ada@example.com", "Ada Lovelace")
	l.postForm(t, "/login", loginForm("ada@example.com", adminPassword, ""))
	first := l.cookie(sessionCookie).Value
	l.postForm(t, "/login", loginForm("ada@example.com", adminPassword, ""))
	second := l.cookie(sessionCookie).Value
	if first == second {
		t.Fatal("signing in again must issue a new session ID")
	}
	if n := countRows(t, db, &auth.Session{}, ""); n != 1 {
		t.Fatalf("the old session must end: %d sessions", n)
	}
}

func TestPasswordSignInRefusals(t *testing.T) {
	db := testdb.SQLite(t)
	l := startLive(t, db, nil)
	addAdmin(t, l, db, "ada@example.com", "Ada Lovelace")
	addPerson(t, db, "sso-only@example.com", "Sso Only", true)

	var wrongMessage string
	for _, tt := range []struct {
		name, email, password string
		status                int
	}{
		{"empty", "", "", http.StatusUnprocessableEntity},
		{"wrong password", "ada@example.com", "not the password", http.StatusUnauthorized},
		{"unknown email", "nobody@example.com", adminPassword, http.StatusUnauthorized},
		{"no password set", "sso-only@example.com", adminPassword, http.StatusUnauthorized},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := l.postForm(t, "/login", loginForm(tt.email, tt.password, "/"))
			if p.status != tt.status || !p.has("login-error") || !p.has("login-password") {
				t.Fatalf("%d, want %d\n%s", p.status, tt.status, p.body)
			}
			if strings.Contains(p.body, tt.password) && tt.password != "" {
				t.Error("the page echoes the password")
			}
			if tt.status == http.StatusUnauthorized {
				msg := p.body[strings.Index(p.body, `data-testid="login-error">`):]
				msg = msg[:strings.Index(msg, "<")]
				if wrongMessage != "" && msg != wrongMessage {
					t.Errorf("messages differ: %q vs %q", msg, wrongMessage)
				}
				wrongMessage = msg
			}
		})
	}
	if l.cookie(sessionCookie) != nil || countRows(t, db, &auth.Session{}, "") != 0 {
		t.Fatal("a refused sign-in started a session")
	}
}

func TestPasswordAccountLimit(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		l := startLive(t, db, nil)
		addAdmin(t, l, db, "ada@example.com", "Ada Lovelace")
		for i := 1; i <= auth.MaxAccountFailures; i++ {
			if p := l.postForm(t, "/login", loginForm("ada@example.com", "wrong password!", "")); p.status != http.StatusUnauthorized {
				t.Fatalf("failure %d: %d", i, p.status)
			}
		}
		if n := failures(t, db, auth.AttemptAccount, "ada@example.com"); n != auth.MaxAccountFailures {
			t.Fatalf("%d account failures, want %d", n, auth.MaxAccountFailures)
		}
		// The right password is not even checked now.
		p := l.postForm(t, "/login", loginForm("Ada@Example.com", adminPassword, ""))
		if p.status != http.StatusTooManyRequests || !strings.Contains(p.body, "Too many failed sign-in attempts") {
			t.Fatalf("over the limit: %d\n%s", p.status, p.body)
		}
		if l.cookie(sessionCookie) != nil {
			t.Fatal("signed in past the limit")
		}
		if n := failures(t, db, auth.AttemptAccount, "ada@example.com"); n != auth.MaxAccountFailures {
			t.Fatalf("%d failures: a refused attempt must not be counted", n)
		}
	})
}

// failures is the count of failed sign-ins of an account or address.
func failures(t *testing.T, db *gorm.DB, kind, key string) int64 {
	t.Helper()
	n, err := auth.NewPasswords(db, bcrypt.MinCost).Failures(context.Background(), kind, key)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// Sixty wrong passwords sent at once for one account: the first few are
// checked (401), the rest are refused (429) without checking, on both
// databases.
func TestPasswordLimitUnderConcurrency(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		l := startLive(t, db, nil)
		addAdmin(t, l, db, "ada@example.com", "Ada Lovelace")
		token := l.csrfToken(t)
		const n = 60
		statuses := make(chan int, n)
		var wg sync.WaitGroup
		for i := 0; i < n; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				form := loginForm("ada@example.com", "wrong password!", "")
				form.Set("_csrf", token)
				resp, err := l.client.PostForm(l.URL+"/login", form)
				if err != nil {
					t.Error(err)
					return
				}
				resp.Body.Close()
				statuses <- resp.StatusCode
			}()
		}
		wg.Wait()
		close(statuses)
		got := map[int]int{}
		for st := range statuses {
			got[st]++
		}
		if got[http.StatusUnauthorized] != auth.MaxAccountFailures || got[http.StatusTooManyRequests] != n-auth.MaxAccountFailures {
			t.Fatalf("statuses %v: want %d checked (401) and the rest refused (429)", got, auth.MaxAccountFailures)
		}
	})
}

func TestPasswordSuccessClearsAccountFailures(t *testing.T) {
	db := testdb.SQLite(t)
	l := startLive(t, db, nil)
	addAdmin(t, l, db, "ada@example.com", "Ada Lovelace")
	for i := 0; i < auth.MaxAccountFailures-1; i++ {
		l.postForm(t, "/login", loginForm("ada@example.com", "wrong password!", ""))
	}
	if p := l.postForm(t, "/login", loginForm("ada@example.com", adminPassword, "")); !p.has("home") {
		t.Fatalf("right password under the limit: %d", p.status)
	}
	if n := failures(t, db, auth.AttemptAccount, "ada@example.com"); n != 0 {
		t.Fatalf("%d account failures after success, want 0", n)
	}
}

func TestPasswordAddressLimit(t *testing.T) {
	db := testdb.SQLite(t)
	l := startLive(t, db, nil)
	addAdmin(t, l, db, "ada@example.com", "Ada Lovelace")
	// Guesses across many accounts from one address (the test client's).
	for i := 1; i <= auth.MaxAddressFailures; i++ {
		email := strings.Repeat("x", i) + "@example.com"
		if p := l.postForm(t, "/login", loginForm(email, "wrong password!", "")); p.status != http.StatusUnauthorized {
			t.Fatalf("failure %d: %d", i, p.status)
		}
	}
	if n := failures(t, db, auth.AttemptAddress, "127.0.0.1"); n != auth.MaxAddressFailures {
		t.Fatalf("%d address failures for 127.0.0.1, want %d", n, auth.MaxAddressFailures)
	}
	p := l.postForm(t, "/login", loginForm("ada@example.com", adminPassword, ""))
	if p.status != http.StatusTooManyRequests {
		t.Fatalf("from a blocked address: %d", p.status)
	}
}

func TestClientAddress(t *testing.T) {
	tests := []struct {
		name, trusted, remote, xff, want string
	}{
		{"direct client", "", "198.51.100.7:41000", "", "198.51.100.7"},
		{"direct client forging the header", "", "198.51.100.7:41000", "203.0.113.50", "198.51.100.7"},
		{"private peer, no proxies configured", "", "10.0.0.5:41000", "203.0.113.50", "10.0.0.5"},
		{"loopback peer, no proxies configured", "", "127.0.0.1:41000", "203.0.113.50", "127.0.0.1"},
		{"behind a configured proxy", "10.0.0.0/24", "10.0.0.5:41000", "203.0.113.50", "203.0.113.50"},
		{"forged entry before the proxy's", "10.0.0.0/24", "10.0.0.5:41000", "192.0.2.1, 203.0.113.50", "203.0.113.50"},
		{"peer outside the configured range", "10.0.0.0/24", "10.0.1.5:41000", "203.0.113.50", "10.0.1.5"},
		{"a single trusted address", "10.0.0.5", "10.0.0.5:41000", "203.0.113.50", "203.0.113.50"},
	}
	db := testdb.SQLite(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := config.Load(func(string) string { return "" })
			cfg.TrustedProxies = tt.trusted
			if err := cfg.Validate(); err != nil {
				t.Fatal(err)
			}
			e := mustServer(t, Deps{Config: cfg, DB: db, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}).echo
			req := httptest.NewRequest(http.MethodPost, "/login", nil)
			req.RemoteAddr = tt.remote
			if tt.xff != "" {
				req.Header.Set("X-Forwarded-For", tt.xff)
			}
			if got := clientAddress(e.NewContext(req, httptest.NewRecorder())); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
