package web

import (
	"bytes"
	"encoding/base64"
	"io"
	"net/http"
	"path/filepath"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/i18n"

	adminview "github.com/devpulse/devpulse/templates/admin"
)

// previewBenchmarks checks an uploaded benchmark file, or the text of one
// fixed on the page, and shows every bad line or what applying it does.
func (s *Server) previewBenchmarks(c echo.Context) error {
	v, err := s.benchmarkView(c)
	if err != nil {
		return err
	}
	data, name, msg := csvUpload(c, maxBenchmarkBytes)
	v.FileName = name
	if msg == "" && len(data) > maxBenchmarkBytes {
		msg = i18n.T(c.Request().Context(), "directory.csv.too_large", "MB", v.MaxMB)
	}
	if msg != "" {
		v.FormError = msg
		return s.render(c, http.StatusUnprocessableEntity, adminview.BenchmarksPage(v))
	}
	return s.renderBenchmarkPlan(c, v, data)
}

// csvUpload reads the file sent as "file", else the text sent as
// "csv_text" by the fix form; msg says what is wrong when neither came.
// Benchmark and metrics imports share it.
func csvUpload(c echo.Context, maxBytes int64) (data []byte, name, msg string) {
	l := i18n.From(c.Request().Context())
	fh, err := c.FormFile("file")
	if err != nil {
		if text := c.FormValue("csv_text"); text != "" {
			return []byte(text), filepath.Base(c.FormValue("filename")), ""
		}
		return nil, "", l.T("directory.csv.no_file")
	}
	name = filepath.Base(fh.Filename)
	if fh.Size > maxBytes {
		return nil, name, l.T("directory.csv.too_large", "MB", maxBytes>>20)
	}
	file, err := fh.Open()
	if err != nil {
		return nil, name, l.T("directory.csv.unreadable_upload")
	}
	defer file.Close()
	data, err = io.ReadAll(io.LimitReader(file, maxBytes+1))
	if err != nil {
		return nil, name, l.T("directory.csv.unreadable_upload")
	}
	return data, name, ""
}

// renderBenchmarkPlan parses data and shows its problems (422, with the
// text kept for fixing) or the preview with its Apply form.
func (s *Server) renderBenchmarkPlan(c echo.Context, v adminview.BenchmarkView, data []byte) error {
	ctx := c.Request().Context()
	f, errs, err := s.benchmarks.Parse(ctx, bytes.NewReader(data))
	if err != nil {
		return err
	}
	if len(errs) > 0 {
		v.Errors, v.Text = errs, string(data)
		return s.render(c, http.StatusUnprocessableEntity, adminview.BenchmarksPage(v))
	}
	plan, err := s.benchmarks.Preview(ctx, f)
	if err != nil {
		return err
	}
	v.Plan = &plan
	v.Payload, v.Digest = base64.StdEncoding.EncodeToString(data), digest(data)
	return s.render(c, http.StatusOK, adminview.BenchmarksPage(v))
}
