package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/database"
	"github.com/devpulse/devpulse/internal/demo"
	"github.com/devpulse/devpulse/internal/jobs"
	"github.com/devpulse/devpulse/internal/survey"
)

// runDemo builds the demo organisation into the configured database,
// which must have no people yet.
func runDemo(ctx context.Context, e env, args []string) error {
	cfg, log, db, err := setup(ctx, e, "demo", args, nil)
	if err != nil {
		return err
	}
	defer database.Close(db)
	queue, err := jobs.New(db, nil, log)
	if err != nil {
		return err
	}
	res, err := buildDemo(ctx, db, queue, cfg.K(), log)
	if errors.Is(err, demo.ErrNotEmpty) {
		return fmt.Errorf("demo: %w (point DEVPULSE_DATA_DIR or DEVPULSE_DATABASE_URL at a new one)", err)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Demo organisation built: %d people, %d closed snapshots and one open, %d responses.\n",
		res.People, len(res.Closed), res.Submitted)
	fmt.Fprintf(e.stdout, "Run `devpulse serve --demo` and sign in at /login as any demo person; the admin is %s.\n", demo.AdminEmail)
	return nil
}

// buildDemo builds the demo organisation, materialises the results of its
// closed snapshots as closing them would, and loads the synthetic
// benchmark set. It fails with demo.ErrNotEmpty when the directory has
// people.
func buildDemo(ctx context.Context, db *gorm.DB, queue survey.Enqueuer, k int, log *slog.Logger) (demo.Result, error) {
	start := time.Now()
	res, err := demo.Build(ctx, db, time.Now(), demo.Options{Jobs: queue})
	if err != nil {
		return res, err
	}
	if err := demo.Finish(ctx, db, res, queue, k); err != nil {
		return res, err
	}
	log.Info("demo organisation built", "people", res.People, "snapshots", len(res.Closed)+1,
		"responses", res.Submitted, "answers", res.Answers, "took", time.Since(start).Round(time.Millisecond))
	return res, nil
}

// demoIfEmpty builds the demo organisation for `serve --demo` unless the
// directory has people already.
func demoIfEmpty(ctx context.Context, db *gorm.DB, queue survey.Enqueuer, k int, log *slog.Logger) error {
	_, err := buildDemo(ctx, db, queue, k, log)
	if errors.Is(err, demo.ErrNotEmpty) {
		log.Info("demo: the directory has people; serving it with the persona sign-in")
		return nil
	}
	return err
}
