package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/database"
	"github.com/devpulse/devpulse/internal/directory"
)

// cliDB migrates a SQLite database in a temporary data dir, adds people to
// it, and returns the data dir and an open handle.
func cliDB(t *testing.T, people ...directory.Person) (string, *gorm.DB) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	db, err := database.OpenSQLite(ctx, filepath.Join(dir, "devpulse.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { database.Close(db) })
	if _, err := database.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	for _, p := range people {
		p.CreatedAt, p.UpdatedAt = time.Now(), time.Now()
		if err := directory.NewStore(db).CreatePerson(ctx, &p); err != nil {
			t.Fatal(err)
		}
	}
	return dir, db
}

func runWithStdin(t *testing.T, stdin string, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := run(context.Background(), args, func(string) string { return "" }, strings.NewReader(stdin), &out, &out)
	return out.String(), err
}

func TestUserPassword(t *testing.T) {
	const password = "correct horse battery"
	dir, db := cliDB(t,
		directory.Person{Email: "ada@example.com", Name: "Ada", Active: true},
		directory.Person{Email: "gone@example.com", Name: "Gone", Active: false},
	)

	out, err := runWithStdin(t, password+"\n", "user", "password", "Ada@Example.com", "--data-dir", dir)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if !strings.Contains(out, "password set for ada@example.com") || strings.Contains(out, password) {
		t.Fatalf("output %q", out)
	}
	var ada directory.Person
	db.Where("email = ?", "ada@example.com").First(&ada)
	if bcrypt.CompareHashAndPassword([]byte(ada.PasswordHash), []byte(password)) != nil {
		t.Fatalf("stored hash %q does not match the password", ada.PasswordHash)
	}
	events, err := audit.New(db).Recent(context.Background(), 10, 0)
	if err != nil || len(events) != 1 || events[0].Actor != "cli" || events[0].Action != "person.password_set" || events[0].Target != "ada@example.com" {
		t.Fatalf("audit log: %+v, %v", events, err)
	}
	if strings.Contains(events[0].Detail, password) {
		t.Fatal("the audit log must not hold the password")
	}

	refused := []struct {
		name  string
		stdin string
		args  []string
		want  string
	}{
		{"short password", "short pass\n", []string{"ada@example.com"}, "at least 12 characters"},
		{"no password", "", []string{"ada@example.com"}, "no password"},
		{"unknown person", password + "\n", []string{"nobody@example.com"}, "not in the directory"},
		{"deactivated person", password + "\n", []string{"gone@example.com"}, "deactivated"},
		{"no email", password + "\n", nil, "give one email address"},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"user", "password"}, tt.args...)
			out, err := runWithStdin(t, tt.stdin, append(args, "--data-dir", dir)...)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want %q", err, tt.want)
			}
			if strings.Contains(out+err.Error(), password) {
				t.Fatal("output shows the password")
			}
		})
	}
	// The refused attempts changed nothing.
	var again directory.Person
	db.Where("email = ?", "ada@example.com").First(&again)
	if again.PasswordHash != ada.PasswordHash {
		t.Fatal("a refused command changed the stored hash")
	}
}

func TestUserSubcommands(t *testing.T) {
	if _, err := runWithStdin(t, "", "user"); err == nil {
		t.Fatal("user without a subcommand must fail")
	}
	out, err := runWithStdin(t, "", "user", "frobnicate")
	if err == nil || !strings.Contains(out, "password") {
		t.Fatalf("unknown subcommand: %v, usage %q", err, out)
	}
	if out, err := runWithStdin(t, "", "user", "-h"); err != nil || !strings.Contains(out, "password") {
		t.Fatalf("user -h: %v %q", err, out)
	}
}
