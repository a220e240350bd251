package auth

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/testdb"
)

const goodPassword = "correct horse battery"

// newPasswords returns a fast password store with a settable clock.
func newPasswords(db *gorm.DB) (*Passwords, *clock) {
	c := newClock()
	p := NewPasswords(db, bcrypt.MinCost)
	p.now = c.now
	return p, c
}

func attempts(t *testing.T, db *gorm.DB, kind, key string) int64 {
	t.Helper()
	var n []int64
	if err := db.Model(&LoginLimit{}).Where(map[string]any{"kind": kind, "key": key}).Pluck("failures", &n).Error; err != nil {
		t.Fatal(err)
	}
	if len(n) == 0 {
		return 0
	}
	return n[0]
}

func TestValidatePassword(t *testing.T) {
	tests := []struct {
		pw string
		ok bool
	}{
		{"", false},
		{"short", false},
		{"elevenchars", false},
		{"twelve chars", true},
		{"ÄÖÜäöüßÄÖÜäö", true}, // 12 characters, more bytes
		{strings.Repeat("x", MaxPasswordBytes), true},
		{strings.Repeat("x", MaxPasswordBytes+1), false},
	}
	for _, tt := range tests {
		if err := ValidatePassword(tt.pw); (err == nil) != tt.ok {
			t.Errorf("ValidatePassword(%q) = %v, want ok=%v", tt.pw, err, tt.ok)
		}
	}
}

func TestPasswordSetAndSignIn(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		person := addPerson(t, db, "ada@example.com")
		p, _ := newPasswords(db)
		if err := p.Set(ctx, db, person, "too short"); err == nil {
			t.Fatal("a short password must be refused")
		}
		if err := p.Set(ctx, db, person, goodPassword); err != nil {
			t.Fatal(err)
		}
		var stored directory.Person
		db.First(&stored, person.ID)
		if !strings.HasPrefix(stored.PasswordHash, "$2") || strings.Contains(stored.PasswordHash, goodPassword) {
			t.Fatalf("stored hash %q is not a bcrypt hash", stored.PasswordHash)
		}
		id, err := p.SignIn(ctx, " ADA@example.com ", goodPassword, "192.0.2.1")
		if err != nil || id != person.ID {
			t.Fatalf("sign-in: %d, %v", id, err)
		}

		// Wrong password, unknown email, no password, deactivated: one answer.
		addPerson(t, db, "nopassword@example.com")
		cases := []struct{ email, pw string }{
			{"ada@example.com", goodPassword + "!"},
			{"unknown@example.com", goodPassword},
			{"nopassword@example.com", ""},
			{"nopassword@example.com", goodPassword},
		}
		for _, c := range cases {
			if _, err := p.SignIn(ctx, c.email, c.pw, "192.0.2.1"); !errors.Is(err, ErrBadCredentials) {
				t.Errorf("sign-in %s: %v, want ErrBadCredentials", c.email, err)
			}
		}
		db.Model(&directory.Person{}).Where("id = ?", person.ID).Update("active", false)
		if _, err := p.SignIn(ctx, "ada@example.com", goodPassword, "192.0.2.2"); !errors.Is(err, ErrBadCredentials) {
			t.Errorf("deactivated person: %v, want ErrBadCredentials", err)
		}
	})
}

func TestAccountLimit(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		person := addPerson(t, db, "ada@example.com")
		p, c := newPasswords(db)
		if err := p.Set(ctx, db, person, goodPassword); err != nil {
			t.Fatal(err)
		}
		// Failures from different addresses add up on the account.
		for i := 0; i < MaxAccountFailures; i++ {
			addr := "192.0.2." + string(rune('1'+i))
			if _, err := p.SignIn(ctx, "Ada@Example.com", "wrong password!", addr); !errors.Is(err, ErrBadCredentials) {
				t.Fatalf("failure %d: %v", i+1, err)
			}
		}
		if n := attempts(t, db, AttemptAccount, "ada@example.com"); n != MaxAccountFailures {
			t.Fatalf("%d account rows, want %d", n, MaxAccountFailures)
		}
		// Past the limit even the right password is not checked.
		if _, err := p.SignIn(ctx, "ada@example.com", goodPassword, "198.51.100.7"); !errors.Is(err, ErrTooManyAttempts) {
			t.Fatalf("over the limit: %v, want ErrTooManyAttempts", err)
		}
		if n := attempts(t, db, AttemptAccount, "ada@example.com"); n != MaxAccountFailures {
			t.Fatalf("a refused attempt must not add rows: %d", n)
		}
		// Other accounts are not affected.
		other := addPerson(t, db, "bob@example.com")
		if err := p.Set(ctx, db, other, goodPassword); err != nil {
			t.Fatal(err)
		}
		if _, err := p.SignIn(ctx, "bob@example.com", goodPassword, "198.51.100.7"); err != nil {
			t.Fatalf("another account: %v", err)
		}
		// Once the failures leave the window, the right password works and
		// clears the account's failures.
		c.advance(FailureWindow + time.Second)
		if _, err := p.SignIn(ctx, "ada@example.com", goodPassword, "198.51.100.7"); err != nil {
			t.Fatalf("after the window: %v", err)
		}
		if n := attempts(t, db, AttemptAccount, "ada@example.com"); n != 0 {
			t.Fatalf("success must clear the account's failures: %d rows", n)
		}
	})
}

