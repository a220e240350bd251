package results

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// csvText neutralises a text cell for spreadsheets: a cell that begins
// with =, +, -, @, a tab or a carriage return would be read as a formula
// (OWASP's CSV injection list), so it gets a leading single quote.
//
// Exports apply it to every cell that holds text (comments, team paths,
// titles, choices, question keys), and never to numbers: those are
// formatted from Go values, never from anything a person typed, so a
// delta of -12 stays the number -12 rather than the text '-12.
func csvText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// WriteCSV writes an export's header and rows with encoding/csv. The
// cells come from this package's exports, text already neutralised.
func WriteCSV(w io.Writer, header []string, rows [][]string) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return cw.Error()
}

// csvInt and csvFloat format numbers for CSV cells.
func csvInt(n int) string { return strconv.Itoa(n) }

func csvFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// csvScore formats a score, empty when absent.
func csvScore(ok bool, v int) string {
	if !ok {
		return ""
	}
	return strconv.Itoa(v)
}
