// Package jobs runs background work stored in the database: timed snapshot
// transitions, mail, Slack messages, result materialisation.
//
// It is a thin layer over River (github.com/riverqueue/river), which keeps
// jobs in the same database as everything else, on PostgreSQL and on
// SQLite, with retries, backoff, scheduled jobs and uniqueness. Jobs survive
// a restart, and with several replicas on one PostgreSQL each job is worked
// by exactly one of them. (maragu.dev/goqite was the first choice but the
// module proxy this project builds from does not serve it.)
package jobs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	"gorm.io/gorm"
)

// PollInterval is how often an idle runner looks for due jobs. Neither
// driver here listens for notifications, so polling sets the latency of a
// timed transition.
const PollInterval = time.Second

// Runner inserts and works jobs.
type Runner struct {
	client *river.Client[*sql.Tx]
	log    *slog.Logger
}

// Workers collects the workers each domain registers before the runner starts.
type Workers = river.Workers

// NewWorkers returns an empty worker set.
func NewWorkers() *Workers { return river.NewWorkers() }

// New builds a runner on db. With workers nil it can only insert jobs.
func New(db *gorm.DB, workers *Workers, log *slog.Logger) (*Runner, error) {
	sqlDB, err := db.DB()
	if err != nil {
		return nil, fmt.Errorf("jobs: %w", err)
	}
	cfg := &river.Config{
		Logger:            log.With("component", "jobs"),
		FetchPollInterval: PollInterval,
		PollOnly:          true,
		MaxAttempts:       10,
		JobTimeout:        5 * time.Minute,
	}
	if workers != nil {
		cfg.Workers = workers
		cfg.Queues = map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: 10}}
	}
	client, err := river.NewClient(driver(db, sqlDB), cfg)
	if err != nil {
		return nil, fmt.Errorf("jobs: new client: %w", err)
	}
	return &Runner{client: client, log: log}, nil
}

func driver(db *gorm.DB, sqlDB *sql.DB) riverdriver.Driver[*sql.Tx] {
	if db.Dialector.Name() == "postgres" {
		return riverdatabasesql.New(sqlDB)
	}
	return riversqlite.New(sqlDB)
}

// Start begins working jobs until ctx ends or Stop is called.
func (r *Runner) Start(ctx context.Context) error {
	if err := r.client.Start(ctx); err != nil {
		return fmt.Errorf("jobs: start: %w", err)
	}
	return nil
}

// Stop lets running jobs finish (up to ctx's deadline) and stops.
func (r *Runner) Stop(ctx context.Context) error {
	if err := r.client.Stop(ctx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("jobs: stop: %w", err)
	}
	return nil
}

// Insert enqueues a job.
func (r *Runner) Insert(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) error {
	if _, err := r.client.Insert(ctx, args, opts); err != nil {
		return fmt.Errorf("jobs: insert %s: %w", args.Kind(), err)
	}
	return nil
}

// InsertMany enqueues several jobs at once, each with opts.
func (r *Runner) InsertMany(ctx context.Context, args []river.JobArgs, opts *river.InsertOpts) error {
	if len(args) == 0 {
		return nil
	}
	params := make([]river.InsertManyParams, len(args))
	for i, a := range args {
		params[i] = river.InsertManyParams{Args: a, InsertOpts: opts}
	}
	if _, err := r.client.InsertMany(ctx, params); err != nil {
		return fmt.Errorf("jobs: insert %d %s: %w", len(args), args[0].Kind(), err)
	}
	return nil
}

// InsertTx enqueues a job inside a GORM transaction, so the job exists
// exactly when the change that asked for it commits.
func (r *Runner) InsertTx(ctx context.Context, tx *gorm.DB, args river.JobArgs, opts *river.InsertOpts) error {
	sqlTx, ok := tx.Statement.ConnPool.(*sql.Tx)
	if !ok {
		return fmt.Errorf("jobs: insert %s: not inside a transaction", args.Kind())
	}
	if _, err := r.client.InsertTx(ctx, sqlTx, args, opts); err != nil {
		return fmt.Errorf("jobs: insert %s: %w", args.Kind(), err)
	}
	return nil
}

// InsertManyTx enqueues several jobs, each with its own options, inside a
// GORM transaction.
func (r *Runner) InsertManyTx(ctx context.Context, tx *gorm.DB, params []river.InsertManyParams) error {
	if len(params) == 0 {
		return nil
	}
	sqlTx, ok := tx.Statement.ConnPool.(*sql.Tx)
	if !ok {
		return fmt.Errorf("jobs: insert %d %s: not inside a transaction", len(params), params[0].Args.Kind())
	}
	if _, err := r.client.InsertManyTx(ctx, sqlTx, params); err != nil {
		return fmt.Errorf("jobs: insert %d %s: %w", len(params), params[0].Args.Kind(), err)
	}
	return nil
}

// Migrate creates or updates River's own tables, through River's migrator.
func Migrate(ctx context.Context, db *gorm.DB) error {
	sqlDB, err := db.DB()
	if err != nil {
		return fmt.Errorf("jobs: %w", err)
	}
	m, err := rivermigrate.New(driver(db, sqlDB), &rivermigrate.Config{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return fmt.Errorf("jobs: migrator: %w", err)
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("jobs: migrate: %w", err)
	}
	return nil
}
