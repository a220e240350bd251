package results

import (
	"bytes"
	"testing"
)

func TestCSVText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Eng/A", "Eng/A"},
		{`=HYPERLINK("http://evil.example","click")`, `'=HYPERLINK("http://evil.example","click")`},
		{"+evil", "'+evil"},
		{"-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tindented", "'\tindented"},
		{"\rreturn", "'\rreturn"},
		{"a=b", "a=b"},
		{" =not first", " =not first"},
		{"'quoted", "'quoted"},
	}
	for _, tt := range tests {
		if got := csvText(tt.in); got != tt.want {
			t.Errorf("csvText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWriteCSVKeepsNumbers(t *testing.T) {
	var b bytes.Buffer
	err := WriteCSV(&b, []string{"team", "delta"}, [][]string{{csvText("+evil"), csvInt(-12)}, {csvText(`a,"b"`), csvFloat(-0.5)}})
	if err != nil {
		t.Fatal(err)
	}
	want := "team,delta\n'+evil,-12\n\"a,\"\"b\"\"\",-0.5\n"
	if b.String() != want {
		t.Fatalf("got %q, want %q", b.String(), want)
	}
}
