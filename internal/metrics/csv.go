package metrics

import (
	"context"
	_ "embed"
	"encoding/csv"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/devpulse/devpulse/internal/input"
)

// Columns of a metrics file: the same fields as the API.
var Columns = []string{"team", "name", "week", "value", "unit"}

// ParseCSV reads a metrics file whose first line names the columns (any
// order and letter case; unit may be left out) and returns its rows as
// inputs with the line each came from, or every problem of the file.
func ParseCSV(r io.Reader) ([]Input, []int, []Problem) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, nil, []Problem{lineProblem(1, "", input.CSV("empty", "Columns", strings.Join(Columns, ",")))}
	}
	if err != nil {
		return nil, nil, []Problem{csvProblem(err, 1)}
	}
	index, probs := parseHeader(header)
	if len(probs) > 0 {
		return nil, nil, probs
	}
	var ins []Input
	var lines []int
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			probs = append(probs, csvProblem(err, 0))
			break
		}
		line, _ := cr.FieldPos(0)
		if len(rec) != len(header) {
			probs = append(probs, lineProblem(line, "", input.CSV("values", "Values", len(rec), "Columns", len(header))))
			continue
		}
		in, bad := csvInput(rec, index)
		if bad.ID != "" {
			probs = append(probs, lineProblem(line, "value", bad))
		}
		ins, lines = append(ins, in), append(lines, line)
	}
	if len(probs) == 0 && len(ins) == 0 {
		probs = append(probs, lineProblem(1, "", msg("no_values")))
	}
	return ins, lines, probs
}

// csvInput turns one record into an input; the message is set when the
// value is not a number (the rest is checked with the API's rules).
func csvInput(rec []string, index map[string]int) (Input, input.Message) {
	get := func(col string) string {
		if i, ok := index[col]; ok {
			return rec[i]
		}
		return ""
	}
	in := Input{Team: get("team"), Name: get("name"), Week: get("week"), Unit: get("unit")}
	raw := strings.TrimSpace(get("value"))
	if raw == "" {
		return in, input.Message{}
	}
	f, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		return in, msg("not_number", "Value", strconv.Quote(raw))
	}
	in.Value = &f
	return in, input.Message{}
}

// parseHeader maps each column to its position and reports unknown,
// repeated and missing ones.
func parseHeader(header []string) (map[string]int, []Problem) {
	index := map[string]int{}
	var probs []Problem
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		if i == 0 {
			name = strings.TrimPrefix(name, "\ufeff")
		}
		_, twice := index[name]
		switch {
		case !slices.Contains(Columns, name):
			probs = append(probs, lineProblem(1, "", msg("column_unknown", "Column", strconv.Quote(strings.TrimSpace(h)), "Columns", strings.Join(Columns, ", "))))
		case twice:
			probs = append(probs, lineProblem(1, "", input.CSV("column_twice", "Column", strconv.Quote(name))))
		default:
			index[name] = i
		}
	}
	for _, c := range Columns {
		if _, ok := index[c]; !ok && c != "unit" {
			probs = append(probs, lineProblem(1, "", input.CSV("column_missing", "Column", strconv.Quote(c))))
		}
	}
	return index, probs
}

// csvProblem turns a reader error into a problem written for people.
func csvProblem(err error, line int) Problem {
	line, m := input.ReadProblem(err, line)
	return lineProblem(line, "", m)
}

// CheckFile parses a metrics file and checks its values: the values to
// store, or every problem with its line number, in line order.
func (s *Store) CheckFile(ctx context.Context, r io.Reader) ([]Value, []Problem, error) {
	ins, lines, probs := ParseCSV(r)
	if len(ins) == 0 {
		return nil, probs, nil
	}
	vals, more, err := s.check(ctx, ins, lines)
	if err != nil {
		return nil, nil, err
	}
	unreadable := map[int]bool{}
	for _, p := range probs {
		unreadable[p.Line] = p.Field == "value"
	}
	for _, p := range more {
		if !(p.Field == "value" && unreadable[p.Line]) { // said once, by the parser
			probs = append(probs, p)
		}
	}
	slices.SortStableFunc(probs, func(a, b Problem) int { return a.Line - b.Line })
	if len(probs) > 0 {
		return nil, probs, nil
	}
	return vals, nil, nil
}

// Example is a small metrics file, offered for download.
//
//go:embed example.csv
var Example []byte

// lineProblem is the problem m with field on a line of a file.
func lineProblem(line int, field string, m input.Message) Problem {
	p := problem(0, field, m)
	p.Line = line
	return p
}
