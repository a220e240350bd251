package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/app"
	"github.com/devpulse/devpulse/internal/benchmark"
	"github.com/devpulse/devpulse/internal/database"
)

const benchmarkUsage = "usage: devpulse benchmark import FILE [--dry-run]   (FILE - reads standard input)"

// runBenchmark imports a benchmark file: it prints what the import does,
// then does it unless --dry-run. A file with bad lines changes nothing and fails.
func runBenchmark(ctx context.Context, e env, args []string) error {
	in, err := readImportArgs(ctx, e, args, "benchmark", benchmarkUsage,
		"\nThe file format is described in README.md (Benchmarks) and shown by docs/benchmarks-example.csv.")
	if err != nil {
		return err
	}
	defer database.Close(in.db)
	svc, data, files, dryRun := in.svc, in.data, []string{in.file}, in.dryRun
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

// importArgs is what a CSV import command (benchmark, metrics) was given:
// the services on the configured database, the file and --dry-run.
type importArgs struct {
	svc    *app.Services
	db     *gorm.DB
	file   string
	data   []byte
	dryRun bool
}

// readImportArgs reads `NAME import FILE [--dry-run]` with the database
// flags, opens the database and reads the file (- is standard input).
// The caller closes in.db.
func readImportArgs(ctx context.Context, e env, args []string, name, usage, help string) (importArgs, error) {
	if len(args) == 0 || args[0] != "import" {
		fmt.Fprintln(e.stderr, usage)
		fmt.Fprintln(e.stderr, help)
		if len(args) > 0 && (args[0] == "help" || args[0] == "-h" || args[0] == "--help") {
			return importArgs{}, flag.ErrHelp
		}
		return importArgs{}, fmt.Errorf("%s: say what to do: import FILE", name)
	}
	var in importArgs
	defineFlags := func(fs *flag.FlagSet) {
		fs.BoolVar(&in.dryRun, "dry-run", false, "print what would change and change nothing")
	}
	files, rest := rosterArgs(args[1:], defineFlags)
	var err error
	if in.svc, in.db, err = setupServices(ctx, e, name+" import", rest, defineFlags); err != nil {
		return importArgs{}, err
	}
	if len(files) != 1 {
		database.Close(in.db)
		fmt.Fprintln(e.stderr, usage)
		return importArgs{}, fmt.Errorf("%s import: give exactly one CSV file", name)
	}
	in.file = files[0]
	if in.data, err = readRosterFile(e, in.file); err != nil {
		database.Close(in.db)
		return importArgs{}, fmt.Errorf("%s import: %w", name, err)
	}
	return in, nil
}
