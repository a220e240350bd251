package web

import (
	"context"
	"fmt"

	"github.com/devpulse/devpulse/internal/benchmark"
	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/insight"
	"github.com/devpulse/devpulse/internal/results"
)

// dominantArrangement is the work arrangement a team's respondents
// mostly share: the one more than half of them gave, and only when that
// segment is shown under the k rules (its own size and complementary
// suppression), so the choice never reveals a group the dashboard hides.
// It is "" otherwise, and then the team is compared with the benchmark
// for all arrangements.
func dominantArrangement(d results.Dashboard) string {
	for _, o := range d.Options["work_arrangement"] {
		if o.Shown && 2*o.Responses > d.View.Responses {
			return o.Value
		}
	}
	return ""
}

// placeSegmentBenchmarks compares an unfiltered team dashboard's scores
// with the benchmark of the team's own segment (its dominant work
// arrangement and the organisation's company size) where one is
// imported, and says which benchmark in each row's source, in ctx's
// language. A filtered dashboard keeps the filter's segment, as the
// results code chose it.
func (s *Server) placeSegmentBenchmarks(ctx context.Context, d *results.Dashboard) error {
	if d.Filter.Active() || !d.View.IsShown() || len(d.Drivers) == 0 {
		return nil
	}
	keys := make([]string, len(d.Drivers))
	for i, r := range d.Drivers {
		keys[i] = r.Key
	}
	arrangement, size := dominantArrangement(*d), s.deps.Config.CompanySize
	m, err := s.benchmarks.ForTeam(ctx, keys, arrangement, size)
	if err != nil {
		return err
	}
	l := i18n.From(ctx)
	scope := benchmarkScope(l, m)
	for i := range d.Drivers {
		row := &d.Drivers[i]
		p, ok := m.Rows[row.Key]
		if !ok || !row.Score.OK {
			row.Benchmark = results.Benchmark{}
			continue
		}
		row.Benchmark = results.Benchmark{Percentiles: p.Points(), Band: insight.Position(row.Score.Value, p.Points()),
			Source: l.T("teams.benchmark.source", "Scope", scope, "Source", p.Source, "Year", fmt.Sprint(p.Year)), OK: true}
	}
	return nil
}

// benchmarkScope says which benchmark a team is compared with, in l's
// language: the segment ForTeam found rows for.
func benchmarkScope(l *i18n.Localizer, m benchmark.Match) string {
	arr := l.T("teams.segment.work_arrangement." + m.Arrangement)
	sz := l.T("teams.company_size." + m.Size)
	switch {
	case m.Arrangement != "" && m.Size != "":
		return l.T("teams.benchmark.scope.both", "Arrangement", arr, "Size", sz)
	case m.Arrangement != "":
		return l.T("teams.benchmark.scope.arrangement", "Arrangement", arr)
	case m.Size != "":
		return l.T("teams.benchmark.scope.size", "Size", sz)
	}
	return l.T("teams.benchmark.scope.all")
}
