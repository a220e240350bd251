package e2e

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/oauth2-proxy/mockoidc"
	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/config"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/testbrowser"
	"github.com/devpulse/devpulse/internal/testdb"
	"github.com/devpulse/devpulse/web"
	"github.com/devpulse/devpulse/web/webtest"
)

// startConfigured serves the app like startServer, after configure has
// changed its settings and dependencies.
func startConfigured(t testing.TB, db *gorm.DB, configure func(*config.Config, *web.Deps)) string {
	t.Helper()
	ts := httptest.NewUnstartedServer(nil)
	cfg := config.Load(func(string) string { return "" })
	cfg.BaseURL = "http://" + ts.Listener.Addr().String()
	d := web.Deps{DB: db, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Version: "test"}
	configure(&cfg, &d)
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	d.Config = cfg
	ts.Config.Handler = webtest.Server(t, d).Handler()
	ts.Start()
	t.Cleanup(ts.Close)
	return ts.URL
}

// addPerson stores an active person, optionally an admin with a password.
func addPerson(t *testing.T, db *gorm.DB, email, name string, adminPassword string) directory.Person {
	t.Helper()
	ctx := context.Background()
	p := directory.Person{Email: email, Name: name, Active: true, CreatedAt: time.Now(), UpdatedAt: time.Now()}
	if err := directory.NewStore(db).CreatePerson(ctx, &p); err != nil {
		t.Fatal(err)
	}
	if adminPassword != "" {
		if _, err := directory.AddGrant(ctx, db, p.ID, directory.RoleAdmin, nil); err != nil {
			t.Fatal(err)
		}
		if err := auth.NewPasswords(db, bcrypt.MinCost).Set(ctx, db, p, adminPassword); err != nil {
			t.Fatal(err)
		}
	}
	return p
}

func TestPasswordLogin(t *testing.T) {
	db := testdb.SQLite(t)
	addPerson(t, db, "grace@example.com", "Grace Hopper", "correct horse battery")
	base := startConfigured(t, db, func(*config.Config, *web.Deps) {})
	b := testbrowser.New(t)

	var greeting, user string
	b.Run(
		chromedp.Navigate(base+"/"),
		chromedp.Click(`a[href="/login"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid="login-password"]`, chromedp.ByQuery),
		chromedp.SendKeys(`#login-email`, "grace@example.com", chromedp.ByQuery),
		chromedp.SendKeys(`#login-password`, "correct horse battery", chromedp.ByQuery),
	)
	b.Screenshot("login")
	b.Run(
		chromedp.Click(`[data-testid="password-submit"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid="home"]`, chromedp.ByQuery),
		chromedp.Text("h1", &greeting, chromedp.ByQuery),
		chromedp.Text(`[data-testid="user-name"]`, &user, chromedp.ByQuery),
	)
	if !strings.Contains(greeting, "Grace Hopper") || user != "Grace Hopper" {
		t.Fatalf("home page: heading %q, user %q", greeting, user)
	}
	b.Screenshot("login-home")

	// A wrong password keeps the person on the form with a message.
	b.Expect("status of 401 (Unauthorized) (" + base + "/login)")
	var msg string
	b.Run(
		chromedp.Click(`.site-user button[type="submit"]`, chromedp.ByQuery), // sign out
		chromedp.WaitVisible(`[data-testid="landing"]`, chromedp.ByQuery),
		chromedp.Navigate(base+"/login"),
		chromedp.SendKeys(`#login-email`, "grace@example.com", chromedp.ByQuery),
		chromedp.SendKeys(`#login-password`, "not the password", chromedp.ByQuery),
		chromedp.Click(`[data-testid="password-submit"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid="login-error"]`, chromedp.ByQuery),
		chromedp.Text(`[data-testid="login-error"]`, &msg, chromedp.ByQuery),
	)
	if !strings.Contains(msg, "do not match") {
		t.Fatalf("error message %q", msg)
	}
	b.Run(chromedp.EmulateViewport(375, 812), chromedp.Reload())
	b.Screenshot("login-phone")
}

