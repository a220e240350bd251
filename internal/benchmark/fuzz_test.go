package benchmark_test

import (
	"bytes"
	"context"
	"testing"
	"unicode/utf8"

	"github.com/devpulse/devpulse/internal/benchmark"
	"github.com/devpulse/devpulse/internal/input"
	"github.com/devpulse/devpulse/internal/testdb"
)

// FuzzBenchmarkImport feeds arbitrary bytes to the benchmark CSV parser.
// It never panics; a refused file has errors that each name a line; an
// accepted file imports, and reading each row back gives what was sent.
func FuzzBenchmarkImport(f *testing.F) {
	db := testdb.SQLite(f)
	s := benchmark.NewStore(db)
	f.Add(benchmark.Example)
	f.Add([]byte("driver_key,segment,p25,p50,p75,p90,source,year\nci_reliability,All,44,57,69,78,Acme\x00,2025\n"))
	f.Add([]byte("driver_key,p25,p50,p75,p90,source,year\nci_reliability,80,70,60,50,Acm\xe9,1800\n"))
	f.Add([]byte("\ufeffDRIVER_KEY,P25,P50,P75,P90,SOURCE,YEAR\n\"ci_reliability,1,2,3,4,x,2025\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx := context.Background()
		file, errs, err := s.Parse(ctx, bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if len(errs) > 0 {
			for _, e := range errs {
				if e.Line < 1 || e.Message == "" || !utf8.ValidString(e.Error()) {
					t.Fatalf("unclear error %+v", e)
				}
			}
			return
		}
		for _, r := range file.Rows {
			if !input.Clean(r.Source) || !input.Clean(r.Segment) || r.P25 > r.P50 || r.P50 > r.P75 || r.P75 > r.P90 {
				t.Fatalf("accepted row %+v", r)
			}
		}
		if _, err := s.Import(ctx, file, "fuzz"); err != nil {
			t.Fatalf("import of an accepted file: %v", err)
		}
		for _, r := range file.Rows {
			var got benchmark.Percentiles
			err := db.Where("driver_key = ? AND segment = ? AND source = ? AND year = ?", r.DriverKey, r.Segment, r.Source, r.Year).First(&got).Error
			if err != nil || got.P25 != r.P25 || got.P50 != r.P50 || got.P75 != r.P75 || got.P90 != r.P90 {
				t.Fatalf("row %+v read back as %+v (%v)", r, got, err)
			}
		}
		if err := db.Exec("DELETE FROM benchmarks").Error; err != nil {
			t.Fatal(err)
		}
	})
}
