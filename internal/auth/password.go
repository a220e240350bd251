package auth

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/directory"
)

// Password rules and sign-in limits. Local passwords exist for bootstrap
// admins; everyone else signs in through single sign-on.
const (
	MinPasswordLength = 12
	// MaxPasswordBytes is bcrypt's limit; longer input would be cut silently.
	MaxPasswordBytes = 72
	// DefaultPasswordCost is the bcrypt work factor of new hashes.
	DefaultPasswordCost = 12
	// MaxAccountFailures failed attempts on one account, or
	// MaxAddressFailures from one client address, within FailureWindow stop
	// further attempts until the oldest failure leaves the window.
	MaxAccountFailures = 5
	MaxAddressFailures = 20
	FailureWindow      = 15 * time.Minute
)

// Kinds of rows in login_limits.
const (
	AttemptAccount = "account"
	AttemptAddress = "address"
)

// Password sign-in errors.
var (
	// ErrBadCredentials covers an unknown email, a person without a password,
	// a deactivated person and a wrong password alike, so the answer never
	// tells which.
	ErrBadCredentials = errors.New("auth: wrong email or password")
	// ErrTooManyAttempts: the account or the address hit its limit; the
	// password was not checked.
	ErrTooManyAttempts = errors.New("auth: too many failed sign-in attempts")
)

// LoginLimit counts the failed password sign-ins of an account (Key =
// normalized email) or a client address (Key = IP) since WindowStart
// (Unix seconds). One row per key lets a single conditional upsert take an
// attempt, so concurrent attempts cannot all pass the limit.
type LoginLimit struct {
	Kind        string `gorm:"primaryKey"`
	Key         string `gorm:"primaryKey"`
	Failures    int
	WindowStart int64
}

// TableName names the table of failure counters.
func (LoginLimit) TableName() string { return "login_limits" }

// Passwords checks and stores local passwords, limiting failed attempts.
type Passwords struct {
	db   *gorm.DB
	cost int
	now  func() time.Time

	dummyOnce sync.Once
	dummy     []byte
}

// NewPasswords returns a password store on db that hashes with bcrypt at
// cost (DefaultPasswordCost in production; tests pass bcrypt.MinCost).
func NewPasswords(db *gorm.DB, cost int) *Passwords {
	return &Passwords{db: db, cost: cost, now: func() time.Time { return time.Now().UTC() }}
}

// ValidatePassword checks a new password against the rules. The message is
// written for the person choosing it.
func ValidatePassword(pw string) error {
	if utf8.RuneCountInString(pw) < MinPasswordLength {
		return fmt.Errorf("the password must be at least %d characters long", MinPasswordLength)
	}
	if len(pw) > MaxPasswordBytes {
		return fmt.Errorf("the password must be at most %d bytes long", MaxPasswordBytes)
	}
	return nil
}

// Set stores a new password for a person and clears the account's failed
// attempts. Pass a transaction as tx to change it with other rows.
func (p *Passwords) Set(ctx context.Context, tx *gorm.DB, person directory.Person, password string) error {
	if err := ValidatePassword(password); err != nil {
		return err
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), p.cost)
	if err != nil {
		return fmt.Errorf("auth: hash password: %w", err)
	}
	err = tx.WithContext(ctx).Model(&directory.Person{}).Where("id = ?", person.ID).
		Updates(map[string]any{"password_hash": string(hash), "updated_at": p.now()}).Error
	if err != nil {
		return fmt.Errorf("auth: set password of %d: %w", person.ID, err)
	}
	return p.clear(ctx, tx, AttemptAccount, directory.NormalizeEmail(person.Email))
}

// ActionPasswordSet is the audit log action of a password being set.
const ActionPasswordSet = "person.password_set"

// SetAudited sets a person's password and records who did it, and how
// (detail), in log, in one transaction.
func (p *Passwords) SetAudited(ctx context.Context, log *audit.Log, actor, detail string, person directory.Person, password string) error {
	return p.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := p.Set(ctx, tx, person, password); err != nil {
			return err
		}
		return log.Record(ctx, tx, actor, ActionPasswordSet, person.Email, detail)
	})
}

