package input

import "fmt"

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
