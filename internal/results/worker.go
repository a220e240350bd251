package results

import (
	"context"

	"github.com/riverqueue/river"

	"github.com/devpulse/devpulse/internal/survey"
)

// Scheduler is the audit actor of work the job runner does.
const Scheduler = "scheduler"

type closedWorker struct {
	river.WorkerDefaults[survey.ClosedArgs]
	store *Store
}

// Work materialises a snapshot's results once it has closed. A retry
// recomputes the same numbers.
func (w *closedWorker) Work(ctx context.Context, job *river.Job[survey.ClosedArgs]) error {
	_, err := w.store.Materialise(ctx, job.Args.SnapshotID, Scheduler)
	return err
}

// RegisterWorkers adds materialisation on close to a runner.
func RegisterWorkers(workers *river.Workers, store *Store) {
	river.AddWorker(workers, &closedWorker{store: store})
}
