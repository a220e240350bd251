package auth

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
)

// API token scopes.
const (
	ScopeRosterWrite = "roster:write"
	ScopeResultsRead = "results:read"
	ScopeEventsWrite = "events:write"
	ScopePulseWrite  = "pulse:write"
	// ScopeMetricsWrite sends weekly team metrics (POST /api/v1/metrics).
	ScopeMetricsWrite = "metrics:write"
)

// Scopes lists every scope a token can carry.
var Scopes = []string{ScopeRosterWrite, ScopeResultsRead, ScopeEventsWrite, ScopePulseWrite, ScopeMetricsWrite}

// ErrTokenNotFound means no token has the ID asked for.
var ErrTokenNotFound = errors.New("auth: token not found")

// TokenPrefix starts every API token so it is recognisable in a secret scanner.
const TokenPrefix = "dp_"

// Token is an API token. Only the hash of its secret is stored; the secret
// is shown once, when it is created.
type Token struct {
	ID         int64
	Name       string
	TokenHash  string
	Scopes     string // space-separated
	CreatedBy  string
	CreatedAt  time.Time
	LastUsedAt *time.Time
	RevokedAt  *time.Time
}

// TableName names the tokens table.
func (Token) TableName() string { return "api_tokens" }

// ScopeList returns the token's scopes.
func (t Token) ScopeList() []string { return strings.Fields(t.Scopes) }

// Tokens stores API tokens.
type Tokens struct {
	db  *gorm.DB
	now func() time.Time
}

// NewTokens returns a token store on db.
func NewTokens(db *gorm.DB) *Tokens {
	return &Tokens{db: db, now: func() time.Time { return time.Now().UTC() }}
}

// ParseScopes splits a comma- or space-separated scope list and checks each.
func ParseScopes(s string) ([]string, error) {
	var out []string
	for _, sc := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		if !slices.Contains(Scopes, sc) {
			return nil, fmt.Errorf("unknown scope %q (known: %s)", sc, strings.Join(Scopes, ", "))
		}
		if !slices.Contains(out, sc) {
			out = append(out, sc)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("at least one scope is needed (%s)", strings.Join(Scopes, ", "))
	}
	return out, nil
}

// Create makes a token and returns it with its secret, which is never
// stored and cannot be shown again.
func (s *Tokens) Create(ctx context.Context, name string, scopes []string, createdBy string) (Token, string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return Token{}, "", errors.New("a token needs a name")
	}
	secret := TokenPrefix + RandomToken()
	t := Token{Name: name, TokenHash: Hash(secret), Scopes: strings.Join(scopes, " "), CreatedBy: createdBy, CreatedAt: s.now()}
	if err := s.db.WithContext(ctx).Create(&t).Error; err != nil {
		return Token{}, "", fmt.Errorf("auth: create token: %w", err)
	}
	return t, secret, nil
}

// List returns every token, newest first.
func (s *Tokens) List(ctx context.Context) ([]Token, error) {
	var ts []Token
	if err := s.db.WithContext(ctx).Order("id DESC").Find(&ts).Error; err != nil {
		return nil, fmt.Errorf("auth: list tokens: %w", err)
	}
	return ts, nil
}

// Revoke stops a token from working; it stays listed. Revoking a revoked
// token changes nothing. An unknown ID gives ErrTokenNotFound.
func (s *Tokens) Revoke(ctx context.Context, id int64) (Token, error) {
	t, _, err := s.revoke(ctx, id)
	return t, err
}

// revoke revokes a token and reports whether this call revoked it.
func (s *Tokens) revoke(ctx context.Context, id int64) (Token, bool, error) {
	var t Token
	err := s.db.WithContext(ctx).First(&t, id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Token{}, false, ErrTokenNotFound
	}
	if err != nil {
		return Token{}, false, fmt.Errorf("auth: revoke token %d: %w", id, err)
	}
	if t.RevokedAt != nil {
		return t, false, nil
	}
	now := s.now()
	t.RevokedAt = &now
	if err := s.db.WithContext(ctx).Model(&t).Update("revoked_at", now).Error; err != nil {
		return Token{}, false, fmt.Errorf("auth: revoke token %d: %w", id, err)
	}
	return t, true, nil
}

// Principal returns the principal a bearer secret stands for and records
// its use. Unknown and revoked tokens give ErrNoSession.
func (s *Tokens) Principal(ctx context.Context, secret string) (*Principal, error) {
	var t Token
	err := s.db.WithContext(ctx).Where("token_hash = ? AND revoked_at IS NULL", Hash(secret)).First(&t).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, ErrNoSession
	}
	if err != nil {
		return nil, fmt.Errorf("auth: token: %w", err)
	}
	now := s.now()
	if t.LastUsedAt == nil || now.Sub(*t.LastUsedAt) > touchEvery {
		if err := s.db.WithContext(ctx).Model(&t).Update("last_used_at", now).Error; err != nil {
			return nil, fmt.Errorf("auth: touch token: %w", err)
		}
	}
	return &Principal{TokenID: t.ID, TokenName: t.Name, Scopes: t.ScopeList()}, nil
}
