package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// Session lifetimes: a session ends after IdleTimeout without a request, and
// at the latest AbsoluteTimeout after sign-in.
const (
	IdleTimeout     = 8 * time.Hour
	AbsoluteTimeout = 7 * 24 * time.Hour
	// touchEvery limits how often a session's last-seen time is written.
	touchEvery = time.Minute
)

// Session is a signed-in browser. Its ID is the SHA-256 of the cookie
// value, so a leaked database does not hand out live sessions.
type Session struct {
	ID         string
	PersonID   int64
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time
}

// Sessions keeps sessions in the database, so every replica sees them.
type Sessions struct {
	db  *gorm.DB
	now func() time.Time
}

// NewSessions returns a session store on db.
func NewSessions(db *gorm.DB) *Sessions {
	return &Sessions{db: db, now: func() time.Time { return time.Now().UTC() }}
}

// Create starts a session for a person and returns the cookie value. A new
// random ID at every sign-in prevents session fixation.
func (s *Sessions) Create(ctx context.Context, personID int64) (string, error) {
	token := RandomToken()
	now := s.now()
	sess := Session{ID: Hash(token), PersonID: personID, CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(AbsoluteTimeout)}
	if err := s.db.WithContext(ctx).Create(&sess).Error; err != nil {
		return "", fmt.Errorf("auth: create session: %w", err)
	}
	return token, nil
}

// Lookup returns the person a cookie value signs in, refreshing the
// session's idle timer. Expired sessions are deleted.
func (s *Sessions) Lookup(ctx context.Context, token string) (int64, error) {
	if token == "" {
		return 0, ErrNoSession
	}
	var sess Session
	err := s.db.WithContext(ctx).Where("id = ?", Hash(token)).First(&sess).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return 0, ErrNoSession
	}
	if err != nil {
		return 0, fmt.Errorf("auth: lookup session: %w", err)
	}
	now := s.now()
	if now.After(sess.ExpiresAt) || now.Sub(sess.LastSeenAt) > IdleTimeout {
		_ = s.db.WithContext(ctx).Delete(&Session{}, "id = ?", sess.ID).Error
		return 0, ErrNoSession
	}
	if now.Sub(sess.LastSeenAt) > touchEvery {
		err := s.db.WithContext(ctx).Model(&Session{}).Where("id = ?", sess.ID).Update("last_seen_at", now).Error
		if err != nil {
			return 0, fmt.Errorf("auth: touch session: %w", err)
		}
	}
	return sess.PersonID, nil
}

// Delete ends a session (sign-out).
func (s *Sessions) Delete(ctx context.Context, token string) error {
	if err := s.db.WithContext(ctx).Delete(&Session{}, "id = ?", Hash(token)).Error; err != nil {
		return fmt.Errorf("auth: delete session: %w", err)
	}
	return nil
}

// Principal builds the principal of the active person a session belongs
// to; a person deactivated since is ErrNoSession.
func (s *Sessions) Principal(ctx context.Context, personID int64) (*Principal, error) {
	return LoadPerson(ctx, s.db, personID)
}

// DeleteForPerson ends every session of a person (deactivation).
func (s *Sessions) DeleteForPerson(ctx context.Context, tx *gorm.DB, personID int64) error {
	return s.DeleteForPeople(ctx, tx, []int64{personID})
}

// DeleteForPeople ends every session of several people in one statement,
// inside tx (directory.Service calls it when it deactivates them).
func (s *Sessions) DeleteForPeople(ctx context.Context, tx *gorm.DB, personIDs []int64) error {
	if len(personIDs) == 0 {
		return nil
	}
	if err := tx.WithContext(ctx).Where("person_id IN ?", personIDs).Delete(&Session{}).Error; err != nil {
		return fmt.Errorf("auth: delete sessions of %d people: %w", len(personIDs), err)
	}
	return nil
}

// RandomToken returns 256 random bits, URL-safe.
func RandomToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("auth: random: " + err.Error())
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// Hash is how tokens are stored: hex SHA-256. Tokens carry 256 random bits,
// so a fast hash is enough.
func Hash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
