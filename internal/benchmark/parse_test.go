package benchmark_test

import (
	"strings"
	"testing"

	"github.com/devpulse/devpulse/internal/benchmark"
)

var drivers = []string{"ci_reliability", "code_review", "documentation"}

const header = "driver_key,segment,p25,p50,p75,p90,source,year\n"

func TestParseGoodFile(t *testing.T) {
	in := "\ufeffYear,Source,Driver_Key,P25,P50,P75,P90,Segment\n" + // BOM, any order, any case
		"2025,Acme DevEx Report,ci_reliability,40,55,70,80,\n" +
		"2025, Acme DevEx Report ,CI_Reliability,41,56,71,81,remote\n" +
		"2025,Acme DevEx Report,code_review,50,50,50,50,All\n" +
		"2024,\"Acme, Inc.\",documentation,0,10,90,100,1000+ engineers\n"
	f, errs := benchmark.Parse(strings.NewReader(in), drivers)
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	want := []benchmark.Percentiles{
		{DriverKey: "ci_reliability", Segment: "All", P25: 40, P50: 55, P75: 70, P90: 80, Source: "Acme DevEx Report", Year: 2025},
		{DriverKey: "ci_reliability", Segment: "remote", WorkArrangement: "remote", P25: 41, P50: 56, P75: 71, P90: 81, Source: "Acme DevEx Report", Year: 2025},
		{DriverKey: "code_review", Segment: "All", P25: 50, P50: 50, P75: 50, P90: 50, Source: "Acme DevEx Report", Year: 2025},
		{DriverKey: "documentation", Segment: "1000+ engineers", P25: 0, P50: 10, P75: 90, P90: 100, Source: "Acme, Inc.", Year: 2024},
	}
	if len(f.Rows) != len(want) {
		t.Fatalf("%d rows, want %d: %+v", len(f.Rows), len(want), f.Rows)
	}
	for i := range want {
		if f.Rows[i] != want[i] {
			t.Errorf("row %d = %+v, want %+v", i, f.Rows[i], want[i])
		}
	}
}

func TestParseSegmentColumnIsOptional(t *testing.T) {
	f, errs := benchmark.Parse(strings.NewReader("driver_key,p25,p50,p75,p90,source,year\ncode_review,1,2,3,4,S,2025\n"), drivers)
	if len(errs) > 0 || len(f.Rows) != 1 || f.Rows[0].Segment != benchmark.SegmentAll {
		t.Fatalf("%+v %v", f, errs)
	}
}

func TestParseReportsEveryBadLine(t *testing.T) {
	in := header +
		"ci_reliability,All,40,55,70,80,Acme,2025\n" + // 2: good
		"ci_speed,All,40,55,70,80,Acme,2025\n" + // 3: unknown driver
		"code_review,All,40,5.5,70,80,Acme,2025\n" + // 4: not an integer
		"code_review,Remote,40,55,70,101,Acme,2025\n" + // 5: out of range
		"documentation,All,40,65,60,80,Acme,2025\n" + // 6: decreasing
		"documentation,Remote,40,55,70,80,,2025\n" + // 7: no source
		"documentation,Hybrid,40,55,70,80,Acme,25\n" + // 8: bad year
		"ci_reliability,,41,56,71,81,Acme,2025\n" + // 9: duplicate of line 2 ("" is All)
		"code_review,All,40,55,70\n" + // 10: short line
		",All,,55,70,80,Acme,1850\n" // 11: three problems
	_, errs := benchmark.Parse(strings.NewReader(in), drivers)
	want := []struct {
		line int
		msg  string
	}{
		{3, `unknown driver key "ci_speed"`},
		{4, `p50 "5.5" is not a whole number`},
		{5, `p90 101 is out of range`},
		{6, `p75 (60) is below p50 (65)`},
		{7, "missing source"},
		{8, `year "25" is not a plausible four-digit year`},
		{9, `duplicate row for driver ci_reliability, segment "All", source "Acme", year 2025 (first on line 2)`},
		{10, "has 5 values, the header names 8 columns"},
		{11, "missing driver_key"},
		{11, "missing p25"},
		{11, `year "1850" is not a plausible four-digit year`},
	}
	if len(errs) != len(want) {
		t.Fatalf("%d errors, want %d:\n%v", len(errs), len(want), errs)
	}
	for i, w := range want {
		if errs[i].Line != w.line || !strings.Contains(errs[i].Message, w.msg) {
			t.Errorf("error %d = %v, want line %d: %q", i, errs[i], w.line, w.msg)
		}
	}
	if got := errs[0].Error(); got != `line 3: unknown driver key "ci_speed" (it is not in the driver library)` {
		t.Errorf("Error() = %q", got)
	}
}

