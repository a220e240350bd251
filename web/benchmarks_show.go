package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/benchmark"
	adminview "github.com/devpulse/devpulse/templates/admin"
)

// maxBenchmarkBytes is the largest benchmark file accepted: thousands of
// drivers and segments, far more than any real report has.
const maxBenchmarkBytes = 1 << 20

// showBenchmarks lists the stored sets with the upload form.
func (s *Server) showBenchmarks(c echo.Context) error {
	v, err := s.benchmarkView(c)
	if err != nil {
		return err
	}
	v.Flash = s.snapshotFlash(c)
	return s.render(c, http.StatusOK, adminview.BenchmarksPage(v))
}

// benchmarkView is the page's starting state: the stored sets.
func (s *Server) benchmarkView(c echo.Context) (adminview.BenchmarkView, error) {
	sets, err := s.benchmarks.Sets(c.Request().Context())
	return adminview.BenchmarkView{Sets: sets, MaxMB: maxBenchmarkBytes >> 20}, err
}

// downloadBenchmarkExample sends the example file.
func (s *Server) downloadBenchmarkExample(c echo.Context) error {
	c.Response().Header().Set(echo.HeaderContentDisposition, `attachment; filename="benchmarks-example.csv"`)
	return c.Blob(http.StatusOK, "text/csv; charset=utf-8", benchmark.Example)
}
