package results

import (
	"context"
	"database/sql"
	"errors"

	"github.com/riverqueue/river"

	"github.com/devpulse/devpulse/internal/survey"
)

// Scheduler is the audit actor of work the job runner does.
const Scheduler = "scheduler"

// ReadyArgs says that a snapshot that has just closed has its results
// materialised; package announce works it. Only the close job enqueues it,
// once per snapshot (unique by args), so a recompute announces nothing.
type ReadyArgs struct {
	SnapshotID int64 `json:"snapshot_id"`
}

// Kind names the job.
func (ReadyArgs) Kind() string { return "results_ready" }

type closedWorker struct {
	river.WorkerDefaults[survey.ClosedArgs]
	store *Store
}

// Work materialises a snapshot's results once it has closed, then says
// they are ready. A retry recomputes the same numbers; the ready job is
// unique, so it is not enqueued twice. A runner with no worker for it
// (nothing announces) skips it.
func (w *closedWorker) Work(ctx context.Context, job *river.Job[survey.ClosedArgs]) error {
	if _, err := w.store.Materialise(ctx, job.Args.SnapshotID, Scheduler); err != nil && !errors.Is(err, ErrPublished) {
		return err // published already: its results are final
	}
	client, err := river.ClientFromContextSafely[*sql.Tx](ctx)
	if err != nil {
		return err
	}
	_, err = client.Insert(ctx, ReadyArgs{SnapshotID: job.Args.SnapshotID}, &river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}})
	if unknown := (*river.UnknownJobKindError)(nil); errors.As(err, &unknown) {
		return nil
	}
	return err
}

// RegisterWorkers adds materialisation on close to a runner.
func RegisterWorkers(workers *river.Workers, store *Store) {
	river.AddWorker(workers, &closedWorker{store: store})
}
