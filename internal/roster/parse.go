// Package roster imports the organisation's people from a CSV file: it
// parses and checks the file, plans what would change in the directory
// (the preview) and applies that plan in one transaction. The upload page,
// the `devpulse roster import` command and the JSON API all go through it.
package roster

import (
	"encoding/csv"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/input"
)

// Columns a roster file may have, in the order the example file uses.
const (
	ColEmail           = "email"
	ColName            = "name"
	ColTeam            = "team"
	ColLeadOf          = "lead_of"
	ColRole            = "role"
	ColWorkArrangement = "work_arrangement"
	ColLocation        = "location"
	ColStartDate       = "start_date"
	ColLevel           = "level"
	ColGitHubLogin     = "github_login"
	ColSlackUserID     = "slack_user_id"
)

// Columns lists every known column; RequiredColumns those a file must have.
var (
	Columns         = []string{ColEmail, ColName, ColTeam, ColLeadOf, ColRole, ColWorkArrangement, ColLocation, ColStartDate, ColLevel, ColGitHubLogin, ColSlackUserID}
	RequiredColumns = []string{ColEmail, ColName, ColTeam}
)

// DateLayout is the format of start_date.
const DateLayout = "2006-01-02"

// maxEmailLen is the longest address SMTP allows.
const maxEmailLen = 254

// Row is one person as the file describes them, values trimmed and checked.
type Row struct {
	Line            int
	Email           string // normalised
	Name            string
	Team            string // normalised slash path
	LeadOf          []string
	JobRole         string
	WorkArrangement string // lower case, or empty
	Location        string
	StartDate       *time.Time
	Level           string
	GitHubLogin     string
	SlackUserID     string
}

// File is a parsed roster: the columns its header names and its people.
// A column the header leaves out leaves that field of existing people as it is;
// an empty cell in a column that is present clears the field.
type File struct {
	Columns []string
	Rows    []Row
}

// Has reports whether the header names column.
func (f File) Has(column string) bool { return slices.Contains(f.Columns, column) }

// Parse reads a roster CSV with a header row. It checks every line and
// returns every problem it finds; the file may be used only when there are none.
func Parse(r io.Reader) (File, []input.LineError) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1 // checked here, so one short line does not hide the rest
	cr.ReuseRecord = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return File{}, []input.LineError{input.OnLine(1, input.CSV("empty", "Columns", strings.Join(Columns, ",")))}
	}
	if err != nil {
		return File{}, []input.LineError{input.OnLine(input.ReadProblem(err, 1))}
	}
	f, errs := parseHeader(header)
	if len(errs) > 0 {
		return File{}, errs
	}
	index := map[string]int{}
	for i, c := range f.Columns {
		index[c] = i
	}
	seen := map[string]int{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			// A broken quote leaves the reader unsure where lines start:
			// report it and stop rather than guess.
			errs = append(errs, input.OnLine(input.ReadProblem(err, 0)))
			break
		}
		line, _ := cr.FieldPos(0)
		if len(rec) != len(f.Columns) {
			errs = append(errs, input.OnLine(line, input.CSV("values", "Values", len(rec), "Columns", len(f.Columns))))
			continue
		}
		row, rowErrs := parseRow(line, rec, index)
		if first, dup := seen[row.Email]; dup && row.Email != "" {
			rowErrs = append(rowErrs, input.CSV("duplicate_email", "Email", row.Email, "First", first))
		} else if row.Email != "" {
			seen[row.Email] = line
		}
		for _, msg := range rowErrs {
			errs = append(errs, input.OnLine(line, msg))
		}
		if len(rowErrs) == 0 {
			f.Rows = append(f.Rows, row)
		}
	}
	if len(errs) == 0 && len(f.Rows) == 0 {
		errs = append(errs, input.OnLine(1, input.CSV("nobody")))
	}
	if len(errs) > 0 {
		return File{}, errs
	}
	return f, nil
}

