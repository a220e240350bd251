package auth

import (
	"context"
	"errors"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/testdb"
)

// clock is a settable time source for the stores' now field.
type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

func newClock() *clock { return &clock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)} }

// addPerson stores an active person and returns them.
func addPerson(t *testing.T, db *gorm.DB, email string) directory.Person {
	t.Helper()
	p := directory.Person{Email: email, Name: "Person " + email, Active: true, CreatedAt: time.Now(), UpdatedAt: time.Now()}
	if err := directory.NewStore(db).CreatePerson(context.Background(), &p); err != nil {
		t.Fatal(err)
	}
	return p
}

func sessionRows(t *testing.T, db *gorm.DB) int64 {
	t.Helper()
	var n int64
	if err := db.Model(&Session{}).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func TestSessionCreateAndLookup(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		person := addPerson(t, db, "ada@example.com")
		s := NewSessions(db)
		token, err := s.Create(ctx, person.ID)
		if err != nil {
			t.Fatal(err)
		}
		other, err := s.Create(ctx, person.ID)
		if err != nil {
			t.Fatal(err)
		}
		if token == "" || token == other {
			t.Fatal("every sign-in must get a new random session ID")
		}
		got, err := s.Lookup(ctx, token)
		if err != nil || got != person.ID {
			t.Fatalf("lookup: %d, %v", got, err)
		}
		// Only the hash is stored: the cookie value is not a valid row ID.
		var stored Session
		if err := db.First(&stored, "id = ?", Hash(token)).Error; err != nil {
			t.Fatalf("session row by hash: %v", err)
		}
		if n := db.Where("id = ?", token).First(&Session{}).RowsAffected; n != 0 {
			t.Fatal("the raw token must not be stored")
		}
		for _, bad := range []string{"", "nonsense", Hash(token)} {
			if _, err := s.Lookup(ctx, bad); !errors.Is(err, ErrNoSession) {
				t.Errorf("lookup %q: %v, want ErrNoSession", bad, err)
			}
		}
	})
}

func TestSessionIdleExpiry(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		person := addPerson(t, db, "ada@example.com")
		c := newClock()
		s := NewSessions(db)
		s.now = c.now
		token, err := s.Create(ctx, person.ID)
		if err != nil {
			t.Fatal(err)
		}
		// Activity keeps the session alive past the idle timeout.
		for i := 0; i < 3; i++ {
			c.advance(IdleTimeout - time.Minute)
			if _, err := s.Lookup(ctx, token); err != nil {
				t.Fatalf("active session ended after %d idle periods: %v", i+1, err)
			}
		}
		c.advance(IdleTimeout + time.Second)
		if _, err := s.Lookup(ctx, token); !errors.Is(err, ErrNoSession) {
			t.Fatalf("idle session: %v, want ErrNoSession", err)
		}
		if n := sessionRows(t, db); n != 0 {
			t.Fatalf("expired session not deleted: %d rows", n)
		}
	})
}

func TestSessionAbsoluteExpiry(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		person := addPerson(t, db, "ada@example.com")
		c := newClock()
		s := NewSessions(db)
		s.now = c.now
		token, err := s.Create(ctx, person.ID)
		if err != nil {
			t.Fatal(err)
		}
		// Used every few hours, the session still ends at the absolute limit.
		const step = 4 * time.Hour
		elapsed := time.Duration(0)
		for elapsed+step < AbsoluteTimeout {
			c.advance(step)
			elapsed += step
			if _, err := s.Lookup(ctx, token); err != nil {
				t.Fatalf("session ended early, %s after sign-in: %v", elapsed, err)
			}
		}
		c.advance(AbsoluteTimeout - elapsed + time.Second)
		if _, err := s.Lookup(ctx, token); !errors.Is(err, ErrNoSession) {
			t.Fatalf("session past the absolute limit: %v, want ErrNoSession", err)
		}
		if n := sessionRows(t, db); n != 0 {
			t.Fatalf("expired session not deleted: %d rows", n)
		}
	})
}

func TestSessionDelete(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		ada := addPerson(t, db, "ada@example.com")
		bob := addPerson(t, db, "bob@example.com")
		s := NewSessions(db)
		adaToken, _ := s.Create(ctx, ada.ID)
		bobToken, _ := s.Create(ctx, bob.ID)
		bobOther, _ := s.Create(ctx, bob.ID)

		if err := s.Delete(ctx, adaToken); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Lookup(ctx, adaToken); !errors.Is(err, ErrNoSession) {
			t.Fatalf("deleted session: %v", err)
		}
		if _, err := s.Lookup(ctx, bobToken); err != nil {
			t.Fatalf("another person's session must survive: %v", err)
		}
		if err := s.DeleteForPerson(ctx, db, bob.ID); err != nil {
			t.Fatal(err)
		}
		for _, tok := range []string{bobToken, bobOther} {
			if _, err := s.Lookup(ctx, tok); !errors.Is(err, ErrNoSession) {
				t.Fatalf("session of a person signed out everywhere: %v", err)
			}
		}
		if n := sessionRows(t, db); n != 0 {
			t.Fatalf("%d session rows left", n)
		}
	})
}

func TestDeactivatedPersonHasNoPrincipal(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		person := addPerson(t, db, "ada@example.com")
		if _, err := directory.AddGrant(ctx, db, person.ID, directory.RoleAdmin, nil); err != nil {
			t.Fatal(err)
		}
		token, err := NewSessions(db).Create(ctx, person.ID)
		if err != nil {
			t.Fatal(err)
		}
		p, err := LoadPerson(ctx, db, person.ID)
		if err != nil || !p.IsPerson() || !p.Admin || p.Email != "ada@example.com" {
			t.Fatalf("active admin: %+v, %v", p, err)
		}
		if err := db.Model(&directory.Person{}).Where("id = ?", person.ID).Update("active", false).Error; err != nil {
			t.Fatal(err)
		}
		// The session row still exists, but it no longer signs anyone in.
		id, err := NewSessions(db).Lookup(ctx, token)
		if err != nil || id != person.ID {
			t.Fatalf("lookup: %d, %v", id, err)
		}
		if p, err := LoadPerson(ctx, db, id); !errors.Is(err, ErrNoSession) || p != nil {
			t.Fatalf("deactivated person: %+v, %v, want no principal", p, err)
		}
	})
}
