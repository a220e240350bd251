package metrics_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/metrics"
	"github.com/devpulse/devpulse/internal/testdb"
)

// BenchmarkIngest100k stores 100,000 weekly values (100 teams, 20
// metrics, 50 weeks) in one checked batch on PostgreSQL, as a large CSV
// import or a backfill does. docs/benchmarks.md has the figure.
func BenchmarkIngest100k(b *testing.B) {
	db := testdb.Postgres(b)
	ctx := context.Background()
	var ins []metrics.Input
	for t := 0; t < 100; t++ {
		path := fmt.Sprintf("Engineering/Group %d/Team %d", t/10, t)
		if _, err := directory.EnsureTeam(ctx, db, path); err != nil {
			b.Fatal(err)
		}
		for n := 0; n < 20; n++ {
			for w := 0; w < 50; w++ {
				week, _ := metrics.AddWeeks("2026-W48", -w)
				v := float64(t*n+w) / 100
				ins = append(ins, metrics.Input{Team: path, Name: fmt.Sprintf("metric_%02d", n), Week: week, Value: &v, Unit: "ratio"})
			}
		}
	}
	s := metrics.New(db, audit.New(db))
	s.SetClock(func() time.Time { return time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC) })
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p, err := s.Ingest(ctx, ins, metrics.SourceCLI, "bench")
		if err != nil || p.Values != 100_000 {
			b.Fatalf("%+v %v", p, err)
		}
	}
}
