package web

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/testdb"
)

// tokensRequest sends a request as a fixture persona, with a form body
// and a valid CSRF token.
func tokensRequest(t testing.TB, s *Server, f *fixture, who persona, method, path string, form url.Values) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(form.Encode()))
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	session, err := auth.NewSessions(f.db).Create(context.Background(), f.people[who])
	if err != nil {
		t.Fatal(err)
	}
	req.AddCookie(&http.Cookie{Name: "devpulse_csrf", Value: sessionCSRFToken(session)})
	req.Header.Set("X-CSRF-Token", sessionCSRFToken(session))
	req.AddCookie(&http.Cookie{Name: sessionCookie, Value: session})
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	return rec
}

// bearerGet calls an API route with a bearer token ("" sends none).
func bearerGet(t *testing.T, s *Server, path, secret string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	if secret != "" {
		req.Header.Set("Authorization", "Bearer "+secret)
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	return rec
}

func countTokens(t testing.TB, db *gorm.DB) int64 {
	t.Helper()
	var n int64
	if err := db.Model(&auth.Token{}).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

var secretRe = regexp.MustCompile(`value="(dp_[A-Za-z0-9_-]{43})"`)

func TestCreateTokenValidation(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s, f := newTestServer(t, db, "http://localhost"), newFixture(t, db)
		before := countTokens(t, db)
		tests := []struct {
			name     string
			form     url.Values
			errors   []string
			kept     []string
			notKept  []string
			noErrors []string
		}{
			{"nothing", url.Values{}, []string{"error-name", "error-scope"}, nil, nil, nil},
			{"blank name", url.Values{"name": {"   "}, "scope": {auth.ScopeResultsRead}}, []string{"error-name"}, []string{`value="results:read" checked`}, nil, []string{"error-scope"}},
			{"no scope", url.Values{"name": {"BI export"}}, []string{"error-scope"}, []string{`value="BI export"`}, nil, []string{"error-name"}},
			{"unknown scope", url.Values{"name": {"x"}, "scope": {"admin"}}, []string{"error-scope"}, nil, nil, []string{"error-name"}},
			{"name too long", url.Values{"name": {strings.Repeat("n", 101)}, "scope": {auth.ScopeEventsWrite}}, []string{"error-name"}, []string{`value="events:write" checked`}, []string{`value="roster:write" checked`}, nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				rec := tokensRequest(t, s, f, admin, http.MethodPost, "/admin/tokens", tt.form)
				body := rec.Body.String()
				if rec.Code != http.StatusUnprocessableEntity {
					t.Fatalf("status %d, want 422", rec.Code)
				}
				for _, id := range tt.errors {
					if !strings.Contains(body, `data-testid="`+id+`"`) {
						t.Errorf("no %s message", id)
					}
				}
				for _, id := range tt.noErrors {
					if strings.Contains(body, `data-testid="`+id+`"`) {
						t.Errorf("unexpected %s message", id)
					}
				}
				for _, s := range tt.kept {
					if !strings.Contains(body, s) {
						t.Errorf("form lost what was entered: no %q", s)
					}
				}
				for _, s := range tt.notKept {
					if strings.Contains(body, s) {
						t.Errorf("form shows %q", s)
					}
				}
				if strings.Contains(body, `data-testid="token-secret"`) {
					t.Error("a failed create shows a secret")
				}
			})
		}
		if n := countTokens(t, db); n != before {
			t.Fatalf("%d tokens, want %d: invalid forms must create nothing", n, before)
		}
	})
}

