// Package roster imports the organisation's people from a CSV file: it
// parses and checks the file, plans what would change in the directory
// (the preview) and applies that plan in one transaction. The upload page,
// the `devpulse roster import` command and the JSON API all go through it.
package roster

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
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

// LineError is one problem in the file, tied to its line (the header is line 1).
type LineError struct {
	Line    int    `json:"line"`
	Message string `json:"message"`
}

func (e LineError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Message) }

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
func Parse(r io.Reader) (File, []LineError) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1 // checked here, so one short line does not hide the rest
	cr.ReuseRecord = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return File{}, []LineError{{1, "the file is empty: the first line must name the columns (" + strings.Join(Columns, ",") + ")"}}
	}
	if err != nil {
		return File{}, []LineError{csvError(err, 1)}
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
			errs = append(errs, csvError(err, 0))
			break
		}
		line, _ := cr.FieldPos(0)
		if len(rec) != len(f.Columns) {
			errs = append(errs, LineError{line, fmt.Sprintf("has %d values, the header names %d columns", len(rec), len(f.Columns))})
			continue
		}
		row, rowErrs := parseRow(line, rec, index)
		if first, dup := seen[row.Email]; dup && row.Email != "" {
			rowErrs = append(rowErrs, fmt.Sprintf("duplicate email %s (first on line %d)", row.Email, first))
		} else if row.Email != "" {
			seen[row.Email] = line
		}
		for _, msg := range rowErrs {
			errs = append(errs, LineError{line, msg})
		}
		if len(rowErrs) == 0 {
			f.Rows = append(f.Rows, row)
		}
	}
	if len(errs) == 0 && len(f.Rows) == 0 {
		errs = append(errs, LineError{1, "the file names the columns but lists nobody"})
	}
	if len(errs) > 0 {
		return File{}, errs
	}
	return f, nil
}

// parseHeader checks the column names: known, not repeated, required present.
func parseHeader(header []string) (File, []LineError) {
	var f File
	var errs []LineError
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		if i == 0 {
			name = strings.TrimPrefix(name, "\ufeff") // a byte-order mark some spreadsheets write
		}
		switch {
		case name == "":
			errs = append(errs, LineError{1, fmt.Sprintf("column %d has no name", i+1)})
		case !slices.Contains(Columns, name):
			errs = append(errs, LineError{1, fmt.Sprintf("unknown column %q (known columns: %s)", h, strings.Join(Columns, ", "))})
		case slices.Contains(f.Columns, name):
			errs = append(errs, LineError{1, fmt.Sprintf("column %q appears twice", name)})
		}
		f.Columns = append(f.Columns, name)
	}
	for _, req := range RequiredColumns {
		if !slices.Contains(f.Columns, req) {
			errs = append(errs, LineError{1, fmt.Sprintf("missing required column %q", req)})
		}
	}
	return f, errs
}

// parseRow checks one line's values and returns the row with a message per problem.
func parseRow(line int, rec []string, index map[string]int) (Row, []string) {
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
	var errs []string
	for _, col := range Columns {
		i, ok := index[col]
		if !ok {
			continue
		}
		if msg := input.Problem(rec[i], 0).String(); msg != "" {
			return Row{Line: line}, []string{fmt.Sprintf("column %s: %s", col, strings.ToLower(msg[:1])+msg[1:])}
		}
	}
	for _, c := range []struct {
		col string
		max int
	}{{ColName, directory.MaxNameLength}, {ColRole, directory.MaxFieldLength}, {ColLocation, directory.MaxFieldLength},
		{ColLevel, directory.MaxFieldLength}, {ColGitHubLogin, directory.MaxFieldLength}, {ColSlackUserID, directory.MaxFieldLength}} {
		if n := utf8.RuneCountInString(get(c.col)); n > c.max {
			errs = append(errs, fmt.Sprintf("%s is %d characters long; keep it to %d", c.col, n, c.max))
		}
	}
	email := get(ColEmail)
	if email == "" {
		errs = append(errs, "missing required value: email")
	} else if msg := checkEmail(email); msg != "" {
		errs = append(errs, msg)
	} else {
		row.Email = directory.NormalizeEmail(email)
	}
	if row.Name == "" {
		errs = append(errs, "missing required value: name")
	}
	if team := get(ColTeam); team == "" {
		errs = append(errs, "missing required value: team")
	} else if row.Team = directory.NormalizePath(team); row.Team == "" {
		errs = append(errs, fmt.Sprintf("empty team path %q", team))
	} else if msg := directory.CheckPath(row.Team); msg != "" {
		errs = append(errs, "team: "+msg)
	}
	for _, p := range strings.Split(get(ColLeadOf), ";") {
		if strings.TrimSpace(p) == "" {
			continue
		}
		if path := directory.NormalizePath(p); path == "" {
			errs = append(errs, fmt.Sprintf("empty team path %q in lead_of", p))
		} else if msg := directory.CheckPath(path); msg != "" {
			errs = append(errs, "lead_of: "+msg)
		} else if !slices.Contains(row.LeadOf, path) {
			row.LeadOf = append(row.LeadOf, path)
		}
	}
	if wa := strings.ToLower(get(ColWorkArrangement)); wa != "" && !slices.Contains(directory.WorkArrangements, wa) {
		errs = append(errs, fmt.Sprintf("unknown work arrangement %q (remote, hybrid or office, or empty)", get(ColWorkArrangement)))
	} else {
		row.WorkArrangement = wa
	}
	if sd := get(ColStartDate); sd != "" {
		d, err := time.ParseInLocation(DateLayout, sd, time.UTC)
		if err != nil {
			errs = append(errs, fmt.Sprintf("bad start date %q (use YYYY-MM-DD, e.g. 2024-03-18)", sd))
		} else {
			row.StartDate = &d
		}
	}
	return row, errs
}

// checkEmail returns why s is not a plain email address, or "". The rule
// is the directory's, so an import accepts what the person form accepts.
func checkEmail(s string) string {
	if len(s) > maxEmailLen || !directory.ValidEmail(s) {
		return fmt.Sprintf("bad email %q", s)
	}
	return ""
}

// csvError turns a reader error into a line error written for people.
func csvError(err error, line int) LineError {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		if pe.StartLine > 0 {
			line = pe.StartLine
		}
		switch {
		case errors.Is(pe.Err, csv.ErrQuote), errors.Is(pe.Err, csv.ErrBareQuote):
			return LineError{line, "a quote is not closed or stands inside an unquoted value; the lines after it were not checked"}
		default:
			return LineError{line, "cannot read this line: " + pe.Err.Error()}
		}
	}
	return LineError{line, "cannot read the file: " + err.Error()}
}