func TestParseHeaderProblems(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"empty file", "", []string{"line 1: the file is empty"}},
		{"only a header", header, []string{"line 1: the file names the columns but has no benchmark rows"}},
		{"missing and unknown columns", "driver_key,p25,p50,p75,percentile_90,source\n",
			[]string{`line 1: unknown column "percentile_90"`, `line 1: missing required column "p90"`, `line 1: missing required column "year"`}},
		{"a column twice", "driver_key,p25,p50,p75,p90,source,year,P25\n", []string{`line 1: column "p25" appears twice`}},
		{"broken quote", header + "code_review,\"All,1,2,3,4,S,2025\n", []string{"line 2: a quote is not closed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := benchmark.Parse(strings.NewReader(tt.in), drivers)
			if len(errs) != len(tt.want) {
				t.Fatalf("errors %v, want %d", errs, len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.HasPrefix(errs[i].Error(), w) {
					t.Errorf("error %d = %q, want it to start %q", i, errs[i].Error(), w)
				}
			}
		})
	}
}

func TestSegmentLabels(t *testing.T) {
	for in, want := range map[string]string{"": "All", "  ": "All", "all": "All", "ALL": "All", " Remote ": "Remote", "1000+ engineers": "1000+ engineers"} {
		if got := benchmark.NormalizeSegment(in); got != want {
			t.Errorf("NormalizeSegment(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseSegmentColumns(t *testing.T) {
	in := "driver_key,p25,p50,p75,p90,source,year,Work_Arrangement,company_size\n" +
		"ci_reliability,40,55,70,80,Acme,2025,,\n" +
		"ci_reliability,41,56,71,81,Acme,2025,Remote,1000-5000\n" +
		"ci_reliability,42,57,72,82,Acme,2025,hybrid,\n" +
		"ci_reliability,43,58,73,83,Acme,2025,all,5000+\n"
	f, errs := benchmark.Parse(strings.NewReader(in), drivers)
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	want := []struct{ segment, arrangement, size string }{
		{"All", "", ""},
		{"Remote, 1,000–5,000 engineers", "remote", "1000-5000"},
		{"Hybrid", "hybrid", ""},
		{"over 5,000 engineers", "", "5000+"},
	}
	for i, w := range want {
		r := f.Rows[i]
		if r.Segment != w.segment || r.WorkArrangement != w.arrangement || r.CompanySize != w.size {
			t.Errorf("row %d = %q %q %q, want %+v", i, r.Segment, r.WorkArrangement, r.CompanySize, w)
		}
	}
}

func TestParseSegmentColumnsBadValues(t *testing.T) {
	in := "driver_key,p25,p50,p75,p90,source,year,work_arrangement,company_size\n" +
		"ci_reliability,40,55,70,80,Acme,2025,remote,\n" +
		"ci_reliability,40,55,70,80,Acme,2025,onsite,\n" +
		"code_review,40,55,70,80,Acme,2025,,10-20\n" +
		"documentation,40,55,70,80,Acme,2025,Remote,\n" +
		"documentation,40,55,70,80,Acme,2025,remote,\n"
	_, errs := benchmark.Parse(strings.NewReader(in), drivers)
	want := []string{
		`line 3: work_arrangement "onsite" is not one of remote, hybrid, office (or empty for any)`,
		`line 4: company_size "10-20" is not one of 1-100, 100-1000, 1000-5000, 5000+ (or empty for any)`,
		`line 6: duplicate row for driver documentation, segment "Remote"`,
	}
	if len(errs) != len(want) {
		t.Fatalf("errors %v, want %d", errs, len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(errs[i].Error(), w) {
			t.Errorf("error %d = %q, want it to start %q", i, errs[i].Error(), w)
		}
	}
}
