// Package app builds devpulse's stores and services once, from the
// settings and the database: cmd/devpulse calls New and hands the result to
// the HTTP server (web.Deps) and to the job runner (RegisterWorkers), so
// both work on the same objects and nothing is wired twice.
package app

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/actions"
	"github.com/devpulse/devpulse/internal/announce"
	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/benchmark"
	"github.com/devpulse/devpulse/internal/board"
	"github.com/devpulse/devpulse/internal/config"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/events"
	"github.com/devpulse/devpulse/internal/goals"
	"github.com/devpulse/devpulse/internal/invite"
	"github.com/devpulse/devpulse/internal/jobs"
	"github.com/devpulse/devpulse/internal/metrics"
	"github.com/devpulse/devpulse/internal/notify"
	"github.com/devpulse/devpulse/internal/pulse"
	"github.com/devpulse/devpulse/internal/readout"
	"github.com/devpulse/devpulse/internal/responses"
	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/internal/roster"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/threads"
)

// Services holds every store and domain service, built once.
type Services struct {
	Directory *directory.Store
	// People changes the directory (activate, grant, revoke, edit, add a
	// team) with its audit entry; Roster imports it from a file.
	People     *directory.Service
	Roster     *roster.Importer
	Surveys    *survey.Store
	Responses  *responses.Store
	Results    *results.Store
	Benchmarks *benchmark.Store
	Audit      *audit.Log
	Sessions   *auth.Sessions
	Tokens     *auth.Tokens
	Passwords  *auth.Passwords
	// OIDC is nil unless single sign-on is configured.
	OIDC *auth.OIDC
	// Inviter sends invitations and reminders; Announcer previews, sends
	// and retries the messages that say results are ready.
	Inviter   *invite.Inviter
	Announcer *announce.Announcer
	// Events stores what tools report; Pulse decides, sends and records
	// the asks every new event may trigger, in the transaction that
	// stores it.
	Events *events.Store
	Pulse  *pulse.Service
	// Board reads the feedback board; BoardChanges posts, answers, votes
	// and reacts on it.
	Board        *board.Store
	BoardChanges *board.Service
	// BoardNotices tells authors and voters what the owners decided.
	BoardNotices *board.Notices
	// Goals keeps the goals teams set after a snapshot.
	Goals *goals.Service
	// Threads keeps replies to comments; ThreadNotices tells authors.
	Threads       *threads.Service
	ThreadNotices *threads.Notices
	// Actions keeps the teams' and the organisation's action plans.
	Actions *actions.Service
	// Metrics keeps weekly system metrics per team, the figures computed
	// from events, and their links to drivers.
	Metrics *metrics.Store
}

