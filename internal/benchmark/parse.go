package benchmark

import (
	"encoding/csv"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/devpulse/devpulse/internal/directory"
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
func Parse(r io.Reader, drivers []string) (File, []input.LineError) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1 // checked here, so one short line does not hide the rest
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return File{}, []input.LineError{input.OnLine(1, input.CSV("empty", "Columns", strings.Join(Columns, ",")))}
	}
	if err != nil {
		return File{}, []input.LineError{input.OnLine(input.ReadProblem(err, 1))}
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
			errs = append(errs, input.OnLine(input.ReadProblem(err, 0)))
			break
		}
		line, _ := cr.FieldPos(0)
		if len(rec) != len(header) {
			errs = append(errs, input.OnLine(line, input.CSV("values", "Values", len(rec), "Columns", len(header))))
			continue
		}
		row, msgs := parseRow(rec, index, known)
		if len(msgs) == 0 {
			key := strings.Join([]string{row.DriverKey, strings.ToLower(row.Segment), row.Source, strconv.Itoa(row.Year)}, "\x00")
			if first, dup := seen[key]; dup {
				msgs = append(msgs, input.CSV("bench.duplicate", "Driver", row.DriverKey, "Segment", strconv.Quote(row.Segment),
					"Source", strconv.Quote(row.Source), "Year", strconv.Itoa(row.Year), "First", first))
			} else {
				seen[key] = line
			}
		}
		for _, m := range msgs {
			errs = append(errs, input.OnLine(line, m))
		}
		if len(msgs) == 0 {
			f.Rows = append(f.Rows, row)
		}
	}
	if len(errs) == 0 && len(f.Rows) == 0 {
		errs = append(errs, input.OnLine(1, input.CSV("bench.no_rows")))
	}
	if len(errs) > 0 {
		return File{}, errs
	}
	return f, nil
}

// parseHeader maps each known column to its position and reports unknown,
// repeated and missing columns.
func parseHeader(header []string) (map[string]int, []input.LineError) {
	index := map[string]int{}
	var errs []input.LineError
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		if i == 0 {
			name = strings.TrimPrefix(name, "\ufeff") // a byte-order mark some spreadsheets write
		}
		_, twice := index[name]
		switch {
		case name == "":
			errs = append(errs, input.OnLine(1, input.CSV("column_unnamed", "Number", i+1)))
		case !slices.Contains(Columns, name):
			errs = append(errs, input.OnLine(1, input.CSV("column_unknown", "Column", strconv.Quote(strings.TrimSpace(h)), "Columns", strings.Join(Columns, ", "))))
		case twice:
			errs = append(errs, input.OnLine(1, input.CSV("column_twice", "Column", strconv.Quote(name))))
		default:
			index[name] = i
		}
	}
	for _, c := range Columns {
		if _, ok := index[c]; !ok && !slices.Contains(optional, c) {
			errs = append(errs, input.OnLine(1, input.CSV("column_missing", "Column", strconv.Quote(c))))
		}
	}
	return index, errs
}

// parseRow checks one line's values and returns the row with a message per problem.
func parseRow(rec []string, index map[string]int, known map[string]bool) (Percentiles, []input.Message) {
	get := func(col string) string {
		if i, ok := index[col]; ok {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	for _, col := range Columns {
		if i, ok := index[col]; ok {
			if msg := input.Problem(rec[i], 0); msg.ID != "" {
				return Percentiles{}, []input.Message{directory.ColumnText(col, msg)}
			}
		}
	}
	row := Percentiles{DriverKey: strings.ToLower(get(ColDriverKey)), Segment: NormalizeSegment(get(ColSegment)), Source: get(ColSource)}
	msgs := parseSegmentColumns(&row, get(ColWorkArrangement), get(ColCompanySize))
	if n := utf8.RuneCountInString(row.Source); n > MaxSourceLength {
		msgs = append(msgs, input.CSV("too_long", "Column", ColSource, "Length", n, "Max", MaxSourceLength))
	}
	if n := utf8.RuneCountInString(row.Segment); n > MaxSegmentLength {
		msgs = append(msgs, input.CSV("too_long", "Column", ColSegment, "Length", n, "Max", MaxSegmentLength))
	}
	switch {
	case row.DriverKey == "":
		msgs = append(msgs, input.CSV("bench.missing", "Column", ColDriverKey))
	case !known[row.DriverKey]:
		msgs = append(msgs, input.CSV("bench.driver", "Value", strconv.Quote(get(ColDriverKey))))
	}
	points := []*int{&row.P25, &row.P50, &row.P75, &row.P90}
	names := []string{ColP25, ColP50, ColP75, ColP90}
	allGood := true
	for i, col := range names {
		msg := parsePoints(col, get(col), points[i])
		if msg.ID != "" {
			msgs, allGood = append(msgs, msg), false
		}
	}
	if allGood {
		for i := 1; i < len(points); i++ {
			if *points[i] < *points[i-1] {
				msgs = append(msgs, input.CSV("bench.decrease", "Column", names[i], "Value", *points[i], "Before", names[i-1], "BeforeValue", *points[i-1]))
				break
			}
		}
	}
	if row.Source == "" {
		msgs = append(msgs, input.CSV("bench.no_source"))
	}
	y, err := strconv.Atoi(get(ColYear))
	if get(ColYear) == "" {
		msgs = append(msgs, input.CSV("bench.missing", "Column", ColYear))
	} else if err != nil || y < MinYear || y > MaxYear {
		msgs = append(msgs, input.CSV("bench.year", "Value", strconv.Quote(get(ColYear)), "Min", strconv.Itoa(MinYear), "Max", strconv.Itoa(MaxYear)))
	}
	row.Year = y
	return row, msgs
}

// parsePoints reads a percentile: a whole number of favorable-score points.
func parsePoints(col, s string, into *int) input.Message {
	if s == "" {
		return input.CSV("bench.missing", "Column", col)
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return input.CSV("bench.points", "Column", col, "Value", strconv.Quote(s))
	}
	if n < 0 || n > 100 {
		return input.CSV("bench.points_range", "Column", col, "Value", n)
	}
	*into = n
	return input.Message{}
}
