// Package testdb gives each test a freshly migrated database: SQLite in a
// temporary file always, and PostgreSQL whenever the test run provides a
// server through DEVPULSE_TEST_DATABASE_URL (`make test` always does).
package testdb

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/database"
	"github.com/devpulse/devpulse/migrations"
)

// EnvURL names the variable that points tests at a PostgreSQL server. The
// user in it must be allowed to create databases.
const EnvURL = "DEVPULSE_TEST_DATABASE_URL"

// Each runs fn once per available database, as subtests named "sqlite" and
// "postgres".
func Each(t *testing.T, fn func(t *testing.T, db *gorm.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLite(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, Postgres(t)) })
}

// SQLite returns a migrated database in a temporary file removed after the test.
func SQLite(t testing.TB) *gorm.DB {
	t.Helper()
	ctx := context.Background()
	db, err := database.OpenSQLite(ctx, filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = database.Close(db) })
	if _, err := database.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	return db
}

// Postgres returns a migrated database of its own on the test server, dropped
// after the test. Without a server the test is skipped with a message, or
// fails when CI=true: CI must never skip silently.
func Postgres(t testing.TB) *gorm.DB {
	t.Helper()
	db, err := database.OpenPostgres(context.Background(), PostgresURL(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = database.Close(db) })
	return db
}

// PostgresURL creates a migrated database of its own on the test server and
// returns its URL, for tests that start more than one process on it.
func PostgresURL(t testing.TB) string {
	t.Helper()
	server := serverURL(t)
	tpl, err := template(server)
	if err != nil {
		t.Fatal(err)
	}
	return copyDatabase(t, server, tpl)
}

// serverURL is the test server's URL. Without one the test is skipped
// with a message, or fails when CI=true: CI must never skip silently.
func serverURL(t testing.TB) string {
	t.Helper()
	server := os.Getenv(EnvURL)
	if server == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not set: CI must test against PostgreSQL (run `make test`)", EnvURL)
		}
		t.Skipf("PostgreSQL tests skipped: %s is not set (`make test` starts a server)", EnvURL)
	}
	return server
}

// copyDatabase creates a database of the test's own from the template tpl,
// dropped after the test, and returns its URL.
func copyDatabase(t testing.TB, server, tpl string) string {
	t.Helper()
	name := "devpulse_t_" + randomHex(8)
	if err := createDatabase(server, name, tpl); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := dropDatabase(server, name); err != nil {
			t.Error(err)
		}
	})
	return withDatabase(server, name)
}

// createDatabase creates the database name as a copy of tpl.
func createDatabase(server, name, tpl string) error {
	admin, err := database.OpenPostgres(context.Background(), server)
	if err != nil {
		return err
	}
	defer database.Close(admin)
	if err := admin.Exec(fmt.Sprintf("CREATE DATABASE %s TEMPLATE %s", name, tpl)).Error; err != nil {
		return fmt.Errorf("testdb: create database: %w", err)
	}
	return nil
}

var (
	templateMu   sync.Mutex
	templateDone = map[string]string{}
)

// template makes sure a migrated template database exists for the current
// migrations and returns its name. Copying a template is much faster than
// migrating each test's database; the name carries a hash of the migration
// files so a changed migration gets a new template. An advisory lock keeps
// parallel test binaries from building it twice.
func template(server string) (string, error) {
	templateMu.Lock()
	defer templateMu.Unlock()
	if name, ok := templateDone[server]; ok {
		return name, nil
	}
	sum, err := migrationsHash()
	if err != nil {
		return "", err
	}
	name := "devpulse_tpl_" + sum[:12]
	ctx := context.Background()
	admin, err := database.OpenPostgres(ctx, server)
	if err != nil {
		return "", err
	}
	defer database.Close(admin)
	sqlDB, _ := admin.DB()
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock(727274)"); err != nil {
		return "", fmt.Errorf("testdb: lock: %w", err)
	}
	defer conn.ExecContext(ctx, "SELECT pg_advisory_unlock(727274)")
	var exists bool
	if err := conn.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return "", fmt.Errorf("testdb: %w", err)
	}
	if !exists {
		if err := buildTemplate(ctx, conn, server, name); err != nil {
			return "", err
		}
	}
	templateDone[server] = name
	return name, nil
}

func buildTemplate(ctx context.Context, conn *sql.Conn, server, name string) error {
	building := name + "_build"
	// A half-built template from an interrupted run is dropped first.
	if _, err := conn.ExecContext(ctx, "DROP DATABASE IF EXISTS "+building+" WITH (FORCE)"); err != nil {
		return fmt.Errorf("testdb: %w", err)
	}
	if _, err := conn.ExecContext(ctx, "CREATE DATABASE "+building); err != nil {
		return fmt.Errorf("testdb: create template: %w", err)
	}
	db, err := database.OpenPostgres(ctx, withDatabase(server, building))
	if err != nil {
		return err
	}
	_, err = database.Migrate(ctx, db)
	database.Close(db)
	if err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, "ALTER DATABASE "+building+" RENAME TO "+name); err != nil {
		return fmt.Errorf("testdb: rename template: %w", err)
	}
	return nil
}

func migrationsHash() (string, error) {
	h := sha256.New()
	fsys := migrations.For("postgres")
	err := fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, path)
		if err != nil {
			return err
		}
		h.Write([]byte(path))
		h.Write(b)
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("testdb: hash migrations: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func withDatabase(server, name string) string {
	u, err := url.Parse(server)
	if err != nil {
		panic("testdb: bad " + EnvURL + ": " + err.Error())
	}
	u.Path = "/" + name
	return u.String()
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
