package demo

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/benchmark"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/internal/survey"
)

// Finish makes what Build made readable: it materialises the closed
// snapshots' results, as closing them would, with minimum group size k,
// and loads the synthetic benchmark set (labelled as such).
func Finish(ctx context.Context, db *gorm.DB, res Result, jobs survey.Enqueuer, k int) error {
	store, err := results.New(db, directory.NewStore(db), survey.NewStore(db, jobs), k)
	if err != nil {
		return err
	}
	for _, id := range res.Closed {
		if _, err := store.Materialise(ctx, id, Actor); err != nil {
			return fmt.Errorf("demo: results of snapshot %d: %w", id, err)
		}
	}
	if err := benchmark.LoadDemo(ctx, db); err != nil {
		return fmt.Errorf("demo: benchmarks: %w", err)
	}
	return nil
}