func TestSuccessClearsAccountFailures(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		person := addPerson(t, db, "ada@example.com")
		p, _ := newPasswords(db)
		if err := p.Set(ctx, db, person, goodPassword); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < MaxAccountFailures-1; i++ {
			p.SignIn(ctx, "ada@example.com", "wrong password!", "192.0.2.1")
		}
		if _, err := p.SignIn(ctx, "ada@example.com", goodPassword, "192.0.2.1"); err != nil {
			t.Fatal(err)
		}
		if n := attempts(t, db, AttemptAccount, "ada@example.com"); n != 0 {
			t.Fatalf("%d account failures left after success", n)
		}
		// The address keeps its count: it is not the account's to clear.
		if n := attempts(t, db, AttemptAddress, "192.0.2.1"); n != MaxAccountFailures-1 {
			t.Fatalf("%d address failures, want %d", n, MaxAccountFailures-1)
		}
		// Setting a new password clears the account's failures too.
		for i := 0; i < 2; i++ {
			p.SignIn(ctx, "ada@example.com", "wrong password!", "192.0.2.1")
		}
		if err := p.Set(ctx, db, person, "another good password"); err != nil {
			t.Fatal(err)
		}
		if n := attempts(t, db, AttemptAccount, "ada@example.com"); n != 0 {
			t.Fatalf("%d account failures left after a new password", n)
		}
	})
}

func TestAddressLimit(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		person := addPerson(t, db, "ada@example.com")
		p, _ := newPasswords(db)
		if err := p.Set(ctx, db, person, goodPassword); err != nil {
			t.Fatal(err)
		}
		// One address guessing across many accounts.
		for i := 0; i < MaxAddressFailures; i++ {
			email := "guess" + strings.Repeat("x", i) + "@example.com"
			if _, err := p.SignIn(ctx, email, "wrong password!", "203.0.113.9"); !errors.Is(err, ErrBadCredentials) {
				t.Fatalf("failure %d: %v", i+1, err)
			}
		}
		if n := attempts(t, db, AttemptAddress, "203.0.113.9"); n != MaxAddressFailures {
			t.Fatalf("%d address rows, want %d", n, MaxAddressFailures)
		}
		if _, err := p.SignIn(ctx, "ada@example.com", goodPassword, "203.0.113.9"); !errors.Is(err, ErrTooManyAttempts) {
			t.Fatalf("from a blocked address: %v, want ErrTooManyAttempts", err)
		}
		if _, err := p.SignIn(ctx, "ada@example.com", goodPassword, "203.0.113.10"); err != nil {
			t.Fatalf("from another address: %v", err)
		}
	})
}

func TestOldFailuresArePruned(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		p, c := newPasswords(db)
		p.SignIn(ctx, "a@example.com", "wrong password!", "192.0.2.1")
		c.advance(FailureWindow + time.Minute)
		p.SignIn(ctx, "b@example.com", "wrong password!", "192.0.2.2")
		var n int64
		db.Model(&LoginLimit{}).Count(&n)
		if n != 2 { // b's account and address rows; a's rows have gone
			t.Fatalf("%d rows, want 2", n)
		}
	})
}

// Sixty wrong passwords for one account sent at once: only the first
// MaxAccountFailures are checked, the rest are refused as too many,
// whatever address they come from. Taking an attempt is atomic in the
// database, so none can slip past the limit between a count and an insert.
func TestConcurrentFailuresCannotRaceTheLimit(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		person := addPerson(t, db, "ada@example.com")
		p, _ := newPasswords(db)
		if err := p.Set(ctx, db, person, goodPassword); err != nil {
			t.Fatal(err)
		}
		const n = 60
		var wg sync.WaitGroup
		var mu sync.Mutex
		counts := map[error]int{}
		start := make(chan struct{})
		for i := 0; i < n; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				_, err := p.SignIn(ctx, "ada@example.com", "wrong password!", fmt.Sprintf("192.0.2.%d", i+1))
				mu.Lock()
				counts[err]++
				mu.Unlock()
			}()
		}
		close(start)
		wg.Wait()
		if counts[ErrBadCredentials] != MaxAccountFailures || counts[ErrTooManyAttempts] != n-MaxAccountFailures {
			t.Fatalf("outcomes %v: want %d checked and %d refused", counts, MaxAccountFailures, n-MaxAccountFailures)
		}
		if got := attempts(t, db, AttemptAccount, "ada@example.com"); got != MaxAccountFailures {
			t.Fatalf("%d failures counted, want %d", got, MaxAccountFailures)
		}
	})
}
