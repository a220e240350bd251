package pulse

import (
	"context"
	"time"

	"github.com/riverqueue/river"
	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/config"
	"github.com/devpulse/devpulse/internal/notify"
)

// Queue inserts jobs inside a transaction (jobs.Runner).
type Queue interface {
	InsertManyTx(ctx context.Context, tx *gorm.DB, params []river.InsertManyParams) error
}

// Service is pulse's one entry point: programmes, decisions, sending,
// answers and the weekly view.
type Service struct {
	db      *gorm.DB
	queue   Queue
	mailer  *notify.Mailer
	slack   *notify.Slack
	baseURL string
	budget  config.PulseBudget
	now     func() time.Time
}

// Settings configure a Service.
type Settings struct {
	// Queue is nil when nothing may be sent (asks stay scheduled).
	Queue   Queue
	Mailer  *notify.Mailer
	Slack   *notify.Slack
	BaseURL string
	Budget  config.PulseBudget
}

// New returns a Service on db.
func New(db *gorm.DB, st Settings) *Service {
	if st.Mailer == nil {
		st.Mailer = &notify.Mailer{}
	}
	if st.Slack == nil {
		st.Slack = &notify.Slack{}
	}
	if st.Budget.MinDays == 0 {
		st.Budget = config.PulseBudget{MinDays: 14, MaxPerQuarter: 4, QuietDays: 7}
	}
	return &Service{db: db, queue: st.Queue, mailer: st.Mailer, slack: st.Slack, baseURL: st.BaseURL, budget: st.Budget,
		now: func() time.Time { return time.Now().UTC() }}
}

// SetClock replaces the service's clock, for tests and the demo.
func (s *Service) SetClock(now func() time.Time) { s.now = now }

// Budget returns the organisation's contact budget.
func (s *Service) Budget() config.PulseBudget { return s.budget }
