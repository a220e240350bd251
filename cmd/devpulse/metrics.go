package main

import (
	"bytes"
	"context"
	"fmt"

	"github.com/devpulse/devpulse/internal/database"
	"github.com/devpulse/devpulse/internal/metrics"
)

const metricsUsage = "usage: devpulse metrics import FILE [--dry-run]   (FILE - reads standard input)"

// runMetrics imports weekly team metrics from a CSV file: it prints what
// the import does, then does it unless --dry-run. A file with bad lines
// changes nothing and fails with every problem as "line N: reason".
func runMetrics(ctx context.Context, e env, args []string) error {
	in, err := readImportArgs(ctx, e, args, "metrics", metricsUsage,
		"\nThe columns are team,name,week,value,unit; README.md (System metrics) describes them.")
	if err != nil {
		return err
	}
	defer database.Close(in.db)
	store := in.svc.Metrics
	vals, probs, err := store.CheckFile(ctx, bytes.NewReader(in.data))
	if err != nil {
		return err
	}
	if len(probs) > 0 {
		for _, p := range probs {
			fmt.Fprintln(e.stderr, p)
		}
		return fmt.Errorf("metrics import: %s in %s; nothing was changed", plural(len(probs), "problem"), in.file)
	}
	plan, err := store.Preview(ctx, vals)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Metrics: %s.\n", plan.Summary())
	if in.dryRun {
		fmt.Fprintln(e.stdout, "Dry run: nothing was changed.")
		return nil
	}
	if _, err := store.Save(ctx, vals, metrics.SourceCLI, cliActor); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Imported %s.\n", plural(plan.Values, "value"))
	return nil
}
