package admin

import (
	"strconv"
	"strings"

	"github.com/devpulse/devpulse/internal/benchmark"
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
	Errors []benchmark.LineError
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
	Meaning  string
}

// BenchmarkColumns describes the file format on the page.
var BenchmarkColumns = []BenchmarkColumn{
	{benchmark.ColDriverKey, true, "The driver's key in the driver library, e.g. ci_reliability."},
	{benchmark.ColSegment, false, "Who the numbers are for: All (or empty) for everyone, or a label such as Remote or 1000+ engineers."},
	{benchmark.ColP25, true, "25th percentile of the favorable score, a whole number of points from 0 to 100."},
	{benchmark.ColP50, true, "Median (50th percentile); not below p25."},
	{benchmark.ColP75, true, "75th percentile; not below p50."},
	{benchmark.ColP90, true, "90th percentile; not below p75."},
	{benchmark.ColSource, true, "Where the numbers come from, e.g. the report's name. With year, it names the set an import replaces."},
	{benchmark.ColYear, true, "The year the benchmark is for, four digits."},
	{benchmark.ColWorkArrangement, false, "The work arrangement the row is for: remote, hybrid or office; empty for any."},
	{benchmark.ColCompanySize, false, "The company size band the row is for: 1-100, 100-1000, 1000-5000 or 5000+ engineers; empty for any."},
}

// benchmarkProblems is the sentence above the problems table.
func benchmarkProblems(v BenchmarkView) string {
	in := ""
	if v.FileName != "" {
		in = " in " + v.FileName
	}
	lines := map[int]bool{}
	for _, e := range v.Errors {
		lines[e.Line] = true
	}
	switch {
	case len(v.Errors) == 1:
		return "There is 1 problem" + in + "."
	case len(lines) == 1:
		return "There are " + strconv.Itoa(len(v.Errors)) + " problems on 1 line" + in + "."
	}
	return "There are " + strconv.Itoa(len(v.Errors)) + " problems on " + strconv.Itoa(len(lines)) + " lines" + in + "."
}

func benchmarkSegments(segments []string) string { return strings.Join(segments, ", ") }

// benchmarkRows are the file's problems as the shared problems table shows them.
func benchmarkRows(es []benchmark.LineError) []CSVProblem {
	out := make([]CSVProblem, len(es))
	for i, e := range es {
		out[i] = CSVProblem{Line: e.Line, Message: e.Message}
	}
	return out
}

// csvTextRows sizes a fix box to the file, within reason.
func csvTextRows(text string) string {
	return strconv.Itoa(min(max(strings.Count(text, "\n")+2, 8), 30))
}
