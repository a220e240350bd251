package main

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/database"
	"github.com/devpulse/devpulse/internal/testdb"
)

// tokenDatabases runs fn against an SQLite data dir and, when the test run
// has one, a PostgreSQL database: getenv points the commands at it and db
// is a handle of the test's own on the same database.
func tokenDatabases(t *testing.T, fn func(t *testing.T, getenv func(string) string, db *gorm.DB)) {
	t.Run("sqlite", func(t *testing.T) {
		dir := t.TempDir()
		getenv := func(k string) string {
			if k == "DEVPULSE_DATA_DIR" {
				return dir
			}
			return ""
		}
		if _, errOut, err := runCLI(t, getenv, "migrate"); err != nil {
			t.Fatal(err, errOut)
		}
		db, err := database.OpenSQLite(context.Background(), filepath.Join(dir, "devpulse.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { database.Close(db) })
		fn(t, getenv, db)
	})
	t.Run("postgres", func(t *testing.T) {
		url := testdb.PostgresURL(t)
		getenv := func(k string) string {
			if k == "DEVPULSE_DATABASE_URL" {
				return url
			}
			return ""
		}
		db, err := database.OpenPostgres(context.Background(), url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { database.Close(db) })
		fn(t, getenv, db)
	})
}

// runCLI runs a devpulse command and returns its stdout and stderr.
func runCLI(t *testing.T, getenv func(string) string, args ...string) (string, string, error) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), args, getenv, nil, &stdout, &stderr)
	return stdout.String(), stderr.String(), err
}

var secretLine = regexp.MustCompile(`^dp_[A-Za-z0-9_-]{43}\n$`)

func TestTokenCommands(t *testing.T) {
	tokenDatabases(t, func(t *testing.T, getenv func(string) string, db *gorm.DB) {
		ctx := context.Background()
		out, errOut, err := runCLI(t, getenv, "token", "create", "--name", "HR sync", "--scopes", "roster:write,results:read")
		if err != nil {
			t.Fatal(err, errOut)
		}
		if !secretLine.MatchString(out) {
			t.Fatalf("stdout %q: want the secret alone on one line", out)
		}
		secret := strings.TrimSpace(out)
		if strings.Contains(errOut, secret) {
			t.Fatal("the secret also went to stderr")
		}
		p, err := auth.NewTokens(db).Principal(ctx, secret)
		if err != nil || p.TokenName != "HR sync" || !p.HasScope(auth.ScopeRosterWrite) || !p.HasScope(auth.ScopeResultsRead) || p.HasScope(auth.ScopeEventsWrite) {
			t.Fatalf("token from the CLI: %+v %v", p, err)
		}

		out, _, err = runCLI(t, getenv, "token", "list")
		if err != nil {
			t.Fatal(err)
		}
		if !regexp.MustCompile(`(?m)^1 +HR sync +roster:write,results:read +cli +\S+ \S+ +\S+ \S+ +active$`).MatchString(out) {
			t.Fatalf("list:\n%s", out)
		}
		if strings.Contains(out, secret) {
			t.Fatal("list shows the secret")
		}

		// The ID may come before or after the flags.
		dbFlag := []string{"--log-level", "warn"}
		if out, _, err = runCLI(t, getenv, append([]string{"token", "revoke"}, append(dbFlag, "1")...)...); err != nil {
			t.Fatal(err)
		}
		if out != "Revoked token 1 \"HR sync\".\n" {
			t.Fatalf("revoke printed %q", out)
		}
		if _, err := auth.NewTokens(db).Principal(ctx, secret); !errors.Is(err, auth.ErrNoSession) {
			t.Fatalf("revoked token still works: %v", err)
		}
		if _, _, err = runCLI(t, getenv, "token", "revoke", "1", "--log-level=warn"); err != nil {
			t.Fatalf("revoking twice: %v", err)
		}
		out, _, _ = runCLI(t, getenv, "token", "list")
		if !regexp.MustCompile(`(?m)^1 +HR sync .* revoked \S+ \S+$`).MatchString(out) {
			t.Fatalf("list after revoke:\n%s", out)
		}

		page, err := audit.New(db).Query(ctx, audit.Filter{}, 1, 10)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range page.Events {
			got = append(got, e.Actor+" "+e.Action+" "+e.Target+" "+e.Detail)
		}
		want := `cli token.revoke token 1 "HR sync" ` + "\n" + `cli token.create token 1 "HR sync" scopes: roster:write, results:read`
		if strings.Join(got, "\n") != want {
			t.Fatalf("audit log:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
		}
	})
}

func TestTokenCommandErrors(t *testing.T) {
	dir := t.TempDir()
	getenv := func(k string) string {
		if k == "DEVPULSE_DATA_DIR" {
			return dir
		}
		return ""
	}
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"token"}, "create, list or revoke"},
		{[]string{"token", "rotate"}, `unknown subcommand "rotate"`},
		{[]string{"token", "create", "--scopes", "results:read"}, "--name is required"},
		{[]string{"token", "create", "--name", "x"}, "at least one scope"},
		{[]string{"token", "create", "--name", "x", "--scopes", "results:read,admin"}, `unknown scope "admin"`},
		{[]string{"token", "create", "--name", "x", "--scopes", "results:read", "extra"}, "unexpected argument"},
		{[]string{"token", "revoke"}, "give the ID"},
		{[]string{"token", "revoke", "abc"}, `"abc" is not a token ID`},
		{[]string{"token", "revoke", "999"}, "no token has ID 999"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			out, _, err := runCLI(t, getenv, tt.args...)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
			if out != "" {
				t.Errorf("stdout %q, want nothing on failure", out)
			}
		})
	}
}

func TestCutPositional(t *testing.T) {
	tests := []struct {
		in       string
		pos, out string
	}{
		{"3", "3", ""},
		{"3 --data-dir d", "3", "--data-dir d"},
		{"--data-dir d 3", "3", "--data-dir d"},
		{"--data-dir=d 3 --log-level warn", "3", "--data-dir=d --log-level warn"},
		{"--data-dir d", "", "--data-dir d"},
		{"-- 3", "3", ""},
		{"", "", ""},
	}
	for _, tt := range tests {
		pos, rest := cutPositional(strings.Fields(tt.in))
		if pos != tt.pos || strings.Join(rest, " ") != tt.out {
			t.Errorf("cutPositional(%q) = %q, %q; want %q, %q", tt.in, pos, rest, tt.pos, tt.out)
		}
	}
}
