package database

import (
	"context"
	"fmt"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/jobs"
	"github.com/devpulse/devpulse/migrations"
)

// VersionTable records which migrations have been applied.
const VersionTable = "schema_migrations"

// MigrationResult describes one applied migration.
type MigrationResult struct {
	Version int64
	Source  string
}

// Migrate applies every pending migration in order and returns what it
// applied. On PostgreSQL a session lock keeps two replicas starting at once
// from migrating together.
func Migrate(ctx context.Context, db *gorm.DB) ([]MigrationResult, error) {
	p, err := provider(db)
	if err != nil {
		return nil, err
	}
	res, err := p.Up(ctx)
	if err != nil {
		return nil, fmt.Errorf("database: migrate: %w", err)
	}
	if err := withLock(ctx, db, func() error { return jobs.Migrate(ctx, db) }); err != nil {
		return nil, err
	}
	out := make([]MigrationResult, 0, len(res))
	for _, r := range res {
		out = append(out, MigrationResult{Version: r.Source.Version, Source: r.Source.Path})
	}
	return out, nil
}

// withLock runs fn holding a PostgreSQL advisory lock, so replicas starting
// together run River's migrations one at a time. SQLite has one process.
func withLock(ctx context.Context, db *gorm.DB, fn func() error) error {
	if DialectOf(db) != Postgres {
		return fn()
	}
	sqlDB, err := db.DB()
	if err != nil {
		return err
	}
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return fmt.Errorf("database: lock: %w", err)
	}
	defer conn.Close()
	const key = 7272740001
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", key); err != nil {
		return fmt.Errorf("database: lock: %w", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", key)
	return fn()
}

// Version returns the applied schema version and the newest one this binary
// knows. They are equal when the schema is current.
func Version(ctx context.Context, db *gorm.DB) (current, latest int64, err error) {
	p, err := provider(db)
	if err != nil {
		return 0, 0, err
	}
	current, latest, err = p.GetVersions(ctx)
	if err != nil {
		return 0, 0, fmt.Errorf("database: schema version: %w", err)
	}
	return current, latest, nil
}

func provider(db *gorm.DB) (*goose.Provider, error) {
	sqlDB, err := db.DB()
	if err != nil {
		return nil, fmt.Errorf("database: %w", err)
	}
	dialect := goose.DialectSQLite3
	opts := []goose.ProviderOption{goose.WithTableName(VersionTable)}
	if DialectOf(db) == Postgres {
		dialect = goose.DialectPostgres
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return nil, fmt.Errorf("database: migration lock: %w", err)
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	p, err := goose.NewProvider(dialect, sqlDB, migrations.For(string(DialectOf(db))), opts...)
	if err != nil {
		return nil, fmt.Errorf("database: migrations: %w", err)
	}
	return p, nil
}
