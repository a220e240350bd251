// Package web is devpulse's HTTP server: routes, handlers and middleware.
// Handlers stay thin: they read input, call the domain, render a template.
package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/announce"
	"github.com/devpulse/devpulse/internal/app"
	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/benchmark"
	"github.com/devpulse/devpulse/internal/board"
	"github.com/devpulse/devpulse/internal/config"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/invite"
	"github.com/devpulse/devpulse/internal/jobs"
	"github.com/devpulse/devpulse/internal/metrics"
	"github.com/devpulse/devpulse/internal/responses"
	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/internal/roster"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/static"
)

// Timeouts of the HTTP server. WriteTimeout bounds the slowest page
// (an export); ShutdownTimeout is how long in-flight requests get to finish.
const (
	ReadHeaderTimeout = 10 * time.Second
	ReadTimeout       = 30 * time.Second
	WriteTimeout      = 60 * time.Second
	IdleTimeout       = 120 * time.Second
	ShutdownTimeout   = 30 * time.Second
)

// Deps is everything the server needs, passed in explicitly. cmd/devpulse
// builds Services once (app.New) and shares them with the job runner.
type Deps struct {
	Config config.Config
	// DB is used only to report readiness (/readyz); every read and write
	// goes through Services.
	DB       *gorm.DB
	Services *app.Services
	// Jobs is the queue Services were built with (app.New); the server
	// inserts nothing itself. Workers run elsewhere (cmd/devpulse).
	Jobs    *jobs.Runner
	Logger  *slog.Logger
	Assets  *static.Assets
	Version string
	// Demo turns on the persona sign-in and marks every page.
	Demo bool
	// ActiveWait is how long a request waits for one of
	// DEVPULSE_MAX_ACTIVE slots before a 503 (DefaultActiveWait when 0).
	ActiveWait time.Duration
}

// Server is the Echo application with its handlers.
type Server struct {
	echo       *echo.Echo
	deps       Deps
	rules      map[string]auth.Rule
	sessions   *auth.Sessions
	tokens     *auth.Tokens
	dir        *directory.Store
	people     *directory.Service
	roster     *roster.Importer
	surveys    *survey.Store
	responses  *responses.Store
	results    *results.Store
	audit      *audit.Log
	benchmarks *benchmark.Store
	// passwords checks bootstrap admins' passwords; oidc is nil unless
	// single sign-on is configured.
	passwords *auth.Passwords
	oidc      *auth.OIDC
	// inviter reports and retries invitation delivery; announcer previews
	// and retries the messages sent when results are ready.
	inviter   *invite.Inviter
	announcer *announce.Announcer
	// pulse: events in, pulse programmes, asks and answers (pulse_wiring.go).
	pulse pulseParts
	// load counts requests at work, for releasing memory when idle.
	load load
	// board reads the feedback board; boardChanges changes it.
	board        *board.Store
	boardChanges *board.Service
	// metrics keeps weekly system metrics per team and their links to drivers.
	metrics *metrics.Store
}

// New builds the server on the services in d and registers every route.
func New(d Deps) (*Server, error) {
	if d.Services == nil {
		return nil, errors.New("web: no services: build them with app.New")
	}
	if d.DB == nil {
		return nil, errors.New("web: no database to report readiness with")
	}
	if d.Assets == nil {
		d.Assets = static.Load()
	}
	if d.Logger == nil {
		d.Logger = slog.Default()
	}
	e := echo.New()
	e.HideBanner = true
	e.HidePort = true
	svc := d.Services
	s := &Server{
		echo: e, deps: d, rules: map[string]auth.Rule{},
		sessions: svc.Sessions, tokens: svc.Tokens, passwords: svc.Passwords, oidc: svc.OIDC,
		dir: svc.Directory, people: svc.People, roster: svc.Roster, surveys: svc.Surveys, responses: svc.Responses, results: svc.Results,
		audit: svc.Audit, benchmarks: svc.Benchmarks, inviter: svc.Inviter, announcer: svc.Announcer,
		board: svc.Board, boardChanges: svc.BoardChanges, metrics: svc.Metrics,
	}
	s.initPulse()
	e.IPExtractor = ipExtractor(d.Config)
	e.HTTPErrorHandler = s.handleError
	s.routes()
	return s, nil
}

// Handler returns the server as an http.Handler, for tests.
func (s *Server) Handler() http.Handler { return s.echo }

// Serve answers requests on ln until ctx is cancelled, then stops taking new
// connections and lets in-flight requests finish (up to ShutdownTimeout).
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.echo,
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       ReadTimeout,
		WriteTimeout:      WriteTimeout,
		IdleTimeout:       IdleTimeout,
		ErrorLog:          slog.NewLogLogger(s.deps.Logger.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	go s.releaseIdleMemory(ctx)
	select {
	case err := <-errc:
		return fmt.Errorf("web: serve: %w", err)
	case <-ctx.Done():
	}
	s.deps.Logger.Info("shutting down", "wait_max", ShutdownTimeout.String())
	shutCtx, cancel := context.WithTimeout(context.Background(), ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		return fmt.Errorf("web: shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("web: serve: %w", err)
	}
	return nil
}

// ipExtractor finds the client's address: the connecting peer, or the
// address a trusted proxy (DEVPULSE_TRUSTED_PROXIES) names in
// X-Forwarded-For. Without trusted proxies the header is ignored, so a
// client cannot pick its own address by sending it.
func ipExtractor(cfg config.Config) echo.IPExtractor {
	ranges, _ := cfg.ProxyRanges() // Config.Validate has checked them
	if len(ranges) == 0 {
		return echo.ExtractIPDirect()
	}
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, r := range ranges {
		opts = append(opts, echo.TrustIPRange(r))
	}
	return echo.ExtractIPFromXFFHeader(opts...)
}
