package roster

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

const header = "email,name,team,lead_of,role,work_arrangement,location,start_date,level,github_login,slack_user_id\n"

func TestParse(t *testing.T) {
	f, errs := Parse(strings.NewReader("\ufeffName, EMAIL ,team,lead_of,work_arrangement,start_date\n" +
		"Ada Lovelace,Ada@Example.COM, Eng / Platform/ ,Eng/Platform; Eng ;,HYBRID,2019-04-01\n" +
		"\n" + // blank lines are skipped
		"\"Hopper, Grace\",grace@example.com,Eng,,,\n"))
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	if got := strings.Join(f.Columns, ","); got != "name,email,team,lead_of,work_arrangement,start_date" {
		t.Fatalf("columns %s", got)
	}
	if len(f.Rows) != 2 {
		t.Fatalf("%d rows", len(f.Rows))
	}
	ada, grace := f.Rows[0], f.Rows[1]
	if ada.Line != 2 || ada.Email != "ada@example.com" || ada.Team != "Eng/Platform" || ada.WorkArrangement != "hybrid" ||
		strings.Join(ada.LeadOf, "|") != "Eng/Platform|Eng" || formatDate(ada.StartDate) != "2019-04-01" {
		t.Errorf("ada %+v", ada)
	}
	if grace.Line != 4 || grace.Name != "Hopper, Grace" || grace.StartDate != nil || grace.WorkArrangement != "" {
		t.Errorf("grace %+v", grace)
	}
	if f.Has(ColLocation) || !f.Has(ColStartDate) {
		t.Errorf("Has: location %v, start_date %v", f.Has(ColLocation), f.Has(ColStartDate))
	}
}

func TestParseReportsEveryBadLine(t *testing.T) {
	tests := []struct {
		name string
		csv  string
		want []string // "line N: substring"
	}{
		{"empty file", "", []string{"line 1: the file is empty"}},
		{"header only", header, []string{"line 1: lists nobody"}},
		{"unknown column", "email,name,team,shoe_size\n", []string{`line 1: unknown column "shoe_size"`}},
		{"missing required column", "email,name\na@example.com,A\n", []string{`line 1: missing required column "team"`}},
		{"repeated column", "email,name,team,name\n", []string{`line 1: column "name" appears twice`}},
		{"bad values", header +
			"not-an-email,A,Eng,,,,,,,,\n" +
			"b@example.com,,Eng,,,,,,,,\n" +
			"c@example.com,C,,,,,,,,,\n" +
			"d@example.com,D, / ,,,,,,,,\n" +
			"e@example.com,E,Eng,,,moon,,,,,\n" +
			"f@example.com,F,Eng,,,,,2024-13-01,,,\n" +
			"g@example.com,G,Eng,,,,,01/02/2024,,,\n" +
			"h@example.com,H,Eng,/,,,,,,,\n" +
			",I,Eng,,,,,,,,\n" +
			"Ada <j@example.com>,J,Eng,,,,,,,,\n" +
			"k@example.com,K,Eng\n",
			[]string{
				`line 2: bad email "not-an-email"`,
				"line 3: missing required value: name",
				"line 4: missing required value: team",
				`line 5: empty team path "/"`,
				`line 6: unknown work arrangement "moon"`,
				`line 7: bad start date "2024-13-01"`,
				`line 8: bad start date "01/02/2024"`,
				`line 9: empty team path "/" in lead_of`,
				"line 10: missing required value: email",
				`line 11: bad email "Ada <j@example.com>"`,
				"line 12: has 3 values, the header names 11 columns",
			}},
		{"duplicate email, any case", header + "a@example.com,A,Eng,,,,,,,,\nb@example.com,B,Eng,,,,,,,,\nA@EXAMPLE.com,A2,Eng,,,,,,,,\n",
			[]string{"line 4: duplicate email a@example.com (first on line 2)"}},
		{"several problems on one line", "email,name,team\nbad,,\n",
			[]string{`line 2: bad email "bad"`, "line 2: missing required value: name", "line 2: missing required value: team"}},
		{"broken quote", "email,name,team\na@example.com,\"A,Eng\n", []string{"line 2: a quote is not closed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, errs := Parse(strings.NewReader(tt.csv))
			if len(f.Rows) != 0 {
				t.Errorf("a file with errors must give no rows, got %d", len(f.Rows))
			}
			var got []string
			for _, e := range errs {
				got = append(got, e.Error())
			}
			if len(got) != len(tt.want) {
				t.Fatalf("errors:\n%s\nwant %d:\n%s", strings.Join(got, "\n"), len(tt.want), strings.Join(tt.want, "\n"))
			}
			for i, w := range tt.want {
				prefix, rest, _ := strings.Cut(w, ": ")
				if !strings.HasPrefix(got[i], prefix+": ") || !strings.Contains(got[i], rest) {
					t.Errorf("error %d is %q, want %q", i, got[i], w)
				}
			}
		})
	}
}

func TestExampleFileIsValidAndMatchesDocs(t *testing.T) {
	docs, err := os.ReadFile("../../docs/roster-example.csv")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(docs, Example) {
		t.Fatal("docs/roster-example.csv and internal/roster/example.csv differ: copy one over the other")
	}
	f, errs := Parse(bytes.NewReader(Example))
	if len(errs) > 0 || len(f.Rows) < 8 {
		t.Fatalf("example: %d rows, errors %v", len(f.Rows), errs)
	}
}
