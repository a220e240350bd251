package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/golang-jwt/jwt/v5"
	"github.com/oauth2-proxy/mockoidc"
	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/config"
	"github.com/devpulse/devpulse/internal/testdb"
)

// startProvider runs a real OpenID Connect provider in the test.
func startProvider(t *testing.T) *mockoidc.MockOIDC {
	t.Helper()
	m, err := mockoidc.Run()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = m.Shutdown() })
	return m
}

// withProvider configures single sign-on against m.
func withProvider(m *mockoidc.MockOIDC) func(*config.Config, *Deps) {
	return func(c *config.Config, _ *Deps) {
		c.OIDCIssuer = m.Issuer()
		c.OIDCClientID = m.ClientID
		c.OIDCClientSecret = m.ClientSecret
	}
}

func providerUser(email string) *mockoidc.MockUser {
	return &mockoidc.MockUser{Subject: "sub-" + email, Email: email, EmailVerified: true}
}

// unverifiedUser sends email_verified: false, which MockUser leaves out.
type unverifiedUser struct{ *mockoidc.MockUser }

func (u unverifiedUser) Claims(_ []string, base *mockoidc.IDTokenClaims) (jwt.Claims, error) {
	return &struct {
		*mockoidc.IDTokenClaims
		Email         string `json:"email"`
		EmailVerified bool   `json:"email_verified"`
	}{base, u.Email, false}, nil
}

func TestOIDCSignIn(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		m := startProvider(t)
		ada := addPerson(t, db, "ada@example.com", "Ada Lovelace", true)
		l := startLive(t, db, withProvider(m))

		// The sign-in page offers single sign-on, carrying next.
		p := l.get(t, "/login?next=/somewhere")
		if !p.has("sso-button") || !strings.Contains(p.body, `href="/auth/oidc/login?next=%2Fsomewhere"`) {
			t.Fatalf("login page lacks the SSO link:\n%s", p.body)
		}

		// The email matches whatever its case at the provider.
		m.QueueUser(providerUser("Ada@Example.COM"))
		p = l.get(t, "/auth/oidc/login")
		if p.status != http.StatusOK || !p.has("home") || !strings.Contains(p.body, "Ada Lovelace") {
			t.Fatalf("after SSO: %d at %s\n%s", p.status, p.location, p.body)
		}
		if !strings.HasSuffix(p.location, "/") {
			t.Fatalf("landed at %s, want /", p.location)
		}
		if n := countRows(t, db, &auth.Session{}, "person_id = ?", ada.ID); n != 1 {
			t.Fatalf("%d sessions for Ada, want 1", n)
		}
		if l.cookie(sessionCookie) == nil {
			t.Fatal("no session cookie")
		}
		if l.cookie(oidcCookie) != nil {
			t.Fatal("the one-time sign-in cookie must be cleared")
		}
		if strings.Contains(strings.ToLower(l.logs.String()), "ada@example.com") {
			t.Fatal("the log holds the email address")
		}
		if strings.Contains(l.logs.String(), m.ClientSecret) {
			t.Fatal("the log holds the client secret")
		}
	})
}

func TestOIDCCarriesNext(t *testing.T) {
	db := testdb.SQLite(t)
	m := startProvider(t)
	addPerson(t, db, "ada@example.com", "Ada Lovelace", true)
	l := startLive(t, db, withProvider(m))
	m.QueueUser(providerUser("ada@example.com"))
	// An address elsewhere is not followed; a path on this site is.
	p := l.get(t, "/auth/oidc/login?next="+url.QueryEscape("//evil.example.com/x"))
	if u, _ := url.Parse(p.location); u.Path != "/" || u.Host != strings.TrimPrefix(l.URL, "http://") {
		t.Fatalf("unsafe next followed to %s", p.location)
	}
	l.client.Jar.SetCookies(mustURL(l.URL), []*http.Cookie{{Name: sessionCookie, Value: "", MaxAge: -1}})
	m.QueueUser(providerUser("ada@example.com"))
	p = l.get(t, "/auth/oidc/login?next="+url.QueryEscape("/no/such/page?x=1"))
	if u, _ := url.Parse(p.location); u.Path != "/no/such/page" || u.RawQuery != "x=1" {
		t.Fatalf("landed at %s, want /no/such/page?x=1", p.location)
	}
}

func TestOIDCRefusals(t *testing.T) {
	db := testdb.SQLite(t)
	m := startProvider(t)
	addPerson(t, db, "gone@example.com", "Gone Person", false)
	l := startLive(t, db, withProvider(m))

	tests := []struct {
		name string
		user mockoidc.User
		want string
	}{
		{"unknown email", providerUser("stranger@example.com"), "in the devpulse directory"},
		{"deactivated person", providerUser("gone@example.com"), "in the devpulse directory"},
		{"unverified email", unverifiedUser{providerUser("gone@example.com")}, "has not verified"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m.QueueUser(tt.user)
			p := l.get(t, "/auth/oidc/login")
			if p.status != http.StatusForbidden || !p.has("login-refused") || !strings.Contains(p.body, tt.want) {
				t.Fatalf("%d\n%s", p.status, p.body)
			}
			if !strings.Contains(p.body, "Ask your devpulse admins") && tt.name != "unverified email" {
				t.Error("the refusal must say whom to ask")
			}
			// Nothing about the person leaks: the deactivated one looks unknown.
			if strings.Contains(p.body, "Gone Person") || strings.Contains(p.body, "deactivated") {
				t.Error("the refusal reveals directory details")
			}
			if n := countRows(t, db, &auth.Session{}, ""); n != 0 {
				t.Fatalf("%d sessions after a refusal", n)
			}
			if l.cookie(sessionCookie) != nil {
				t.Fatal("a refusal set a session cookie")
			}
		})
	}
}

