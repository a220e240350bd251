package announce

import (
	"context"

	"github.com/riverqueue/river"

	"github.com/devpulse/devpulse/internal/results"
)

type readyWorker struct {
	river.WorkerDefaults[results.ReadyArgs]
	a *Announcer
}

func (w *readyWorker) Work(ctx context.Context, job *river.Job[results.ReadyArgs]) error {
	return w.a.Ready(ctx, job.Args.SnapshotID)
}

type sendWorker struct {
	river.WorkerDefaults[SendArgs]
	a *Announcer
}

func (w *sendWorker) Work(ctx context.Context, job *river.Job[SendArgs]) error {
	return w.a.send(ctx, job.Args.AnnouncementID)
}

// RegisterWorkers adds planning and sending announcements to a runner.
func RegisterWorkers(workers *river.Workers, a *Announcer) {
	river.AddWorker(workers, &readyWorker{a: a})
	river.AddWorker(workers, &sendWorker{a: a})
}
