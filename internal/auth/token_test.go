package auth

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/testdb"
)

// tokensAt returns a token store whose clock reads *now.
func tokensAt(db *gorm.DB, now *time.Time) *Tokens {
	s := NewTokens(db)
	s.now = func() time.Time { return *now }
	return s
}

func TestTokenCreateAndPrincipal(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		s := NewTokens(db)
		tok, secret, err := s.Create(ctx, "  HR sync ", []string{ScopeRosterWrite, ScopeResultsRead}, "admin@example.com")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(secret, TokenPrefix) || len(secret) < 40 {
			t.Fatalf("secret %q: want %s and 256 random bits", secret, TokenPrefix)
		}
		if tok.Name != "HR sync" || tok.CreatedBy != "admin@example.com" || tok.LastUsedAt != nil || tok.RevokedAt != nil {
			t.Fatalf("token %+v", tok)
		}
		var stored Token
		if err := db.First(&stored, tok.ID).Error; err != nil {
			t.Fatal(err)
		}
		if stored.TokenHash != Hash(secret) || strings.Contains(stored.TokenHash, secret) {
			t.Fatal("the database must hold the secret's hash, not the secret")
		}

		p, err := s.Principal(ctx, secret)
		if err != nil {
			t.Fatal(err)
		}
		if p.TokenID != tok.ID || p.TokenName != "HR sync" || p.IsPerson() || p.Actor() != "token:HR sync" {
			t.Fatalf("principal %+v", p)
		}
		if !p.HasScope(ScopeRosterWrite) || !p.HasScope(ScopeResultsRead) || p.HasScope(ScopeEventsWrite) {
			t.Fatalf("scopes %v", p.Scopes)
		}

		for _, bad := range []string{"", "dp_unknown", secret + "x", tok.TokenHash} {
			if _, err := s.Principal(ctx, bad); !errors.Is(err, ErrNoSession) {
				t.Errorf("secret %q: %v, want ErrNoSession", bad, err)
			}
		}
	})
}

func TestTokenCreateNeedsAName(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		if _, _, err := NewTokens(db).Create(context.Background(), "  ", []string{ScopeResultsRead}, "x"); err == nil {
			t.Fatal("a blank name must be refused")
		}
	})
}

func TestTokenLastUsed(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
		s := tokensAt(db, &now)
		tok, secret, err := s.Create(ctx, "ci", []string{ScopeEventsWrite}, "cli")
		if err != nil {
			t.Fatal(err)
		}
		lastUsed := func() *time.Time {
			t.Helper()
			var got Token
			if err := db.First(&got, tok.ID).Error; err != nil {
				t.Fatal(err)
			}
			return got.LastUsedAt
		}
		if lastUsed() != nil {
			t.Fatal("a new token has no last-used time")
		}
		now = now.Add(time.Hour)
		if _, err := s.Principal(ctx, secret); err != nil {
			t.Fatal(err)
		}
		if got := lastUsed(); got == nil || !got.Equal(now) {
			t.Fatalf("last used %v, want %v", got, now)
		}
		// Use within touchEvery is not written again; later use is.
		first := now
		now = now.Add(touchEvery / 2)
		if _, err := s.Principal(ctx, secret); err != nil {
			t.Fatal(err)
		}
		if got := lastUsed(); !got.Equal(first) {
			t.Fatalf("last used %v, want unchanged %v", got, first)
		}
		now = now.Add(2 * touchEvery)
		if _, err := s.Principal(ctx, secret); err != nil {
			t.Fatal(err)
		}
		if got := lastUsed(); !got.Equal(now) {
			t.Fatalf("last used %v, want %v", got, now)
		}
	})
}

