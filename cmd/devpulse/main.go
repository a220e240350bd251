// Command devpulse runs the devpulse server and its administrative commands.
//
//	devpulse [serve]   run the web server (the default)
//	devpulse migrate   apply database migrations and exit
//	devpulse demo      build the demo organisation into an empty database
//	devpulse version   print the version
//	devpulse user      manage a person's sign-in (password)
//	devpulse event     send an event to a running server (pulse surveys)
//	devpulse metrics   import weekly team metrics from a CSV file
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
)

// cliActor is who the audit log says acted when a command changed something.
const cliActor = "cli"

// version is set at build time with -ldflags "-X main.version=...".
var version = ""

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "devpulse:", err)
		}
		os.Exit(1)
	}
}

// env bundles what a command reads from its surroundings, so tests can run
// commands without touching the process environment.
type env struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

type command struct {
	name  string
	usage string
	run   func(ctx context.Context, e env, args []string) error
}

func commands() []command {
	return []command{
		{"serve", "run the web server (default)", runServe},
		{"migrate", "apply database migrations and exit", runMigrate},
		{"demo", "build the demo organisation into an empty database", runDemo},
		{"version", "print the version", runVersion},
		{"healthcheck", "exit 0 when the local server answers /healthz (for container health checks)", runHealthcheck},
		{"token", "create, list and revoke API tokens", runToken},
		{"user", "manage people: devpulse user password EMAIL | user grant EMAIL ROLE [TEAM_PATH]", runUser},
		{"roster", "import people from a CSV file: roster import FILE", runRoster},
		{"benchmark", "import benchmark percentiles from a CSV file: benchmark import FILE", runBenchmark},
		{"metrics", "import weekly team metrics from a CSV file: metrics import FILE [--dry-run]", runMetrics},
		{"event", "send an event to a running server: event send --type T --person P [--context k=v ...]", runEvent},
	}
}

// run dispatches to a subcommand; with none given it serves.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	e := env{getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr}
	name := "serve"
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		name, args = args[0], args[1:]
	}
	for _, c := range commands() {
		if c.name == name {
			return c.run(ctx, e, args)
		}
	}
	if name == "help" {
		printUsage(stdout)
		return nil
	}
	printUsage(stderr)
	return fmt.Errorf("unknown command %q", name)
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "usage: devpulse <command> [flags]")
	fmt.Fprintln(w)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.usage)
	}
	fmt.Fprintln(w, "\nRun devpulse <command> -h for a command's flags.")
}

func runVersion(_ context.Context, e env, args []string) error {
	fmt.Fprintln(e.stdout, "devpulse", buildVersion())
	return nil
}

// buildVersion is the -ldflags version, else the VCS revision Go recorded.
func buildVersion() string {
	if version != "" {
		return version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	rev, dirty := "", false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "dev"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if dirty {
		rev += "-dirty"
	}
	return rev
}

func newLogger(w io.Writer, format string, level slog.Level) *slog.Logger {
	opts := &slog.HandlerOptions{Level: level}
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
