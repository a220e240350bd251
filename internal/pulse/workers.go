package pulse

import (
	"context"

	"github.com/riverqueue/river"
)

type sendWorker struct {
	river.WorkerDefaults[SendArgs]
	s *Service
}

func (w *sendWorker) Work(ctx context.Context, job *river.Job[SendArgs]) error {
	return w.s.send(ctx, job.Args)
}

// RegisterWorkers adds the sending of asks to a runner.
func RegisterWorkers(workers *river.Workers, s *Service) {
	river.AddWorker(workers, &sendWorker{s: s})
}
