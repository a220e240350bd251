// Package database opens devpulse's database (an embedded SQLite file by
// default, PostgreSQL in production) and applies the versioned migrations.
package database

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"time"

	"github.com/glebarez/sqlite"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/devpulse/devpulse/internal/config"
)

// Dialect names the database in use: "sqlite" or "postgres".
type Dialect string

// The two databases devpulse runs on.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Pool sizes for PostgreSQL. Each replica keeps at most MaxOpenConns, so a
// PostgreSQL with the default max_connections of 100 serves several replicas.
// Requests beyond it wait for a connection, which on a small machine is
// faster than more backends competing for the same cores (50 connections
// for 50 concurrent respondents gave fewer submissions per second than 20
// on two cores). Idle connections are kept up to the same number: with
// fewer, every burst of requests closed and reopened connections, a new
// backend process each (docs/benchmarks.md has the runs).
const (
	MaxOpenConns    = 20
	MaxIdleConns    = MaxOpenConns
	ConnMaxLifetime = 30 * time.Minute
)

// Open connects to the database the configuration names. For SQLite it
// creates the data directory, turns on WAL, foreign keys and a busy timeout.
func Open(ctx context.Context, cfg config.Config) (*gorm.DB, error) {
	if cfg.IsPostgres() {
		return OpenPostgres(ctx, cfg.DatabaseURL)
	}
	if err := os.MkdirAll(cfg.DataDir, 0o750); err != nil {
		return nil, fmt.Errorf("database: create data dir: %w", err)
	}
	return OpenSQLite(ctx, cfg.SQLitePath())
}

// OpenSQLite opens (creating if needed) the SQLite file at path.
func OpenSQLite(ctx context.Context, path string) (*gorm.DB, error) {
	q := url.Values{}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "synchronous(NORMAL)")
	// Writers take the lock when their transaction begins, so two writers
	// wait for each other instead of failing halfway with SQLITE_BUSY.
	q.Set("_txlock", "immediate")
	db, err := gorm.Open(sqlite.Open("file:"+path+"?"+q.Encode()), gormConfig())
	if err != nil {
		return nil, fmt.Errorf("database: open sqlite %s: %w", path, err)
	}
	return db, ping(ctx, db)
}

// OpenPostgres connects to PostgreSQL with a sized connection pool.
func OpenPostgres(ctx context.Context, dsn string) (*gorm.DB, error) {
	db, err := gorm.Open(postgres.Open(dsn), gormConfig())
	if err != nil {
		return nil, fmt.Errorf("database: open postgres: %w", err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, fmt.Errorf("database: %w", err)
	}
	sqlDB.SetMaxOpenConns(MaxOpenConns)
	sqlDB.SetMaxIdleConns(MaxIdleConns)
	sqlDB.SetConnMaxLifetime(ConnMaxLifetime)
	return db, ping(ctx, db)
}

// DialectOf tells which database a handle talks to.
func DialectOf(db *gorm.DB) Dialect {
	if db.Dialector.Name() == "postgres" {
		return Postgres
	}
	return SQLite
}

// Close closes the underlying connection pool.
func Close(db *gorm.DB) error {
	sqlDB, err := db.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}

// Ping checks the database answers.
func ping(ctx context.Context, db *gorm.DB) error {
	sqlDB, err := db.DB()
	if err != nil {
		return fmt.Errorf("database: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := sqlDB.PingContext(ctx); err != nil {
		return fmt.Errorf("database: ping: %w", err)
	}
	return nil
}

func gormConfig() *gorm.Config {
	return &gorm.Config{
		// Queries are not logged: they may carry answers, and logs must never
		// tie an answer to a person.
		Logger:                 logger.Discard,
		TranslateError:         true,
		SkipDefaultTransaction: true,
		NowFunc:                func() time.Time { return time.Now().UTC() },
	}
}