// parseHeader checks the column names: known, not repeated, required present.
func parseHeader(header []string) (File, []input.LineError) {
	var f File
	var errs []input.LineError
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		if i == 0 {
			name = strings.TrimPrefix(name, "\ufeff") // a byte-order mark some spreadsheets write
		}
		switch {
		case name == "":
			errs = append(errs, input.OnLine(1, input.CSV("column_unnamed", "Number", i+1)))
		case !slices.Contains(Columns, name):
			errs = append(errs, input.OnLine(1, input.CSV("column_unknown", "Column", strconv.Quote(h), "Columns", strings.Join(Columns, ", "))))
		case slices.Contains(f.Columns, name):
			errs = append(errs, input.OnLine(1, input.CSV("column_twice", "Column", strconv.Quote(name))))
		}
		f.Columns = append(f.Columns, name)
	}
	for _, req := range RequiredColumns {
		if !slices.Contains(f.Columns, req) {
			errs = append(errs, input.OnLine(1, input.CSV("column_missing", "Column", strconv.Quote(req))))
		}
	}
	return f, errs
}

// parseRow checks one line's values and returns the row with a message per problem.
func parseRow(line int, rec []string, index map[string]int) (Row, []input.Message) {
	get := func(col string) string {
		if i, ok := index[col]; ok {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	row := Row{
		Line: line, Name: get(ColName), JobRole: get(ColRole), Location: get(ColLocation),
		Level: get(ColLevel), GitHubLogin: get(ColGitHubLogin), SlackUserID: get(ColSlackUserID),
	}
	var errs []input.Message
	for _, col := range Columns {
		i, ok := index[col]
		if !ok {
			continue
		}
		if msg := input.Problem(rec[i], 0); msg.ID != "" {
			return Row{Line: line}, []input.Message{directory.ColumnText(col, msg)}
		}
	}
	for _, c := range []struct {
		col string
		max int
	}{{ColName, directory.MaxNameLength}, {ColRole, directory.MaxFieldLength}, {ColLocation, directory.MaxFieldLength},
		{ColLevel, directory.MaxFieldLength}, {ColGitHubLogin, directory.MaxFieldLength}, {ColSlackUserID, directory.MaxFieldLength}} {
		if n := utf8.RuneCountInString(get(c.col)); n > c.max {
			errs = append(errs, input.CSV("too_long", "Column", c.col, "Length", n, "Max", c.max))
		}
	}
	email := get(ColEmail)
	if email == "" {
		errs = append(errs, input.CSV("missing_value", "Column", ColEmail))
	} else if msg := checkEmail(email); msg.ID != "" {
		errs = append(errs, msg)
	} else {
		row.Email = directory.NormalizeEmail(email)
	}
	if row.Name == "" {
		errs = append(errs, input.CSV("missing_value", "Column", ColName))
	}
	if team := get(ColTeam); team == "" {
		errs = append(errs, input.CSV("missing_value", "Column", ColTeam))
	} else if row.Team = directory.NormalizePath(team); row.Team == "" {
		errs = append(errs, input.CSV("empty_path", "Value", strconv.Quote(team)))
	} else if msg := directory.CheckPath(row.Team); msg.ID != "" {
		errs = append(errs, input.CSV("in_column", "Column", ColTeam, "Problem", msg))
	}
	for _, p := range strings.Split(get(ColLeadOf), ";") {
		if strings.TrimSpace(p) == "" {
			continue
		}
		if path := directory.NormalizePath(p); path == "" {
			errs = append(errs, input.CSV("empty_lead_path", "Value", strconv.Quote(p)))
		} else if msg := directory.CheckPath(path); msg.ID != "" {
			errs = append(errs, input.CSV("in_column", "Column", ColLeadOf, "Problem", msg))
		} else if !slices.Contains(row.LeadOf, path) {
			row.LeadOf = append(row.LeadOf, path)
		}
	}
	if wa := strings.ToLower(get(ColWorkArrangement)); wa != "" && !slices.Contains(directory.WorkArrangements, wa) {
		errs = append(errs, input.CSV("work_arrangement", "Value", strconv.Quote(get(ColWorkArrangement))))
	} else {
		row.WorkArrangement = wa
	}
	if sd := get(ColStartDate); sd != "" {
		d, err := time.ParseInLocation(DateLayout, sd, time.UTC)
		if err != nil {
			errs = append(errs, input.CSV("start_date", "Value", strconv.Quote(sd)))
		} else {
			row.StartDate = &d
		}
	}
	return row, errs
}

// checkEmail returns why s is not a plain email address, or the zero
// Message. The rule is the directory's, so an import accepts what the
// person form accepts.
func checkEmail(s string) input.Message {
	if len(s) > maxEmailLen || !directory.ValidEmail(s) {
		return input.CSV("email", "Value", strconv.Quote(s))
	}
	return input.Message{}
}
