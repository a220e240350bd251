package auth

import (
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
)

// Audit log actions for API tokens.
const (
	ActionTokenCreate = "token.create"
	ActionTokenRevoke = "token.revoke"
)

// CreateAudited creates a token like Create and records who created it in
// the audit log, in one transaction: no token exists without its entry.
// The entry names the token and its scopes, never the secret.
func (s *Tokens) CreateAudited(ctx context.Context, log *audit.Log, actor, name string, scopes []string) (Token, string, error) {
	var (
		t      Token
		secret string
	)
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		t, secret, err = s.in(tx).Create(ctx, name, scopes, actor)
		if err != nil {
			return err
		}
		return log.Record(ctx, tx, actor, ActionTokenCreate, TokenTarget(t), "scopes: "+strings.Join(t.ScopeList(), ", "))
	})
	if err != nil {
		return Token{}, "", err
	}
	return t, secret, nil
}

// RevokeAudited revokes a token like Revoke and records it in the audit
// log, in one transaction. Revoking a revoked token records nothing.
func (s *Tokens) RevokeAudited(ctx context.Context, log *audit.Log, actor string, id int64) (Token, error) {
	var t Token
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var (
			changed bool
			err     error
		)
		t, changed, err = s.in(tx).revoke(ctx, id)
		if err != nil || !changed {
			return err
		}
		return log.Record(ctx, tx, actor, ActionTokenRevoke, TokenTarget(t), "")
	})
	if err != nil {
		return Token{}, err
	}
	return t, nil
}

// TokenTarget names a token in the audit log.
func TokenTarget(t Token) string { return fmt.Sprintf("token %d %q", t.ID, t.Name) }

// in returns the store working inside transaction tx.
func (s *Tokens) in(tx *gorm.DB) *Tokens { return &Tokens{db: tx, now: s.now} }