// New builds the services on db. queue inserts background jobs; it may be
// nil where nothing schedules work (some tests), and then scheduling a
// snapshot fails with an error instead of a panic. cfg must have passed
// Validate; a setting New cannot use is returned as an error.
func New(cfg config.Config, db *gorm.DB, queue *jobs.Runner) (*Services, error) {
	if db == nil {
		return nil, errors.New("app: no database")
	}
	mailer, err := notify.NewMailer(cfg.SMTPURL, cfg.MailFrom)
	if err != nil {
		return nil, fmt.Errorf("app: mail settings: %w", err)
	}
	slack := notify.NewSlack(cfg.SlackToken, cfg.SlackAPIURL)
	if !benchmark.ValidCompanySize(cfg.CompanySize) {
		return nil, fmt.Errorf("app: DEVPULSE_COMPANY_SIZE: %q must be one of %s, or empty", cfg.CompanySize, strings.Join(benchmark.CompanySizeKeys(), ", "))
	}
	s := &Services{
		Directory:  directory.NewStore(db),
		Responses:  responses.NewStore(db),
		Benchmarks: benchmark.NewStore(db),
		Audit:      audit.New(db),
		Sessions:   auth.NewSessions(db),
		Tokens:     auth.NewTokens(db),
		Passwords:  auth.NewPasswords(db, auth.DefaultPasswordCost),
	}
	s.Goals = goals.New(db, s.Audit)
	s.Actions = actions.New(db, s.Audit)
	s.Metrics = metrics.New(db, s.Audit)
	s.Metrics.SetMinGroupSize(cfg.K())
	// Each domain declares the queue it needs; a nil *jobs.Runner must reach
	// them as a nil interface, not as a typed nil they would call.
	var surveyQueue survey.Enqueuer
	var inviteQueue invite.Queue
	var announceQueue announce.Queue
	var pulseQueue pulse.Queue
	if queue != nil {
		surveyQueue, inviteQueue, announceQueue, pulseQueue = queue, queue, queue, queue
	}
	s.Surveys = survey.NewStore(db, surveyQueue)
	if s.Results, err = results.New(db, s.Directory, s.Surveys, cfg.K()); err != nil {
		return nil, fmt.Errorf("app: %w", err)
	}
	if s.People, err = directory.NewService(db, s.Sessions); err != nil {
		return nil, fmt.Errorf("app: %w", err)
	}
	if s.Roster, err = roster.NewImporter(db, s.People); err != nil {
		return nil, fmt.Errorf("app: %w", err)
	}
	s.Results.SetBenchmarks(s.Benchmarks.ForResults())
	if err := s.buildBoard(cfg, db, queue, mailer, slack); err != nil {
		return nil, err
	}
	if cfg.OIDCConfigured() {
		s.OIDC = auth.NewOIDC(cfg.OIDCIssuer, cfg.OIDCClientID, cfg.OIDCClientSecret, cfg.OIDCRedirectURL())
	}
	s.Inviter = invite.New(db, inviteQueue, mailer, slack, cfg.BaseURL)
	s.Announcer = announce.New(db, s.Results, s.Directory, announceQueue, mailer, slack,
		announce.Settings{BaseURL: cfg.BaseURL, Channel: cfg.SlackChannel, VoiceEmails: cfg.VoiceAddresses()})
	s.Pulse = pulse.New(db, pulse.Settings{Queue: pulseQueue, Mailer: mailer, Slack: slack, BaseURL: cfg.BaseURL, Budget: cfg.Budget()})
	s.Events = events.NewStore(db)
	// New events decide pulse asks and refresh the weekly figures of the
	// teams and weeks they touch, in the transaction that stores them.
	s.Events.OnStored(func(ctx context.Context, tx *gorm.DB, stored []events.Event) error {
		if err := s.Pulse.Decide(ctx, tx, stored); err != nil {
			return err
		}
		return s.Metrics.FromEvents(ctx, tx, stored)
	})
	s.Announcer.SetFindings(joinFindings(s.Goals.Findings, s.Actions.Findings(s.Results.Org)))
	if err := s.buildThreads(cfg, db, queue, mailer, slack); err != nil {
		return nil, err
	}
	return s, nil
}

// joinFindings is every findings function's findings, in order.
func joinFindings(fs ...announce.FindingsFunc) announce.FindingsFunc {
	return func(ctx context.Context, o results.OrgDashboard) ([]readout.Finding, error) {
		var out []readout.Finding
		for _, f := range fs {
			more, err := f(ctx, o)
			if err != nil {
				return out, err
			}
			out = append(out, more...)
		}
		return out, nil
	}
}

// RegisterWorkers adds every background job's worker to workers: the
// timed snapshot transitions, materialising results on close, invitations
// and reminders, and the announcements that results are ready.
func (s *Services) RegisterWorkers(workers *jobs.Workers) {
	survey.RegisterWorkers(workers, s.Surveys)
	results.RegisterWorkers(workers, s.Results)
	invite.RegisterWorkers(workers, s.Inviter)
	announce.RegisterWorkers(workers, s.Announcer)
	pulse.RegisterWorkers(workers, s.Pulse)
	board.RegisterWorkers(workers, s.BoardNotices)
	threads.RegisterWorkers(workers, s.ThreadNotices)
}

// buildThreads builds replies to comments; without a queue nobody is told.
func (s *Services) buildThreads(cfg config.Config, db *gorm.DB, queue *jobs.Runner, mailer *notify.Mailer, slack *notify.Slack) error {
	var q threads.Queue
	if queue != nil {
		q = queue
	}
	s.ThreadNotices = threads.NewNotices(db, s.Responses, s.Directory, s.Surveys, mailer, slack, cfg.BaseURL)
	var err error
	if s.Threads, err = threads.New(db, s.Results, s.Responses, s.Surveys, s.Audit, q); err != nil {
		return fmt.Errorf("app: %w", err)
	}
	return nil
}

// buildBoard builds the feedback board; without a queue its status
// changes notify nobody.
func (s *Services) buildBoard(cfg config.Config, db *gorm.DB, queue *jobs.Runner, mailer *notify.Mailer, slack *notify.Slack) error {
	s.Board = board.NewStore(db)
	var notifier board.Notifier
	var boardQueue board.Queue
	if queue != nil {
		boardQueue = queue
	}
	s.BoardNotices = board.NewNotices(db, boardQueue, mailer, slack, cfg.BaseURL)
	if queue != nil {
		notifier = s.BoardNotices
	}
	var err error
	if s.BoardChanges, err = board.NewService(db, notifier); err != nil {
		return fmt.Errorf("app: %w", err)
	}
	return nil
}