func TestRevokedTokenIsRefused(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
		s := tokensAt(db, &now)
		keep, keepSecret, err := s.Create(ctx, "keep", []string{ScopeResultsRead}, "cli")
		if err != nil {
			t.Fatal(err)
		}
		gone, goneSecret, err := s.Create(ctx, "gone", []string{ScopeResultsRead}, "cli")
		if err != nil {
			t.Fatal(err)
		}
		revoked, err := s.Revoke(ctx, gone.ID)
		if err != nil || revoked.RevokedAt == nil {
			t.Fatalf("revoke: %+v %v", revoked, err)
		}
		if _, err := s.Principal(ctx, goneSecret); !errors.Is(err, ErrNoSession) {
			t.Fatalf("revoked token: %v, want ErrNoSession", err)
		}
		if p, err := s.Principal(ctx, keepSecret); err != nil || p.TokenID != keep.ID {
			t.Fatalf("other token: %+v %v", p, err)
		}
		// Revoking again keeps the first revocation time.
		now = now.Add(time.Hour)
		again, err := s.Revoke(ctx, gone.ID)
		if err != nil || !again.RevokedAt.Equal(now.Add(-time.Hour)) {
			t.Fatalf("second revoke: %+v %v", again, err)
		}
		if _, err := s.Revoke(ctx, 999999); !errors.Is(err, ErrTokenNotFound) {
			t.Fatalf("unknown ID: %v, want ErrTokenNotFound", err)
		}
		list, err := s.List(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 2 || list[0].ID != gone.ID || list[0].RevokedAt == nil || list[1].RevokedAt != nil {
			t.Fatalf("list, newest first, revoked tokens stay listed: %+v", list)
		}
	})
}

func TestTokenChangesAreAudited(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		s, log := NewTokens(db), audit.New(db)
		tok, secret, err := s.CreateAudited(ctx, log, "admin@example.com", "exporter", []string{ScopeResultsRead, ScopeEventsWrite})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.RevokeAudited(ctx, log, "cli", tok.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.RevokeAudited(ctx, log, "cli", tok.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.RevokeAudited(ctx, log, "cli", 999999); !errors.Is(err, ErrTokenNotFound) {
			t.Fatalf("unknown ID: %v", err)
		}
		page, err := log.Query(ctx, audit.Filter{}, 1, 10)
		if err != nil {
			t.Fatal(err)
		}
		if page.Total != 2 {
			t.Fatalf("%d entries, want create and one revoke: %+v", page.Total, page.Events)
		}
		rev, cre := page.Events[0], page.Events[1]
		target := TokenTarget(tok)
		if cre.Actor != "admin@example.com" || cre.Action != ActionTokenCreate || cre.Target != target || cre.Detail != "scopes: results:read, events:write" {
			t.Errorf("create entry %+v", cre)
		}
		if rev.Actor != "cli" || rev.Action != ActionTokenRevoke || rev.Target != target {
			t.Errorf("revoke entry %+v", rev)
		}
		for _, e := range page.Events {
			if strings.Contains(e.Target+e.Detail, secret) || strings.Contains(e.Target+e.Detail, tok.TokenHash) {
				t.Errorf("audit entry holds the secret: %+v", e)
			}
		}
	})
}

func TestParseScopes(t *testing.T) {
	tests := []struct {
		in      string
		want    []string
		wantErr string
	}{
		{in: "roster:write", want: []string{ScopeRosterWrite}},
		{in: "results:read,events:write", want: []string{ScopeResultsRead, ScopeEventsWrite}},
		{in: " results:read  roster:write, results:read ", want: []string{ScopeResultsRead, ScopeRosterWrite}},
		{in: "", wantErr: "at least one scope"},
		{in: " , ", wantErr: "at least one scope"},
		{in: "results:read,admin", wantErr: `unknown scope "admin"`},
		{in: "Results:Read", wantErr: `unknown scope "Results:Read"`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseScopes(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
				}
				if !strings.Contains(err.Error(), "roster:write, results:read, events:write") {
					t.Errorf("error %q should list the known scopes", err)
				}
				return
			}
			if err != nil || strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Fatalf("got %v %v, want %v", got, err, tt.want)
			}
		})
	}
}
