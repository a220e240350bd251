package admin

import (
	"context"
	"strconv"
	"strings"

	"github.com/devpulse/devpulse/internal/benchmark"
	"github.com/devpulse/devpulse/internal/input"
)

// BenchmarkView is the benchmarks screen: the stored sets, the upload
// form, the problems of an invalid file, or the preview of a valid one.
type BenchmarkView struct {
	Flash SnapshotFlash
	Sets  []benchmark.Set
	// FileName is the uploaded file's name, kept across checks.
	FileName string
	// FormError is a problem with the upload itself (no file, too large).
	FormError string
	// Errors are the file's bad lines; Text is the file itself, kept in
	// an editable box so fixing it loses nothing.
	Errors []input.LineError
	Text   string
	Plan   *benchmark.Plan
	// Payload is the previewed file in base64 and Digest its SHA-256, so
	// Apply works on exactly the file previewed.
	Payload string
	Digest  string
	// MaxMB is the largest file accepted, in megabytes.
	MaxMB int
}

// BenchmarkColumn documents one column of the file format.
type BenchmarkColumn struct {
	Name     string
	Required bool
	Meaning  string // a catalog key
}

// BenchmarkColumns describes the file format on the page.
var BenchmarkColumns = []BenchmarkColumn{
	{benchmark.ColDriverKey, true, "directory.benchmarks.col.driver_key"},
	{benchmark.ColSegment, false, "directory.benchmarks.col.segment"},
	{benchmark.ColP25, true, "directory.benchmarks.col.p25"},
	{benchmark.ColP50, true, "directory.benchmarks.col.p50"},
	{benchmark.ColP75, true, "directory.benchmarks.col.p75"},
	{benchmark.ColP90, true, "directory.benchmarks.col.p90"},
	{benchmark.ColSource, true, "directory.benchmarks.col.source"},
	{benchmark.ColYear, true, "directory.benchmarks.col.year"},
	{benchmark.ColWorkArrangement, false, "directory.benchmarks.col.work_arrangement"},
	{benchmark.ColCompanySize, false, "directory.benchmarks.col.company_size"},
}

// benchmarkProblems is the sentence above the problems table.
func benchmarkProblems(ctx context.Context, v BenchmarkView) string {
	lines := map[int]bool{}
	for _, e := range v.Errors {
		lines[e.Line] = true
	}
	return csvProblemCount(ctx, len(v.Errors), len(lines), v.FileName)
}

func benchmarkSegments(segments []string) string { return strings.Join(segments, ", ") }

// benchmarkRows are the file's problems as the shared problems table shows them.
func benchmarkRows(ctx context.Context, es []input.LineError) []CSVProblem {
	out := make([]CSVProblem, len(es))
	for i, e := range es {
		out[i] = CSVProblem{Line: e.Line, Message: Say(ctx, e.Text)}
	}
	return out
}

// csvTextRows sizes a fix box to the file, within reason.
func csvTextRows(text string) string {
	return strconv.Itoa(min(max(strings.Count(text, "\n")+2, 8), 30))
}
