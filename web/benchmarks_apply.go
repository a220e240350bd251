package web

import (
	"bytes"
	"encoding/base64"
	"net/http"

	"github.com/labstack/echo/v4"

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
		v.FormError = "The previewed file did not come back intact. Upload it again."
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
	return s.redirectWith(c, "/admin/benchmarks", flashOK, "Benchmarks imported: "+plan.Summary()+".")
}
