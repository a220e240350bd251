package web

import (
	"bytes"
	"context"
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/benchmark"
	"github.com/devpulse/devpulse/internal/testdb"
)

const benchmarkHeader = "driver_key,segment,p25,p50,p75,p90,source,year\n"

const goodBenchmarks = benchmarkHeader +
	"ci_reliability,All,44,57,69,78,Acme DevEx Report,2025\n" +
	"ci_reliability,Remote,42,55,68,77,Acme DevEx Report,2025\n" +
	"code_review,All,50,62,73,81,Acme DevEx Report,2025\n"

// Lines 3 and 5 are bad: an unknown driver, and percentiles out of order.
const badBenchmarks = benchmarkHeader +
	"ci_reliability,All,44,57,69,78,Acme DevEx Report,2025\n" +
	"ci_speed,All,44,57,69,78,Acme DevEx Report,2025\n" +
	"code_review,All,50,62,73,81,Acme DevEx Report,2025\n" +
	"documentation,All,40,35,50,60,Acme DevEx Report,2025\n"

var benchmarkLineRe = regexp.MustCompile(`data-testid="benchmark-error-line">(\d+)<`)

func benchmarkRows(t *testing.T, db *gorm.DB) int64 {
	t.Helper()
	var n int64
	if err := db.Model(&benchmark.Percentiles{}).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// benchmarkApplyFields reads the Apply form's hidden fields from a preview page.
func benchmarkApplyFields(t *testing.T, page string) map[string]string {
	t.Helper()
	return hiddenFields(t, page, "benchmark-apply-form")
}

// hiddenFields reads the hidden fields (but the CSRF token) of the form
// with data-testid testid.
func hiddenFields(t *testing.T, page, testid string) map[string]string {
	t.Helper()
	_, form, ok := strings.Cut(page, `data-testid="`+testid+`"`)
	if !ok {
		t.Fatalf("the page has no form %s", testid)
	}
	form, _, _ = strings.Cut(form, "</form>")
	fields := map[string]string{}
	for _, m := range hiddenRe.FindAllStringSubmatch(form, -1) {
		if m[1] != "_csrf" {
			fields[m[1]] = html.UnescapeString(m[2])
		}
	}
	return fields
}

func TestBenchmarkUploadPreviewApplyDelete(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s := newTestServer(t, db, "http://localhost")
		f := newFixture(t, db)

		page := f.request(t, s, http.MethodGet, "/admin/benchmarks", admin).Body.String()
		for _, want := range []string{`data-testid="benchmark-none"`, `data-testid="benchmark-upload"`, "driver_key", `href="/admin/benchmarks/example.csv"`} {
			if !strings.Contains(page, want) {
				t.Errorf("empty page lacks %s", want)
			}
		}

		checkBadBenchmarkFile(t, s, f, db)

		// The fixed text sent back from the page: the preview.
		rec := f.post(t, s, "/admin/benchmarks/preview", admin, map[string]string{"csv_text": goodBenchmarks, "filename": "people.csv"})
		body := rec.Body.String()
		if rec.Code != http.StatusOK || !strings.Contains(body, `data-testid="benchmark-plan"`) || !strings.Contains(body, "New set") ||
			!strings.Contains(body, "All, Remote") {
			t.Fatalf("preview: status %d\n%s", rec.Code, body)
		}
		if n := benchmarkRows(t, db); n != 0 {
			t.Fatalf("the preview stored %d rows", n)
		}
		fields := benchmarkApplyFields(t, body)

		tampered := map[string]string{"csv": fields["csv"], "sha256": strings.Repeat("0", 64)}
		if rec := f.post(t, s, "/admin/benchmarks/apply", admin, tampered); rec.Code != http.StatusUnprocessableEntity {
			t.Errorf("tampered apply: status %d", rec.Code)
		}

		rec = f.post(t, s, "/admin/benchmarks/apply", admin, fields)
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/admin/benchmarks" {
			t.Fatalf("apply: status %d location %q", rec.Code, rec.Header().Get("Location"))
		}
		if n := benchmarkRows(t, db); n != 3 {
			t.Errorf("%d rows stored, want 3", n)
		}
		events, _ := audit.New(db).Recent(context.Background(), 1, 0)
		if len(events) != 1 || events[0].Actor != "admin@example.com" || events[0].Action != benchmark.ActionImport {
			t.Errorf("audit %+v", events)
		}
		page = f.request(t, s, http.MethodGet, "/admin/benchmarks", admin).Body.String()
		if !strings.Contains(page, `data-testid="benchmark-set"`) || !strings.Contains(page, "Acme DevEx Report") {
			t.Errorf("the list lacks the set:\n%s", page)
		}

		// Delete the set.
		rec = f.post(t, s, "/admin/benchmarks/delete", admin, map[string]string{"source": "Acme DevEx Report", "year": "2025"})
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("delete: status %d", rec.Code)
		}
		if n := benchmarkRows(t, db); n != 0 {
			t.Errorf("%d rows left after delete", n)
		}
		events, _ = audit.New(db).Recent(context.Background(), 1, 0)
		if len(events) != 1 || events[0].Action != benchmark.ActionDelete || events[0].Detail != "Acme DevEx Report 2025: 3 rows" {
			t.Errorf("audit %+v", events)
		}
		rec = f.post(t, s, "/admin/benchmarks/delete", admin, map[string]string{"source": "Acme DevEx Report", "year": "2025"})
		if rec.Code != http.StatusSeeOther {
			t.Errorf("second delete: status %d", rec.Code)
		}
	})
}

