package web

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/testdb"
)

func TestAPITeams(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		s, f := newTestServer(t, db, "http://localhost"), newFixture(t, db)
		release, err := directory.EnsureTeam(ctx, db, "Eng/A/Release")
		if err != nil {
			t.Fatal(err)
		}
		tokens := auth.NewTokens(db)
		_, secret, err := tokens.Create(ctx, "reader", []string{auth.ScopeResultsRead}, "test")
		if err != nil {
			t.Fatal(err)
		}

		rec := bearerGet(t, s, "/api/v1/teams", secret)
		if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
			t.Fatalf("status %d, type %q", rec.Code, rec.Header().Get("Content-Type"))
		}
		var raw []map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &raw); err != nil {
			t.Fatal(err)
		}
		for _, team := range raw {
			if len(team) != 4 || team["id"] == nil || team["name"] == nil || team["path"] == nil {
				t.Fatalf("team %v: want exactly id, name, path, parent_id", team)
			}
			if _, ok := team["parent_id"]; !ok {
				t.Fatalf("team %v: parent_id must be present (null for a root)", team)
			}
		}
		var teams []apiTeam
		if err := json.Unmarshal(rec.Body.Bytes(), &teams); err != nil {
			t.Fatal(err)
		}
		var paths []string
		byPath := map[string]apiTeam{}
		for _, team := range teams {
			paths = append(paths, team.Path)
			byPath[team.Path] = team
		}
		if strings.Join(paths, " ") != "Eng Eng/A Eng/A/Release Eng/B" {
			t.Fatalf("paths %v, want the whole tree, parents first", paths)
		}
		if byPath["Eng"].ParentID != nil || *byPath["Eng/A"].ParentID != byPath["Eng"].ID ||
			*byPath["Eng/A/Release"].ParentID != f.teamA.ID || byPath["Eng/A/Release"].ID != release.ID || byPath["Eng/A/Release"].Name != "Release" {
			t.Fatalf("tree %+v", teams)
		}
		if strings.Contains(rec.Body.String(), "@") {
			t.Fatal("the team list carries personal data")
		}
	})
}

func TestAPIErrorsAreJSON(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		s, f := newTestServer(t, db, "http://localhost"), newFixture(t, db)
		tokens := auth.NewTokens(db)
		_, wrongScope, err := tokens.Create(ctx, "roster", []string{auth.ScopeRosterWrite, auth.ScopeEventsWrite}, "test")
		if err != nil {
			t.Fatal(err)
		}
		revoked, revokedSecret, err := tokens.Create(ctx, "old", []string{auth.ScopeResultsRead}, "test")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tokens.Revoke(ctx, revoked.ID); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name   string
			secret string
			status int
		}{
			{"no token", "", http.StatusUnauthorized},
			{"unknown token", "dp_" + strings.Repeat("x", 43), http.StatusUnauthorized},
			{"revoked token", revokedSecret, http.StatusUnauthorized},
			{"wrong scope", wrongScope, http.StatusForbidden},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				checkJSONError(t, bearerGet(t, s, "/api/v1/teams", tt.secret), tt.status)
			})
		}
		t.Run("unknown API path", func(t *testing.T) {
			checkJSONError(t, bearerGet(t, s, "/api/v1/nope", ""), http.StatusNotFound)
		})
		t.Run("unknown token on an unknown API path", func(t *testing.T) {
			checkJSONError(t, bearerGet(t, s, "/api/v1/nope", "dp_nope"), http.StatusUnauthorized)
		})
		t.Run("signed-in admin without a token", func(t *testing.T) {
			checkJSONError(t, tokensRequest(t, s, f, admin, http.MethodGet, "/api/v1/teams", nil), http.StatusForbidden)
		})
	})
}

// checkJSONError asserts an API error response: its status, and a JSON body
// with a message for people and the request ID.
func checkJSONError(t *testing.T, rec interface {
	Result() *http.Response
}, status int) {
	t.Helper()
	resp := rec.Result()
	if resp.StatusCode != status {
		t.Fatalf("status %d, want %d", resp.StatusCode, status)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("content type %q, want JSON", ct)
	}
	var body struct {
		Error     string `json:"error"`
		RequestID string `json:"request_id"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	if body.Error == "" || body.RequestID == "" || body.RequestID != resp.Header.Get("X-Request-Id") {
		t.Fatalf("error body %+v", body)
	}
}