func TestTokenLifecycleInTheUI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s, f := newTestServer(t, db, "http://localhost"), newFixture(t, db)
		adminEmail := "admin@example.com"

		rec := tokensRequest(t, s, f, admin, http.MethodPost, "/admin/tokens",
			url.Values{"name": {"BI export"}, "scope": {auth.ScopeResultsRead, auth.ScopeEventsWrite}})
		if rec.Code != http.StatusOK {
			t.Fatalf("create: status %d", rec.Code)
		}
		if cc := rec.Header().Get("Cache-Control"); cc != "no-store" {
			t.Errorf("the page with the secret has Cache-Control %q, want no-store", cc)
		}
		m := secretRe.FindStringSubmatch(rec.Body.String())
		if m == nil {
			t.Fatalf("the response does not show the secret:\n%s", rec.Body)
		}
		secret := m[1]
		if !strings.Contains(html.UnescapeString(rec.Body.String()), "won't be shown again") {
			t.Error("no copy-it-now notice")
		}
		var tok auth.Token
		if err := db.Where("name = ?", "BI export").First(&tok).Error; err != nil {
			t.Fatal(err)
		}
		if tok.Scopes != "results:read events:write" || tok.CreatedBy != adminEmail || tok.TokenHash != auth.Hash(secret) {
			t.Fatalf("stored token %+v", tok)
		}

		// The list shows the token, never its secret again.
		rec = tokensRequest(t, s, f, admin, http.MethodGet, "/admin/tokens", nil)
		body := rec.Body.String()
		if rec.Code != http.StatusOK || strings.Contains(body, secret) || strings.Contains(body, `data-testid="token-secret"`) {
			t.Fatalf("list: status %d, or it shows the secret", rec.Code)
		}
		row := tokensRow(t, body, tok.ID)
		for _, want := range []string{"BI export", `<span class="badge">results:read</span>`, `<span class="badge">events:write</span>`, adminEmail, "never", "active"} {
			if !strings.Contains(row, want) {
				t.Errorf("row lacks %q:\n%s", want, row)
			}
		}

		// The token works, and the list then shows when it was used.
		if rec := bearerGet(t, s, "/api/v1/teams", secret); rec.Code != http.StatusOK {
			t.Fatalf("API with the new token: %d", rec.Code)
		}
		row = tokensRow(t, tokensRequest(t, s, f, admin, http.MethodGet, "/admin/tokens", nil).Body.String(), tok.ID)
		if strings.Contains(row, "never") || !strings.Contains(row, "UTC") {
			t.Errorf("row does not show the last use:\n%s", row)
		}

		rec = tokensRequest(t, s, f, admin, http.MethodPost, "/admin/tokens/"+fmt.Sprint(tok.ID)+"/revoke", url.Values{})
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/admin/tokens?revoked="+fmt.Sprint(tok.ID) {
			t.Fatalf("revoke: %d %q", rec.Code, rec.Header().Get("Location"))
		}
		if rec := bearerGet(t, s, "/api/v1/teams", secret); rec.Code != http.StatusUnauthorized {
			t.Fatalf("API with the revoked token: %d, want 401", rec.Code)
		}
		body = tokensRequest(t, s, f, admin, http.MethodGet, "/admin/tokens?revoked="+fmt.Sprint(tok.ID), nil).Body.String()
		if !strings.Contains(body, `data-testid="flash"`) || !strings.Contains(tokensRow(t, body, tok.ID), "revoked") {
			t.Error("after revoking, the list confirms it and shows the token revoked")
		}
		if strings.Contains(tokensRow(t, body, tok.ID), "revoke-") {
			t.Error("a revoked token still has a revoke button")
		}

		page, err := audit.New(db).Query(context.Background(), audit.Filter{}, 1, 10)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range page.Events {
			got = append(got, e.Actor+" "+e.Action+" "+e.Target)
		}
		want := []string{adminEmail + " token.revoke " + auth.TokenTarget(tok), adminEmail + " token.create " + auth.TokenTarget(tok)}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("audit log:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
}

func TestRevokeUnknownToken(t *testing.T) {
	db := testdb.SQLite(t)
	s, f := newTestServer(t, db, "http://localhost"), newFixture(t, db)
	for _, id := range []string{"999999", "abc"} {
		if rec := tokensRequest(t, s, f, admin, http.MethodPost, "/admin/tokens/"+id+"/revoke", url.Values{}); rec.Code != http.StatusNotFound {
			t.Errorf("revoke %s: %d, want 404", id, rec.Code)
		}
	}
}

// tokensRow returns the table row of a token in a tokens page.
func tokensRow(t *testing.T, body string, id int64) string {
	t.Helper()
	start := strings.Index(body, `<tr data-testid="token-`+fmt.Sprint(id)+`"`)
	if start < 0 {
		t.Fatalf("no row for token %d", id)
	}
	end := strings.Index(body[start:], "</tr>")
	return body[start : start+end]
}