// checkBadBenchmarkFile uploads a file with bad lines: each is listed by
// number, the file is kept for fixing, and nothing is stored.
func checkBadBenchmarkFile(t *testing.T, s *Server, f *fixture, db *gorm.DB) {
	t.Helper()
	// Bad lines: each listed by number, the file kept for fixing, nothing stored.
	rec := f.post(t, s, "/admin/benchmarks/preview", admin, map[string]string{"file": badBenchmarks})
	body := rec.Body.String()
	if rec.Code != http.StatusUnprocessableEntity {
		t.Fatalf("bad file: status %d", rec.Code)
	}
	var lines []string
	for _, m := range benchmarkLineRe.FindAllStringSubmatch(body, -1) {
		lines = append(lines, m[1])
	}
	if strings.Join(lines, ",") != "3,5" {
		t.Errorf("error lines %v, want 3,5", lines)
	}
	for _, want := range []string{`unknown driver key &#34;ci_speed&#34;`, "p50 (35) is below p25 (40)", "2 problems on 2 lines in people.csv",
		`data-testid="benchmark-text"`, "ci_speed,All,44,57,69,78,Acme DevEx Report,2025"} {
		if !strings.Contains(body, want) {
			t.Errorf("error page lacks %q", want)
		}
	}
	if n := benchmarkRows(t, db); n != 0 {
		t.Fatalf("a bad file stored %d rows", n)
	}
}

func TestBenchmarkUploadProblems(t *testing.T) {
	db := testdb.SQLite(t)
	s := newTestServer(t, db, "http://localhost")
	f := newFixture(t, db)
	rec := f.post(t, s, "/admin/benchmarks/preview", admin, map[string]string{})
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "Choose a CSV file") {
		t.Errorf("no file: %d", rec.Code)
	}
	big := benchmarkHeader + strings.Repeat("ci_reliability,All,44,57,69,78,Acme DevEx Report,2025\n", maxBenchmarkBytes/50)
	rec = f.post(t, s, "/admin/benchmarks/preview", admin, map[string]string{"file": big})
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "larger than 1 MB") {
		t.Errorf("big file: %d", rec.Code)
	}
	rec = f.request(t, s, http.MethodGet, "/admin/benchmarks/example.csv", admin)
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/csv") || !bytes.Equal(rec.Body.Bytes(), benchmark.Example) {
		t.Errorf("example: %d %v", rec.Code, rec.Header())
	}
	if page := f.request(t, s, http.MethodGet, "/admin", admin).Body.String(); !strings.Contains(page, `href="/admin/benchmarks"`) {
		t.Error("the admin index does not link to benchmarks")
	}
}
