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

// Kinds of rows in login_attempts.
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

// LoginAttempt is one failed password sign-in, counted against an account
// (Key = normalized email) and against a client address (Key = IP).
type LoginAttempt struct {
	ID        int64
	Kind      string
	Key       string
	CreatedAt time.Time
}

// TableName names the table of failed attempts.
func (LoginAttempt) TableName() string { return "login_attempts" }

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
// the person they sign in. Past the limits it answers ErrTooManyAttempts
// without looking at the password. A failure counts against the account
// and the address; a success clears the account's failures.
func (p *Passwords) SignIn(ctx context.Context, email, password, addr string) (int64, error) {
	account := attemptKey(directory.NormalizeEmail(email))
	addr = attemptKey(addr)
	if err := p.checkLimits(ctx, account, addr); err != nil {
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
		if err := p.recordFailure(ctx, account, addr); err != nil {
			return 0, err
		}
		return 0, ErrBadCredentials
	}
	if err := p.clear(ctx, p.db, AttemptAccount, account); err != nil {
		return 0, err
	}
	return person.ID, nil
}

// Failures counts the failed attempts of a kind and key inside the window.
func (p *Passwords) Failures(ctx context.Context, kind, key string) (int64, error) {
	var n int64
	err := p.db.WithContext(ctx).Model(&LoginAttempt{}).
		Where(map[string]any{"kind": kind, "key": attemptKey(key)}).
		Where("created_at > ?", p.now().Add(-FailureWindow)).Count(&n).Error
	if err != nil {
		return 0, fmt.Errorf("auth: count failed sign-ins: %w", err)
	}
	return n, nil
}

func (p *Passwords) checkLimits(ctx context.Context, account, addr string) error {
	n, err := p.Failures(ctx, AttemptAccount, account)
	if err != nil {
		return err
	}
	if n >= MaxAccountFailures {
		return ErrTooManyAttempts
	}
	if addr == "" {
		return nil
	}
	if n, err = p.Failures(ctx, AttemptAddress, addr); err != nil {
		return err
	}
	if n >= MaxAddressFailures {
		return ErrTooManyAttempts
	}
	return nil
}

// recordFailure counts a failure against the account and the address, and
// drops failures that have left the window so the table stays small.
func (p *Passwords) recordFailure(ctx context.Context, account, addr string) error {
	now := p.now()
	rows := []LoginAttempt{{Kind: AttemptAccount, Key: account, CreatedAt: now}}
	if addr != "" {
		rows = append(rows, LoginAttempt{Kind: AttemptAddress, Key: addr, CreatedAt: now})
	}
	return p.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(&rows).Error; err != nil {
			return fmt.Errorf("auth: record failed sign-in: %w", err)
		}
		if err := tx.Where("created_at <= ?", now.Add(-FailureWindow)).Delete(&LoginAttempt{}).Error; err != nil {
			return fmt.Errorf("auth: prune failed sign-ins: %w", err)
		}
		return nil
	})
}

func (p *Passwords) clear(ctx context.Context, tx *gorm.DB, kind, key string) error {
	err := tx.WithContext(ctx).Where(map[string]any{"kind": kind, "key": key}).Delete(&LoginAttempt{}).Error
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
