package invite

import (
	"context"

	"github.com/riverqueue/river"

	"github.com/devpulse/devpulse/internal/survey"
)

type openedWorker struct {
	river.WorkerDefaults[survey.OpenedArgs]
	iv *Inviter
}

func (w *openedWorker) Work(ctx context.Context, job *river.Job[survey.OpenedArgs]) error {
	return w.iv.opened(ctx, job.Args.SnapshotID)
}

type extendedWorker struct {
	river.WorkerDefaults[survey.ExtendedArgs]
	iv *Inviter
}

func (w *extendedWorker) Work(ctx context.Context, job *river.Job[survey.ExtendedArgs]) error {
	return w.iv.scheduleReminders(ctx, job.Args.SnapshotID)
}

type remindWorker struct {
	river.WorkerDefaults[RemindArgs]
	iv *Inviter
}

func (w *remindWorker) Work(ctx context.Context, job *river.Job[RemindArgs]) error {
	return w.iv.remind(ctx, job.Args)
}

type sendWorker struct {
	river.WorkerDefaults[SendArgs]
	iv *Inviter
}

func (w *sendWorker) Work(ctx context.Context, job *river.Job[SendArgs]) error {
	return w.iv.send(ctx, job.Args)
}

// RegisterWorkers adds invitations, reminders and sending to a runner.
func RegisterWorkers(workers *river.Workers, iv *Inviter) {
	river.AddWorker(workers, &openedWorker{iv: iv})
	river.AddWorker(workers, &extendedWorker{iv: iv})
	river.AddWorker(workers, &remindWorker{iv: iv})
	river.AddWorker(workers, &sendWorker{iv: iv})
}
