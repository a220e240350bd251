package input

import (
	"encoding/csv"
	"errors"
	"strings"
	"testing"
)

// A CSV reader's error is worded for people, on the line the reader names.
func TestReadProblem(t *testing.T) {
	r := csv.NewReader(strings.NewReader("a,b\n1,2\n3,\"4\n"))
	var err error
	for err == nil {
		_, err = r.Read()
	}
	line, m := ReadProblem(err, 0)
	if line != 3 || m.ID != "directory.csv.quote" {
		t.Errorf("unclosed quote: line %d, %q", line, m.ID)
	}
	if line, m := ReadProblem(errors.New("disk on fire"), 1); line != 1 || m.ID != "directory.csv.unreadable" || !strings.Contains(m.String(), "disk on fire") {
		t.Errorf("other error: line %d, %q %q", line, m.ID, m.String())
	}
	if got := OnLine(4, CSV("quote")).Error(); !strings.HasPrefix(got, "line 4: ") {
		t.Errorf("LineError %q", got)
	}
}
