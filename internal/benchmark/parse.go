package benchmark

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/devpulse/devpulse/internal/input"
)

// Columns of a benchmark file, in the order the example file uses.
const (
	ColDriverKey = "driver_key"
	ColSegment   = "segment"
	ColP25       = "p25"
	ColP50       = "p50"
	ColP75       = "p75"
	ColP90       = "p90"
	ColSource    = "source"
	ColYear      = "year"
)

// Columns lists every column; all but the optional segment columns are
// required (a file without them is for everyone).
var Columns = []string{ColDriverKey, ColSegment, ColP25, ColP50, ColP75, ColP90, ColSource, ColYear, ColWorkArrangement, ColCompanySize}

// optional are the columns a file may leave out.
var optional = []string{ColSegment, ColWorkArrangement, ColCompanySize}

// The years a benchmark may be for.
const (
	MinYear = 2000
	MaxYear = 2100
)

// LineError is one problem in the file, tied to its line (the header is line 1).
type LineError struct {
	Line    int    `json:"line"`
	Message string `json:"message"`
}

func (e LineError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Message) }

// File is a parsed benchmark file whose every line is good.
type File struct {
	Rows []Percentiles
}

// Limits on a benchmark row's text.
const (
	MaxSourceLength  = 200
	MaxSegmentLength = 100
)

// Parse reads a benchmark CSV with a header row naming the columns (in any
// order and letter case; a leading byte-order mark is ignored). drivers
// are the keys of the driver library; a row for any other key is bad. It
// checks every line and returns every problem it finds; the file may be
// used only when there are none.
func Parse(r io.Reader, drivers []string) (File, []LineError) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1 // checked here, so one short line does not hide the rest
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return File{}, []LineError{{1, "the file is empty: the first line must name the columns (" + strings.Join(Columns, ",") + ")"}}
	}
	if err != nil {
		return File{}, []LineError{csvError(err, 1)}
	}
	index, errs := parseHeader(header)
	if len(errs) > 0 {
		return File{}, errs
	}
	known := make(map[string]bool, len(drivers))
	for _, k := range drivers {
		known[k] = true
	}
	var f File
	seen := map[string]int{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			// A broken quote leaves the reader unsure where lines start.
			errs = append(errs, csvError(err, 0))
			break
		}
		line, _ := cr.FieldPos(0)
		if len(rec) != len(header) {
			errs = append(errs, LineError{line, fmt.Sprintf("has %d values, the header names %d columns", len(rec), len(header))})
			continue
		}
		row, msgs := parseRow(rec, index, known)
		if len(msgs) == 0 {
			key := strings.Join([]string{row.DriverKey, strings.ToLower(row.Segment), row.Source, strconv.Itoa(row.Year)}, "\x00")
			if first, dup := seen[key]; dup {
				msgs = append(msgs, fmt.Sprintf("duplicate row for driver %s, segment %q, source %q, year %d (first on line %d)",
					row.DriverKey, row.Segment, row.Source, row.Year, first))
			} else {
				seen[key] = line
			}
		}
		for _, m := range msgs {
			errs = append(errs, LineError{line, m})
		}
		if len(msgs) == 0 {
			f.Rows = append(f.Rows, row)
		}
	}
	if len(errs) == 0 && len(f.Rows) == 0 {
		errs = append(errs, LineError{1, "the file names the columns but has no benchmark rows"})
	}
	if len(errs) > 0 {
		return File{}, errs
	}
	return f, nil
}

// parseHeader maps each known column to its position and reports unknown,
// repeated and missing columns.
func parseHeader(header []string) (map[string]int, []LineError) {
	index := map[string]int{}
	var errs []LineError
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		if i == 0 {
			name = strings.TrimPrefix(name, "\ufeff") // a byte-order mark some spreadsheets write
		}
		_, twice := index[name]
		switch {
		case name == "":
			errs = append(errs, LineError{1, fmt.Sprintf("column %d has no name", i+1)})
		case !slices.Contains(Columns, name):
			errs = append(errs, LineError{1, fmt.Sprintf("unknown column %q (known columns: %s)", strings.TrimSpace(h), strings.Join(Columns, ", "))})
		case twice:
			errs = append(errs, LineError{1, fmt.Sprintf("column %q appears twice", name)})
		default:
			index[name] = i
		}
	}
	for _, c := range Columns {
		if _, ok := index[c]; !ok && !slices.Contains(optional, c) {
			errs = append(errs, LineError{1, fmt.Sprintf("missing required column %q", c)})
		}
	}
	return index, errs
}