// SignIn checks an email and password from a client address and returns
// the person they sign in. Each attempt first takes one of the address's
// and the account's attempts in the database, atomically; past either
// limit it answers ErrTooManyAttempts without looking at the password. A
// success gives the attempt back and clears the account's failures.
func (p *Passwords) SignIn(ctx context.Context, email, password, addr string) (int64, error) {
	account := attemptKey(directory.NormalizeEmail(email))
	addr = attemptKey(addr)
	if addr != "" {
		if err := p.take(ctx, AttemptAddress, addr, MaxAddressFailures); err != nil {
			return 0, err
		}
	}
	if err := p.take(ctx, AttemptAccount, account, MaxAccountFailures); err != nil {
		return 0, err
	}
	var person directory.Person
	err := p.db.WithContext(ctx).Where("email = ? AND active AND password_hash <> ''", account).First(&person).Error
	if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
		return 0, fmt.Errorf("auth: password sign-in: %w", err)
	}
	hash := []byte(person.PasswordHash)
	if person.ID == 0 {
		hash = p.dummyHash() // spend the same time as for a real account
	}
	// bcrypt compares in constant time.
	if bcrypt.CompareHashAndPassword(hash, []byte(password)) != nil || person.ID == 0 {
		if err := p.prune(ctx); err != nil {
			return 0, err
		}
		return 0, ErrBadCredentials
	}
	if err := p.clear(ctx, p.db, AttemptAccount, account); err != nil {
		return 0, err
	}
	if addr != "" {
		if err := p.giveBack(ctx, AttemptAddress, addr); err != nil {
			return 0, err
		}
	}
	return person.ID, nil
}

// Failures counts the failed attempts of a kind and key inside the window.
func (p *Passwords) Failures(ctx context.Context, kind, key string) (int64, error) {
	var n []int64
	err := p.db.WithContext(ctx).Model(&LoginLimit{}).
		Where(map[string]any{"kind": kind, "key": attemptKey(key)}).
		Where("window_start > ?", p.cutoff()).Pluck("failures", &n).Error
	if err != nil {
		return 0, fmt.Errorf("auth: count failed sign-ins: %w", err)
	}
	if len(n) == 0 {
		return 0, nil
	}
	return n[0], nil
}

// cutoff is the Unix second at or before which a window has ended.
func (p *Passwords) cutoff() int64 { return p.now().Add(-FailureWindow).Unix() }

// take counts an attempt against kind and key unless max attempts are
// already counted in the current window, in one statement: the upsert
// locks the row, so concurrent attempts queue on it and each sees the
// count the one before it left. No row back means the limit is reached.
func (p *Passwords) take(ctx context.Context, kind, key string, max int) error {
	cutoff := p.cutoff()
	var got []int
	err := p.db.WithContext(ctx).Raw(`INSERT INTO login_limits (kind, key, failures, window_start) VALUES (?, ?, 1, ?)
		ON CONFLICT (kind, key) DO UPDATE SET
			failures = CASE WHEN login_limits.window_start <= ? THEN 1 ELSE login_limits.failures + 1 END,
			window_start = CASE WHEN login_limits.window_start <= ? THEN excluded.window_start ELSE login_limits.window_start END
		WHERE login_limits.window_start <= ? OR login_limits.failures < ?
		RETURNING failures`, kind, key, p.now().Unix(), cutoff, cutoff, cutoff, max).Scan(&got).Error
	if err != nil {
		return fmt.Errorf("auth: count sign-in attempt: %w", err)
	}
	if len(got) == 0 {
		return ErrTooManyAttempts
	}
	return nil
}

// giveBack returns an attempt taken by a sign-in that succeeded.
func (p *Passwords) giveBack(ctx context.Context, kind, key string) error {
	err := p.db.WithContext(ctx).Model(&LoginLimit{}).
		Where("kind = ? AND key = ? AND failures > 0", kind, key).
		Update("failures", gorm.Expr("failures - 1")).Error
	if err != nil {
		return fmt.Errorf("auth: give back sign-in attempt: %w", err)
	}
	return nil
}

// prune drops counters whose window has ended, so the table stays small.
func (p *Passwords) prune(ctx context.Context) error {
	if err := p.db.WithContext(ctx).Where("window_start <= ?", p.cutoff()).Delete(&LoginLimit{}).Error; err != nil {
		return fmt.Errorf("auth: prune failed sign-ins: %w", err)
	}
	return nil
}

func (p *Passwords) clear(ctx context.Context, tx *gorm.DB, kind, key string) error {
	err := tx.WithContext(ctx).Where(map[string]any{"kind": kind, "key": key}).Delete(&LoginLimit{}).Error
	if err != nil {
		return fmt.Errorf("auth: clear failed sign-ins: %w", err)
	}
	return nil
}

// dummyHash is compared against when no account matches, so an unknown
// email takes as long to refuse as a wrong password.
func (p *Passwords) dummyHash() []byte {
	p.dummyOnce.Do(func() {
		p.dummy, _ = bcrypt.GenerateFromPassword([]byte(RandomToken()[:MinPasswordLength]), p.cost)
	})
	return p.dummy
}

// attemptKey bounds what a client can make us store.
func attemptKey(s string) string {
	const max = 320 // the longest valid email address
	if len(s) > max {
		return s[:max]
	}
	return s
}