func TestOIDCBadState(t *testing.T) {
	db := testdb.SQLite(t)
	m := startProvider(t)
	addPerson(t, db, "ada@example.com", "Ada Lovelace", true)
	l := startLive(t, db, withProvider(m))

	// Stop at the provider's answer, then tamper with the state.
	noFollow := *l.client
	noFollow.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if strings.HasPrefix(req.URL.Path, "/auth/oidc/callback") {
			return http.ErrUseLastResponse
		}
		return nil
	}
	m.QueueUser(providerUser("ada@example.com"))
	resp, err := noFollow.Get(l.URL + "/auth/oidc/login")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	callback, err := url.Parse(resp.Header.Get("Location"))
	if err != nil || callback.Query().Get("state") == "" || callback.Query().Get("code") == "" {
		t.Fatalf("provider answered %d, location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	q := callback.Query()
	q.Set("state", "forged")
	p := l.get(t, "/auth/oidc/callback?"+q.Encode())
	if p.status != http.StatusBadRequest || !strings.Contains(p.body, "no longer valid") {
		t.Fatalf("forged state: %d\n%s", p.status, p.body)
	}
	// The cookie was used up: the genuine answer does not work afterwards.
	p = l.get(t, callback.RequestURI())
	if p.status != http.StatusBadRequest {
		t.Fatalf("replayed after a failed attempt: %d", p.status)
	}
	// Without any sign-in cookie at all.
	fresh := startLive(t, db, withProvider(m))
	if p := fresh.get(t, "/auth/oidc/callback?state=x&code=y"); p.status != http.StatusBadRequest {
		t.Fatalf("callback without a flow: %d", p.status)
	}
	if n := countRows(t, db, &auth.Session{}, ""); n != 0 {
		t.Fatalf("%d sessions after bad states", n)
	}
}

func TestOIDCCookieAttributes(t *testing.T) {
	db := testdb.SQLite(t)
	m := startProvider(t)
	for _, base := range []string{"http://localhost:8080", "https://devpulse.example.com"} {
		t.Run(base, func(t *testing.T) {
			s := newTestServer(t, db, base)
			s.oidc = auth.NewOIDC(m.Issuer(), m.ClientID, m.ClientSecret, base+"/auth/oidc/callback")
			rec := get(t, s.Handler(), "/auth/oidc/login")
			if rec.Code != http.StatusFound || !strings.HasPrefix(rec.Header().Get("Location"), m.AuthorizationEndpoint()) {
				t.Fatalf("%d %q", rec.Code, rec.Header().Get("Location"))
			}
			target, _ := url.Parse(rec.Header().Get("Location"))
			q := target.Query()
			if q.Get("state") == "" || q.Get("nonce") == "" || q.Get("code_challenge_method") != "S256" || q.Get("code_challenge") == "" {
				t.Errorf("authorization request lacks state, nonce or PKCE: %v", q)
			}
			if q.Get("redirect_uri") != base+"/auth/oidc/callback" {
				t.Errorf("redirect_uri %q", q.Get("redirect_uri"))
			}
			if strings.Contains(target.String(), m.ClientSecret) {
				t.Error("the browser is sent the client secret")
			}
			var ck *http.Cookie
			for _, c := range rec.Result().Cookies() {
				if c.Name == oidcCookie {
					ck = c
				}
			}
			https := strings.HasPrefix(base, "https")
			if ck == nil || !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Secure != https || ck.MaxAge <= 0 || ck.MaxAge > 600 {
				t.Fatalf("sign-in cookie %+v", ck)
			}
			if strings.Contains(ck.Value, m.ClientSecret) {
				t.Error("the cookie holds the client secret")
			}
		})
	}
}

func TestOIDCDiscoveryFailure(t *testing.T) {
	db := testdb.SQLite(t)
	l := startLive(t, db, func(c *config.Config, _ *Deps) {
		c.OIDCIssuer = "http://127.0.0.1:1/oidc" // nothing listens there
		c.OIDCClientID = "devpulse"
		c.OIDCClientSecret = "never-shown-secret"
	})
	p := l.get(t, "/login")
	if p.status != http.StatusOK || !p.has("sso-unavailable") || p.has("sso-button") || !p.has("login-password") {
		t.Fatalf("login page with the provider down: %d\n%s", p.status, p.body)
	}
	p = l.get(t, "/auth/oidc/login")
	if p.status != http.StatusServiceUnavailable || !p.has("sso-unavailable") {
		t.Fatalf("SSO start with the provider down: %d\n%s", p.status, p.body)
	}
	logs := l.logs.String()
	if strings.Count(logs, "provider discovery failed") != 1 {
		t.Errorf("want the failure logged once until the next try:\n%s", logs)
	}
	if strings.Contains(logs, "never-shown-secret") {
		t.Error("the log holds the client secret")
	}
}

func TestOIDCNotConfigured(t *testing.T) {
	s := newTestServer(t, testdb.SQLite(t), "http://localhost")
	rec := get(t, s.Handler(), "/login")
	if rec.Code != http.StatusOK || strings.Contains(rec.Body.String(), `data-testid="login-sso"`) {
		t.Fatalf("login page without SSO: %d", rec.Code)
	}
	for _, path := range []string{"/auth/oidc/login", "/auth/oidc/callback?state=x&code=y"} {
		if rec := get(t, s.Handler(), path); rec.Code != http.StatusNotFound {
			t.Errorf("%s without SSO: %d", path, rec.Code)
		}
	}
}

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}
