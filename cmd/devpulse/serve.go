package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"runtime/debug"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/app"
	"github.com/devpulse/devpulse/internal/config"
	"github.com/devpulse/devpulse/internal/database"
	"github.com/devpulse/devpulse/internal/jobs"
	"github.com/devpulse/devpulse/web"
)

// configFlags binds a flag to each setting so a flag overrides its
// environment variable.
func configFlags(fs *flag.FlagSet, cfg *config.Config) {
	for _, v := range config.Vars {
		p := cfg.Field(v.Name)
		if config.IsSecret(v.Name) {
			fs.Var(secretFlag{p}, v.Flag, v.Usage+" ($"+v.Name+")")
			continue
		}
		fs.StringVar(p, v.Flag, *p, v.Usage+" ($"+v.Name+")")
	}
}

// secretFlag sets a secret setting without ever printing it: -h shows no
// default for it, whatever the environment holds.
type secretFlag struct{ p *string }

func (f secretFlag) String() string { return "" }

func (f secretFlag) Set(s string) error {
	*f.p = s
	return nil
}

// setup parses flags over the environment, validates, and opens and
// migrates the database. The caller closes the database.
func setup(ctx context.Context, e env, name string, args []string, extra func(*flag.FlagSet)) (config.Config, *slog.Logger, *gorm.DB, error) {
	cfg := config.Load(e.getenv)
	fs := flag.NewFlagSet("devpulse "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	configFlags(fs, &cfg)
	if extra != nil {
		extra(fs)
	}
	if err := fs.Parse(args); err != nil {
		return cfg, nil, nil, err
	}
	if fs.NArg() > 0 {
		return cfg, nil, nil, fmt.Errorf("%s: unexpected argument %q", name, fs.Arg(0))
	}
	if err := cfg.Validate(); err != nil {
		return cfg, nil, nil, err
	}
	level, _ := cfg.Level()
	log := newLogger(e.stderr, cfg.LogFormat, level)
	db, err := database.Open(ctx, cfg)
	if err != nil {
		return cfg, nil, nil, err
	}
	applied, err := database.Migrate(ctx, db)
	if err != nil {
		database.Close(db)
		return cfg, nil, nil, err
	}
	for _, m := range applied {
		log.Info("migration applied", "version", m.Version, "source", m.Source)
	}
	return cfg, log, db, nil
}

// setupServices is setup plus every store and service built on the
// database (app.New, without a job queue), for the commands that read and
// change data through them. The caller closes the database.
func setupServices(ctx context.Context, e env, name string, args []string, extra func(*flag.FlagSet)) (*app.Services, *gorm.DB, error) {
	cfg, _, db, err := setup(ctx, e, name, args, extra)
	if err != nil {
		return nil, nil, err
	}
	svc, err := app.New(cfg, db, nil)
	if err != nil {
		database.Close(db)
		return nil, nil, err
	}
	return svc, db, nil
}

func runMigrate(ctx context.Context, e env, args []string) error {
	_, log, db, err := setup(ctx, e, "migrate", args, nil)
	if err != nil {
		return err
	}
	defer database.Close(db)
	current, _, err := database.Version(ctx, db)
	if err != nil {
		return err
	}
	log.Info("schema is current", "version", current)
	return nil
}

func runServe(ctx context.Context, e env, args []string) error {
	var demoMode bool
	cfg, log, db, err := setup(ctx, e, "serve", args, func(fs *flag.FlagSet) {
		fs.BoolVar(&demoMode, "demo", false, "run with the demo organisation (built when the directory is empty) and persona sign-in")
	})
	if err != nil {
		return err
	}
	defer database.Close(db)
	if limit := memoryLimit(cfg, e.getenv); limit > 0 {
		debug.SetMemoryLimit(limit)
		log.Info("memory limit", "mib", limit>>20)
	}

	// Jobs are inserted through one River client and worked by another:
	// the workers need the stores, and the stores need something to insert with.
	queue, err := jobs.New(db, nil, log)
	if err != nil {
		return err
	}
	if demoMode {
		if err := demoIfEmpty(ctx, db, queue, cfg.K(), log); err != nil {
			return err
		}
	}
	// Every store and service is built once, here, and shared by the job
	// runner and the HTTP server.
	svc, err := app.New(cfg, db, queue)
	if err != nil {
		return err
	}
	workers := jobs.NewWorkers()
	svc.RegisterWorkers(workers)
	runner, err := jobs.New(db, workers, log)
	if err != nil {
		return err
	}
	// The runner outlives ctx so that on SIGTERM it can finish running jobs
	// after the HTTP server has drained.
	if err := runner.Start(context.WithoutCancel(ctx)); err != nil {
		return err
	}
	defer func() {
		stopCtx, cancel := context.WithTimeout(context.Background(), web.ShutdownTimeout)
		defer cancel()
		if err := runner.Stop(stopCtx); err != nil {
			log.Error("stop job runner", "error", err)
		}
	}()

	// Statistics taken while the submit path's tables were empty would
	// leave respondents' lookups scanning them as they fill.
	go database.KeepStatistics(ctx, db, log, database.StatisticsInterval, database.SubmitTables...)

	srv, err := web.New(web.Deps{
		Config:   cfg,
		DB:       db,
		Services: svc,
		Jobs:     queue,
		Logger:   log,
		Version:  buildVersion(),
		Demo:     demoMode,
	})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("DEVPULSE_ADDR: cannot listen on %s: %w", cfg.Addr, err)
	}
	log.Info("devpulse listening", "addr", ln.Addr().String(), "base_url", cfg.BaseURL,
		"database", string(database.DialectOf(db)), "demo", demoMode, "version", buildVersion())
	if err := srv.Serve(ctx, ln); err != nil {
		return err
	}
	log.Info("devpulse stopped")
	return nil
}

// memoryLimit is the runtime's soft memory limit: DEVPULSE_MEMORY_LIMIT,
// unless GOMEMLIMIT is set (the runtime has read that one itself already).
func memoryLimit(cfg config.Config, getenv func(string) string) int64 {
	if getenv("GOMEMLIMIT") != "" {
		return 0
	}
	return cfg.MemoryLimitBytes()
}
