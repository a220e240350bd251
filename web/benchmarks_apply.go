package web

import (
	"bytes"
	"encoding/base64"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/benchmark"
	"github.com/devpulse/devpulse/internal/i18n"

	adminview "github.com/devpulse/devpulse/templates/admin"
)

// applyBenchmarks imports the file the preview showed, carried back in the
// form, after checking it again.
func (s *Server) applyBenchmarks(c echo.Context) error {
	v, err := s.benchmarkView(c)
	if err != nil {
		return err
	}
	v.FileName = c.FormValue("filename")
	data, err := base64.StdEncoding.DecodeString(c.FormValue("csv"))
	if err != nil || len(data) == 0 || len(data) > maxBenchmarkBytes || digest(data) != c.FormValue("sha256") {
		v.FormError = i18n.T(c.Request().Context(), "directory.csv.not_intact")
		return s.render(c, http.StatusUnprocessableEntity, adminview.BenchmarksPage(v))
	}
	ctx := c.Request().Context()
	f, errs, err := s.benchmarks.Parse(ctx, bytes.NewReader(data))
	if err != nil {
		return err
	}
	if len(errs) > 0 { // the driver library changed since the preview
		v.Errors, v.Text = errs, string(data)
		return s.render(c, http.StatusUnprocessableEntity, adminview.BenchmarksPage(v))
	}
	plan, err := s.benchmarks.Import(ctx, f, principal(c).Actor())
	if err != nil {
		return err
	}
	return s.redirectWith(c, "/admin/benchmarks", flashOK, benchmarksImported(i18n.From(ctx), plan))
}

// benchmarksImported confirms an import in the reader's language: each
// set with its rows, new or replacing the rows stored.
func benchmarksImported(l *i18n.Localizer, p benchmark.Plan) string {
	parts := make([]string, len(p.Sets))
	for i, set := range p.Sets {
		what := l.T("directory.benchmarks.imported_new")
		if set.Replaced > 0 {
			what = l.T("directory.benchmarks.imported_replacing", "N", l.Number(set.Replaced))
		}
		rows := l.T("directory.benchmarks.imported_rows", "Count", set.Rows, "N", l.Number(set.Rows))
		parts[i] = l.T("directory.benchmarks.imported_set", "Source", set.Source, "Year", set.Year, "Rows", rows, "What", what)
	}
	return l.T("directory.benchmarks.imported", "Sets", strings.Join(parts, "; "))
}
