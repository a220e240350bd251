package input

import (
	"encoding/csv"
	"errors"
	"fmt"
)

// LineError is one problem in an uploaded file (a roster, a benchmark),
// tied to its line; the header is line 1. Message is in English, for the
// API, the command line and logs; Text is the same message for a page to
// write in its reader's language.
type LineError struct {
	Line    int     `json:"line"`
	Message string  `json:"message"`
	Text    Message `json:"-"`
}

// OnLine is the problem m on line.
func OnLine(line int, m Message) LineError {
	return LineError{Line: line, Message: m.String(), Text: m}
}

func (e LineError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Message) }

// CSV is a message any CSV import shares (the directory.csv catalog).
func CSV(id string, args ...any) Message { return M("directory.csv."+id, args...) }

// ReadProblem words an error of encoding/csv's reader for people, with the
// line it is on: the reader's own line when it says one, else line.
func ReadProblem(err error, line int) (int, Message) {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return line, CSV("unreadable", "Error", err.Error())
	}
	if pe.StartLine > 0 {
		line = pe.StartLine
	}
	if errors.Is(pe.Err, csv.ErrQuote) || errors.Is(pe.Err, csv.ErrBareQuote) {
		return line, CSV("quote")
	}
	return line, CSV("unreadable_line", "Error", pe.Err.Error())
}
