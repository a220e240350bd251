package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/devpulse/devpulse/internal/config"
	"github.com/devpulse/devpulse/internal/database"
	"github.com/devpulse/devpulse/internal/roster"
)

// rosterActor is who the audit log says imported a roster from the command line.
const rosterActor = "cli"

const rosterUsage = "usage: devpulse roster import FILE [--dry-run] [--deactivate-missing]   (FILE - reads standard input)"

// runRoster imports a roster file: it prints the preview, then applies it
// unless --dry-run. A file with bad lines changes nothing and fails.
func runRoster(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || args[0] != "import" {
		fmt.Fprintln(e.stderr, rosterUsage)
		fmt.Fprintln(e.stderr, "\nThe file format is described in README.md (Roster import) and shown by docs/roster-example.csv.")
		if len(args) > 0 && (args[0] == "help" || args[0] == "-h" || args[0] == "--help") {
			return flag.ErrHelp
		}
		return errors.New("roster: say what to do: import FILE")
	}
	var dryRun, deactivate bool
	defineFlags := func(fs *flag.FlagSet) {
		fs.BoolVar(&dryRun, "dry-run", false, "print what would change and change nothing")
		fs.BoolVar(&deactivate, "deactivate-missing", false, "deactivate active people the file does not list (admins excepted)")
	}
	files, rest := rosterArgs(args[1:], defineFlags)
	svc, db, err := setupServices(ctx, e, "roster import", rest, defineFlags)
	if err != nil {
		return err
	}
	defer database.Close(db)
	if len(files) != 1 {
		fmt.Fprintln(e.stderr, rosterUsage)
		return errors.New("roster import: give exactly one CSV file")
	}
	data, err := readRosterFile(e, files[0])
	if err != nil {
		return fmt.Errorf("roster import: %w", err)
	}
	f, errs := roster.Parse(bytes.NewReader(data))
	if len(errs) > 0 {
		for _, le := range errs {
			fmt.Fprintln(e.stderr, le)
		}
		problems := "1 problem"
		if len(errs) > 1 {
			problems = fmt.Sprintf("%d problems", len(errs))
		}
		return fmt.Errorf("roster import: %s in %s; nothing was changed", problems, files[0])
	}
	return importRoster(ctx, e, svc.Roster, f, roster.Options{DeactivateMissing: deactivate}, dryRun)
}

// importRoster prints what the file changes and, unless this is a dry
// run, applies exactly that.
func importRoster(ctx context.Context, e env, im *roster.Importer, f roster.File, opts roster.Options, dryRun bool) error {
	plan, err := im.Preview(ctx, f, opts)
	if err != nil {
		return err
	}
	printPlan(e.stdout, plan)
	switch {
	case plan.Empty():
		fmt.Fprintln(e.stdout, "No changes: the directory already matches the file.")
		return nil
	case dryRun:
		fmt.Fprintln(e.stdout, "Dry run: nothing was changed.")
		return nil
	}
	opts.Expect = plan.Fingerprint()
	applied, err := im.Apply(ctx, f, opts, rosterActor)
	if errors.Is(err, roster.ErrStale) {
		return errors.New("roster import: the directory changed while importing; nothing was changed, run the command again")
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Applied: %s.\n", applied.Summary())
	return nil
}

// readRosterFile reads the named file, or standard input for "-".
func readRosterFile(e env, name string) ([]byte, error) {
	if name != "-" {
		return os.ReadFile(name)
	}
	if e.stdin == nil {
		return nil, errors.New("no standard input to read")
	}
	return io.ReadAll(e.stdin)
}

// rosterArgs separates the file names from the flags, which may come
// before or after them, using the same flag definitions setup parses.
func rosterArgs(args []string, extra func(*flag.FlagSet)) (files, flags []string) {
	fs := flag.NewFlagSet("roster import", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var cfg config.Config
	configFlags(fs, &cfg)
	extra(fs)
	for len(args) > 0 {
		if err := fs.Parse(args); err != nil {
			return files, append(flags, args...) // setup reports the error
		}
		parsed := args[:len(args)-fs.NArg()]
		args = fs.Args()
		if n := len(parsed); n > 0 && parsed[n-1] == "--" {
			return append(files, args...), append(flags, parsed[:n-1]...)
		}
		flags = append(flags, parsed...)
		if len(args) > 0 {
			files, args = append(files, args[0]), args[1:]
		}
	}
	return files, flags
}

// printPlan writes the preview: counts, then every change.
func printPlan(w io.Writer, p *roster.Plan) {
	fmt.Fprintf(w, "Roster: %s.\n", p.Summary())
	section := func(title string, n int) bool {
		if n > 0 {
			fmt.Fprintf(w, "\n%s (%d):\n", title, n)
		}
		return n > 0
	}
	if section("Added", len(p.Added)) {
		for _, r := range p.Added {
			fmt.Fprintf(w, "  + %s  %s  %s\n", r.Email, r.Name, r.Team)
		}
	}
	if section("Changed", len(p.Changed)) {
		for _, c := range p.Changed {
			fmt.Fprintf(w, "  ~ %s\n", c.Email)
			for _, fc := range c.Fields {
				fmt.Fprintf(w, "      %s: %s -> %s\n", fc.Field, cliValue(fc.Old), cliValue(fc.New))
			}
		}
	}
	if section("Deactivated", len(p.Deactivated)) {
		for _, d := range p.Deactivated {
			fmt.Fprintf(w, "  - %s  %s\n", d.Email, d.Name)
		}
	}
	if section("Lead grants added", len(p.GrantsAdded)) {
		for _, g := range p.GrantsAdded {
			fmt.Fprintf(w, "  + %s leads %s\n", g.Email, g.Team)
		}
	}
	if section("Teams created", len(p.TeamsCreated)) {
		for _, t := range p.TeamsCreated {
			fmt.Fprintf(w, "  + %s\n", t)
		}
	}
	if len(p.KeptAdmins) > 0 {
		emails := make([]string, len(p.KeptAdmins))
		for i, a := range p.KeptAdmins {
			emails[i] = a.Email
		}
		fmt.Fprintf(w, "\nKept active although missing from the file, because they are admins: %s\n", strings.Join(emails, ", "))
	}
	fmt.Fprintln(w)
}

func cliValue(s string) string {
	if s == "" {
		return `""`
	}
	return s
}
