package web

import (
	"bytes"
	"encoding/base64"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/metrics"
	adminview "github.com/devpulse/devpulse/templates/admin"
)

// maxMetricsFileBytes is the largest metrics file the page takes: about
// 100,000 weekly values.
const maxMetricsFileBytes = 8 << 20

// showMetricsImport shows the upload form.
func (s *Server) showMetricsImport(c echo.Context) error {
	v := adminview.MetricsImportView{Flash: s.snapshotFlash(c), MaxMB: maxMetricsFileBytes >> 20}
	return s.render(c, http.StatusOK, adminview.MetricsImportPage(v))
}

// downloadMetricsExample sends the example file.
func (s *Server) downloadMetricsExample(c echo.Context) error {
	c.Response().Header().Set(echo.HeaderContentDisposition, `attachment; filename="metrics-example.csv"`)
	return c.Blob(http.StatusOK, "text/csv; charset=utf-8", metrics.Example)
}

// previewMetrics checks an uploaded file (or its text fixed on the page)
// and shows every bad line, or what applying it changes.
func (s *Server) previewMetrics(c echo.Context) error {
	v := adminview.MetricsImportView{MaxMB: maxMetricsFileBytes >> 20}
	data, name, msg := csvUpload(c, maxMetricsFileBytes)
	v.FileName = name
	if msg == "" && len(data) > maxMetricsFileBytes {
		msg = i18n.T(c.Request().Context(), "directory.csv.too_large", "MB", v.MaxMB)
	}
	if msg != "" {
		v.FormError = msg
		return s.render(c, http.StatusUnprocessableEntity, adminview.MetricsImportPage(v))
	}
	ctx := c.Request().Context()
	vals, probs, err := s.metrics.CheckFile(ctx, bytes.NewReader(data))
	if err != nil {
		return err
	}
	if len(probs) > 0 {
		v.Errors, v.Text = probs, string(data)
		return s.render(c, http.StatusUnprocessableEntity, adminview.MetricsImportPage(v))
	}
	plan, err := s.metrics.Preview(ctx, vals)
	if err != nil {
		return err
	}
	v.Plan, v.Payload, v.Digest = &plan, base64.StdEncoding.EncodeToString(data), digest(data)
	return s.render(c, http.StatusOK, adminview.MetricsImportPage(v))
}

// applyMetrics stores the file the preview showed, checked again.
func (s *Server) applyMetrics(c echo.Context) error {
	v := adminview.MetricsImportView{MaxMB: maxMetricsFileBytes >> 20, FileName: c.FormValue("filename")}
	data, err := base64.StdEncoding.DecodeString(c.FormValue("csv"))
	if err != nil || len(data) == 0 || len(data) > maxMetricsFileBytes || digest(data) != c.FormValue("sha256") {
		v.FormError = i18n.T(c.Request().Context(), "directory.csv.not_intact")
		return s.render(c, http.StatusUnprocessableEntity, adminview.MetricsImportPage(v))
	}
	ctx := c.Request().Context()
	vals, probs, err := s.metrics.CheckFile(ctx, bytes.NewReader(data))
	if err != nil {
		return err
	}
	if len(probs) > 0 { // a team was renamed since the preview
		v.Errors, v.Text = probs, string(data)
		return s.render(c, http.StatusUnprocessableEntity, adminview.MetricsImportPage(v))
	}
	plan, err := s.metrics.Save(ctx, vals, metrics.SourceImport, principal(c).Actor())
	if err != nil {
		return err
	}
	l := i18n.From(ctx)
	return s.redirectWith(c, "/admin/metrics", flashOK, l.T("directory.metrics.imported",
		"Values", l.T("directory.metrics.values", "Count", plan.Values, "N", l.Number(plan.Values)),
		"New", l.Number(plan.New), "Replaced", l.Number(plan.Replaced),
		"Teams", l.T("directory.metrics.teams", "Count", plan.Teams, "N", l.Number(plan.Teams)),
		"Names", l.T("directory.metrics.names", "Count", plan.Names, "N", l.Number(plan.Names)),
		"First", plan.FirstWeek, "Last", plan.LastWeek))
}