func TestOIDCLogin(t *testing.T) {
	m, err := mockoidc.Run()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = m.Shutdown() })
	db := testdb.SQLite(t)
	addPerson(t, db, "ada@example.com", "Ada Lovelace", "")
	base := startConfigured(t, db, func(c *config.Config, _ *web.Deps) {
		c.OIDCIssuer, c.OIDCClientID, c.OIDCClientSecret = m.Issuer(), m.ClientID, m.ClientSecret
	})
	b := testbrowser.New(t)

	m.QueueUser(&mockoidc.MockUser{Subject: "ada", Email: "Ada@Example.com", EmailVerified: true})
	var greeting, path string
	b.Run(
		chromedp.Navigate(base+"/login"),
		chromedp.WaitVisible(`[data-testid="sso-button"]`, chromedp.ByQuery),
	)
	b.Screenshot("login-sso")
	b.Run(
		chromedp.Click(`[data-testid="sso-button"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid="home"]`, chromedp.ByQuery),
		chromedp.Text("h1", &greeting, chromedp.ByQuery),
		chromedp.Evaluate(`location.pathname`, &path),
	)
	if !strings.Contains(greeting, "Ada Lovelace") || path != "/" {
		t.Fatalf("after SSO: heading %q at %q", greeting, path)
	}

	// Someone the directory does not know is refused, politely.
	b.Expect("status of 403 (Forbidden) (" + base + "/auth/oidc/callback?")
	m.QueueUser(&mockoidc.MockUser{Subject: "eve", Email: "eve@example.com", EmailVerified: true})
	var refusal string
	b.Run(
		chromedp.Click(`.site-user button[type="submit"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid="landing"]`, chromedp.ByQuery),
		chromedp.Navigate(base+"/login"),
		chromedp.Click(`[data-testid="sso-button"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid="login-refused"]`, chromedp.ByQuery),
		chromedp.Text(`[data-testid="login-refused"]`, &refusal, chromedp.ByQuery),
	)
	if !strings.Contains(refusal, "isn't in the devpulse directory") {
		t.Fatalf("refusal %q", refusal)
	}
	b.Screenshot("login-refused")
}

func TestDemoLogin(t *testing.T) {
	db := testdb.SQLite(t)
	lead := addPerson(t, db, "lin@example.com", "Lin Lead", "")
	team, err := directory.EnsureTeam(context.Background(), db, "Engineering/Platform")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := directory.AddGrant(context.Background(), db, lead.ID, directory.RoleLead, &team.ID); err != nil {
		t.Fatal(err)
	}
	addPerson(t, db, "ann@example.com", "Ann Admin", "correct horse battery")
	for _, name := range []string{"Rae Respondent", "Sam Engineer", "Tia Tester"} {
		addPerson(t, db, strings.ToLower(strings.Fields(name)[0])+"@example.com", name, "")
	}
	base := startConfigured(t, db, func(_ *config.Config, d *web.Deps) { d.Demo = true })
	b := testbrowser.New(t)

	var banner, first string
	b.Run(
		chromedp.Navigate(base+"/login"),
		chromedp.WaitVisible(`[data-testid="demo-personas"]`, chromedp.ByQuery),
		chromedp.Text(`[data-testid="demo-banner"]`, &banner, chromedp.ByQuery),
		chromedp.Text(`[data-testid="persona"] .persona-name`, &first, chromedp.ByQuery),
	)
	if !strings.Contains(banner, "Demo mode") || first != "Ann Admin" {
		t.Fatalf("banner %q, first persona %q", banner, first)
	}
	b.Screenshot("login-demo")
	var greeting string
	var banners int
	b.Run(
		chromedp.Click(`//button[@data-testid="persona"][.//span[text()="Lin Lead"]]`, chromedp.BySearch),
		chromedp.WaitVisible(`[data-testid="home"]`, chromedp.ByQuery),
		chromedp.Text("h1", &greeting, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll('[data-testid="demo-banner"]').length`, &banners),
	)
	if !strings.Contains(greeting, "Lin Lead") || banners != 1 {
		t.Fatalf("after choosing a persona: heading %q, %d banners", greeting, banners)
	}
}