// parseRow checks one line's values and returns the row with a message per problem.
func parseRow(rec []string, index map[string]int, known map[string]bool) (Percentiles, []string) {
	get := func(col string) string {
		if i, ok := index[col]; ok {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	for _, col := range Columns {
		if i, ok := index[col]; ok {
			if msg := input.Problem(rec[i], 0).String(); msg != "" {
				return Percentiles{}, []string{fmt.Sprintf("column %s: %s", col, strings.ToLower(msg[:1])+msg[1:])}
			}
		}
	}
	row := Percentiles{DriverKey: strings.ToLower(get(ColDriverKey)), Segment: NormalizeSegment(get(ColSegment)), Source: get(ColSource)}
	msgs := parseSegmentColumns(&row, get(ColWorkArrangement), get(ColCompanySize))
	if n := utf8.RuneCountInString(row.Source); n > MaxSourceLength {
		msgs = append(msgs, fmt.Sprintf("source is %d characters long; keep it to %d", n, MaxSourceLength))
	}
	if n := utf8.RuneCountInString(row.Segment); n > MaxSegmentLength {
		msgs = append(msgs, fmt.Sprintf("segment is %d characters long; keep it to %d", n, MaxSegmentLength))
	}
	switch {
	case row.DriverKey == "":
		msgs = append(msgs, "missing driver_key")
	case !known[row.DriverKey]:
		msgs = append(msgs, fmt.Sprintf("unknown driver key %q (it is not in the driver library)", get(ColDriverKey)))
	}
	points := []*int{&row.P25, &row.P50, &row.P75, &row.P90}
	names := []string{ColP25, ColP50, ColP75, ColP90}
	allGood := true
	for i, col := range names {
		msg := parsePoints(col, get(col), points[i])
		if msg != "" {
			msgs, allGood = append(msgs, msg), false
		}
	}
	if allGood {
		for i := 1; i < len(points); i++ {
			if *points[i] < *points[i-1] {
				msgs = append(msgs, fmt.Sprintf("percentiles must not decrease from p25 to p90: %s (%d) is below %s (%d)",
					names[i], *points[i], names[i-1], *points[i-1]))
				break
			}
		}
	}
	if row.Source == "" {
		msgs = append(msgs, "missing source: say where the benchmark comes from")
	}
	y, err := strconv.Atoi(get(ColYear))
	if get(ColYear) == "" {
		msgs = append(msgs, "missing year")
	} else if err != nil || y < MinYear || y > MaxYear {
		msgs = append(msgs, fmt.Sprintf("year %q is not a plausible four-digit year (%d to %d)", get(ColYear), MinYear, MaxYear))
	}
	row.Year = y
	return row, msgs
}

// parsePoints reads a percentile: a whole number of favorable-score points.
func parsePoints(col, s string, into *int) string {
	if s == "" {
		return fmt.Sprintf("missing %s", col)
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return fmt.Sprintf("%s %q is not a whole number of favorable-score points (0 to 100)", col, s)
	}
	if n < 0 || n > 100 {
		return fmt.Sprintf("%s %d is out of range: percentiles are favorable-score points from 0 to 100", col, n)
	}
	*into = n
	return ""
}

// csvError turns a reader error into a line error written for people.
func csvError(err error, line int) LineError {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		if pe.StartLine > 0 {
			line = pe.StartLine
		}
		if errors.Is(pe.Err, csv.ErrQuote) || errors.Is(pe.Err, csv.ErrBareQuote) {
			return LineError{line, "a quote is not closed or stands inside an unquoted value; the lines after it were not checked"}
		}
		return LineError{line, "cannot read this line: " + pe.Err.Error()}
	}
	return LineError{line, "cannot read the file: " + err.Error()}
}
