package benchmark

import (
	"context"
	"fmt"

	"github.com/devpulse/devpulse/internal/results"
)

// ForResults gives a results store the imported benchmark percentiles of
// the given drivers and segment, so dashboards can place a score against
// them: pass it to results.Store.SetBenchmarks.
func (s *Store) ForResults() results.BenchmarkFunc {
	return func(ctx context.Context, keys []string, segment string) (map[string]results.Benchmark, error) {
		rows, err := s.For(ctx, keys, segment)
		if err != nil {
			return nil, err
		}
		out := make(map[string]results.Benchmark, len(rows))
		for key, p := range rows {
			out[key] = results.Benchmark{Percentiles: p.Points(), Source: fmt.Sprintf("%s, %d", p.Source, p.Year), OK: true}
		}
		return out, nil
	}
}
