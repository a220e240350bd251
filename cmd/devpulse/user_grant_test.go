package main

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/database"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/testdb"
)

// grantDatabases gives the test a migrated SQLite data dir and, when the
// run provides one, a PostgreSQL database, each with the environment that
// points the command at it.
func grantDatabases(t *testing.T, fn func(t *testing.T, db *gorm.DB, getenv func(string) string)) {
	t.Run("sqlite", func(t *testing.T) {
		dir := t.TempDir()
		getenv := func(k string) string {
			if k == "DEVPULSE_DATA_DIR" {
				return dir
			}
			return ""
		}
		var out bytes.Buffer
		if err := run(context.Background(), []string{"migrate"}, getenv, nil, &out, &out); err != nil {
			t.Fatal(err, out.String())
		}
		db, err := database.OpenSQLite(context.Background(), filepath.Join(dir, "devpulse.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer database.Close(db)
		fn(t, db, getenv)
	})
	t.Run("postgres", func(t *testing.T) {
		url := testdb.PostgresURL(t)
		db, err := database.OpenPostgres(context.Background(), url)
		if err != nil {
			t.Fatal(err)
		}
		defer database.Close(db)
		fn(t, db, func(k string) string {
			if k == "DEVPULSE_DATABASE_URL" {
				return url
			}
			return ""
		})
	})
}

func TestUserGrant(t *testing.T) {
	grantDatabases(t, func(t *testing.T, db *gorm.DB, getenv func(string) string) {
		ctx := context.Background()
		if _, err := directory.EnsureTeam(ctx, db, "Eng/Platform"); err != nil {
			t.Fatal(err)
		}
		ann := directory.Person{Email: "ann@example.com", Name: "Ann", Active: true, CreatedAt: time.Now(), UpdatedAt: time.Now()}
		if err := directory.NewStore(db).CreatePerson(ctx, &ann); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name string
			args []string
			out  string // stdout, or the error when wantErr
			err  bool
		}{
			{"lead, email in any case", []string{"ANN@Example.com", "lead", " Eng / Platform "}, "granted lead of Eng/Platform to ann@example.com", false},
			{"again changes nothing", []string{"ann@example.com", "lead", "Eng/Platform"}, "already holds lead of Eng/Platform", false},
			{"admin, flags anywhere", []string{"ann@example.com", "--log-level", "warn", "ADMIN"}, "granted admin to ann@example.com", false},
			{"executive", []string{"ann@example.com", "executive"}, "granted executive", false},
			{"unknown email", []string{"bob@example.com", "admin"}, `no one with email "bob@example.com"`, true},
			{"unknown role", []string{"ann@example.com", "overlord"}, `unknown role "overlord": use admin, executive or lead`, true},
			{"unknown team", []string{"ann@example.com", "lead", "Eng/Nope"}, `no team at path "Eng/Nope"`, true},
			{"lead without team", []string{"ann@example.com", "lead"}, "a lead grant needs TEAM_PATH", true},
			{"team for admin", []string{"ann@example.com", "admin", "Eng"}, "TEAM_PATH is only for lead grants", true},
			{"too few arguments", []string{"ann@example.com"}, "want EMAIL ROLE [TEAM_PATH]", true},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				var stdout, stderr bytes.Buffer
				err := runUserGrant(ctx, env{getenv: getenv, stdout: &stdout, stderr: &stderr}, tt.args)
				if tt.err {
					if err == nil || !strings.Contains(err.Error(), tt.out) {
						t.Errorf("error %v, want one with %q", err, tt.out)
					}
					return
				}
				if err != nil || !strings.Contains(stdout.String(), tt.out) {
					t.Errorf("%v, printed %q, want %q", err, stdout.String(), tt.out)
				}
			})
		}
		grants, err := directory.NewStore(db).Grants(ctx, ann.ID)
		if err != nil {
			t.Fatal(err)
		}
		var roles []string
		for _, g := range grants {
			roles = append(roles, g.Role)
		}
		if fmt.Sprint(roles) != "[admin executive lead]" {
			t.Errorf("stored roles %v", roles)
		}
		events, err := audit.New(db).Recent(ctx, 10, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(events) != 3 {
			t.Fatalf("%d audit entries, want one per added grant", len(events))
		}
		for _, e := range events {
			if e.Actor != "cli" || e.Action != "grant.add" || e.Target != fmt.Sprintf("person:%d", ann.ID) {
				t.Errorf("audit %+v", e)
			}
		}
		if events[2].Detail != "lead of Eng/Platform" {
			t.Errorf("audit detail %q", events[2].Detail)
		}
	})
}

func TestSplitArgs(t *testing.T) {
	e := env{getenv: func(string) string { return "" }, stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}}
	flags, pos, err := splitArgs([]string{"--data-dir", "d", "a@b.c", "-log-level=warn", "lead", "--", "-odd/path"}, e)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(flags) != "[--data-dir d -log-level=warn]" || fmt.Sprint(pos) != "[a@b.c lead -odd/path]" {
		t.Errorf("flags %q positional %q", flags, pos)
	}
	if _, _, err := splitArgs([]string{"--no-such-flag"}, e); err == nil {
		t.Error("an unknown flag must fail")
	}
}
