package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/devpulse/devpulse/internal/benchmark"
	"github.com/devpulse/devpulse/internal/database"
)

const benchmarkUsage = "usage: devpulse benchmark import FILE [--dry-run]   (FILE - reads standard input)"

// runBenchmark imports a benchmark file: it prints what the import does,
// then does it unless --dry-run. A file with bad lines changes nothing and fails.
func runBenchmark(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || args[0] != "import" {
		fmt.Fprintln(e.stderr, benchmarkUsage)
		fmt.Fprintln(e.stderr, "\nThe file format is described in README.md (Benchmarks) and shown by docs/benchmarks-example.csv.")
		if len(args) > 0 && (args[0] == "help" || args[0] == "-h" || args[0] == "--help") {
			return flag.ErrHelp
		}
		return errors.New("benchmark: say what to do: import FILE")
	}
	var dryRun bool
	defineFlags := func(fs *flag.FlagSet) {
		fs.BoolVar(&dryRun, "dry-run", false, "print what would change and change nothing")
	}
	files, rest := rosterArgs(args[1:], defineFlags)
	svc, db, err := setupServices(ctx, e, "benchmark import", rest, defineFlags)
	if err != nil {
		return err
	}
	defer database.Close(db)
	if len(files) != 1 {
		fmt.Fprintln(e.stderr, benchmarkUsage)
		return errors.New("benchmark import: give exactly one CSV file")
	}
	data, err := readRosterFile(e, files[0])
	if err != nil {
		return fmt.Errorf("benchmark import: %w", err)
	}
	store := svc.Benchmarks
	f, errs, err := store.Parse(ctx, bytes.NewReader(data))
	if err != nil {
		return err
	}
	if len(errs) > 0 {
		for _, le := range errs {
			fmt.Fprintln(e.stderr, le)
		}
		return fmt.Errorf("benchmark import: %s in %s; nothing was changed", plural(len(errs), "problem"), files[0])
	}
	plan, err := store.Preview(ctx, f)
	if err != nil {
		return err
	}
	printBenchmarkPlan(e.stdout, plan)
	if dryRun {
		fmt.Fprintln(e.stdout, "Dry run: nothing was changed.")
		return nil
	}
	done, err := store.Import(ctx, f, rosterActor)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Imported: %s.\n", done.Summary())
	return nil
}

// printBenchmarkPlan writes one line per set the file names.
func printBenchmarkPlan(w io.Writer, p benchmark.Plan) {
	fmt.Fprintf(w, "Benchmarks: %s.\n", plural(len(p.Sets), "set"))
	for _, s := range p.Sets {
		what := "new"
		if s.Replaced > 0 {
			what = fmt.Sprintf("replacing %d", s.Replaced)
		}
		fmt.Fprintf(w, "  %s %d: %s, %s, %s, segments %s\n", s.Source, s.Year, plural(s.Rows, "row"), what,
			plural(s.Drivers, "driver"), strings.Join(s.Segments, ", "))
	}
	fmt.Fprintln(w)
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
