package testdb

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/database"
)

// Fixture is a database state that is costly to build, such as the demo
// organisation: it is built once per test binary and database kind, then
// copied for each test that asks for it, so tests share the build and
// still each change a database of their own. T is what the build returns
// (ids and counts); it is the same for every copy. A package using
// fixtures removes them in its TestMain with Remove.
type Fixture[T any] struct {
	Name  string
	Build func(ctx context.Context, db *gorm.DB) (T, error)

	mu     sync.Mutex
	sqlite *built[T] // the template is a file
	pg     *built[T] // the template is a database on the test server
}

type built[T any] struct {
	where string // SQLite: the template file; PostgreSQL: the database
	value T
	err   error
}

// SQLite returns a copy of the fixture in a temporary SQLite file.
func (f *Fixture[T]) SQLite(t testing.TB) (*gorm.DB, T) {
	t.Helper()
	f.mu.Lock()
	if f.sqlite == nil {
		f.sqlite = f.buildSQLite()
	}
	b := f.sqlite
	f.mu.Unlock()
	if b.err != nil {
		t.Fatalf("testdb: fixture %s: %v", f.Name, b.err)
	}
	data, err := os.ReadFile(b.where)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "test.db")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := database.OpenSQLite(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = database.Close(db) })
	return db, b.value
}

// buildSQLite builds the fixture and keeps it as one self-contained file
// (VACUUM INTO leaves no write-ahead log behind to copy).
func (f *Fixture[T]) buildSQLite() *built[T] {
	b := &built[T]{}
	dir, err := os.MkdirTemp("", "devpulse-fixture-")
	if err != nil {
		b.err = err
		return b
	}
	ctx := context.Background()
	db, err := database.OpenSQLite(ctx, filepath.Join(dir, "build.db"))
	if err != nil {
		b.err = err
		return b
	}
	defer database.Close(db)
	if _, b.err = database.Migrate(ctx, db); b.err != nil {
		return b
	}
	if b.value, b.err = f.Build(ctx, db); b.err != nil {
		return b
	}
	b.where = filepath.Join(dir, "template.db")
	b.err = db.Exec("VACUUM INTO ?", b.where).Error
	return b
}

// Postgres returns a copy of the fixture in a database of its own on the
// test server, dropped after the test; skipped or failed without a server
// as Postgres is.
func (f *Fixture[T]) Postgres(t testing.TB) (*gorm.DB, T) {
	t.Helper()
	server := serverURL(t)
	f.mu.Lock()
	if f.pg == nil {
		f.pg = f.buildPostgres(server)
	}
	b := f.pg
	f.mu.Unlock()
	if b.err != nil {
		t.Fatalf("testdb: fixture %s: %v", f.Name, b.err)
	}
	db, err := database.OpenPostgres(context.Background(), copyDatabase(t, server, b.where))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = database.Close(db) })
	return db, b.value
}

// buildPostgres builds the fixture in a database copied from the
// migrated template; no connection to it stays open, so it can be a
// template in turn.
func (f *Fixture[T]) buildPostgres(server string) *built[T] {
	b := &built[T]{where: "devpulse_fx_" + randomHex(8)}
	tpl, err := template(server)
	if err != nil {
		b.err = err
		return b
	}
	if b.err = createDatabase(server, b.where, tpl); b.err != nil {
		return b
	}
	ctx := context.Background()
	db, err := database.OpenPostgres(ctx, withDatabase(server, b.where))
	if err != nil {
		b.err = err
		return b
	}
	defer database.Close(db)
	b.value, b.err = f.Build(ctx, db)
	return b
}

// Each runs fn on a copy of the fixture per available database, as
// subtests named "sqlite" and "postgres".
func (f *Fixture[T]) Each(t *testing.T, fn func(t *testing.T, db *gorm.DB, v T)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { db, v := f.SQLite(t); fn(t, db, v) })
	t.Run("postgres", func(t *testing.T) { db, v := f.Postgres(t); fn(t, db, v) })
}

// Remove deletes the fixture's templates: the file, and the database on
// the test server.
func (f *Fixture[T]) Remove() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.sqlite != nil && f.sqlite.where != "" {
		_ = os.RemoveAll(filepath.Dir(f.sqlite.where))
	}
	if f.pg != nil {
		_ = dropDatabase(os.Getenv(EnvURL), f.pg.where)
	}
}

// dropDatabase drops a database on the server, closing its connections.
func dropDatabase(server, name string) error {
	admin, err := database.OpenPostgres(context.Background(), server)
	if err != nil {
		return err
	}
	defer database.Close(admin)
	if err := admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)").Error; err != nil {
		return fmt.Errorf("testdb: drop %s: %w", name, err)
	}
	return nil
}
