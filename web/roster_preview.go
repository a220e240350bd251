package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"io"
	"net/http"
	"path/filepath"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/roster"
	adminview "github.com/devpulse/devpulse/templates/admin"
)

// previewRoster checks an uploaded roster and shows every bad line, or what
// applying it would change.
func (s *Server) previewRoster(c echo.Context) error {
	v := adminview.RosterView{DeactivateMissing: c.FormValue("deactivate_missing") == "true", MaxMB: maxRosterBytes >> 20}
	fh, err := c.FormFile("file")
	if err != nil {
		v.FormError = i18n.T(c.Request().Context(), "directory.csv.no_file")
		return s.render(c, http.StatusUnprocessableEntity, adminview.RosterPage(v))
	}
	v.FileName = filepath.Base(fh.Filename)
	if fh.Size > maxRosterBytes {
		v.FormError = i18n.T(c.Request().Context(), "directory.roster.too_large", "MB", v.MaxMB)
		return s.render(c, http.StatusUnprocessableEntity, adminview.RosterPage(v))
	}
	file, err := fh.Open()
	if err != nil {
		return err
	}
	defer file.Close()
	data, err := io.ReadAll(file)
	if err != nil {
		return err
	}
	return s.renderRosterPlan(c, v, data, nil)
}

// renderRosterPlan parses data and shows its problems (422) or the plan:
// plan itself when given (a stale apply), else a fresh preview.
func (s *Server) renderRosterPlan(c echo.Context, v adminview.RosterView, data []byte, plan *roster.Plan) error {
	f, errs := roster.Parse(bytes.NewReader(data))
	if len(errs) > 0 {
		v.Errors = errs
		return s.render(c, http.StatusUnprocessableEntity, adminview.RosterPage(v))
	}
	status := http.StatusOK
	if plan == nil {
		var err error
		if plan, err = s.roster.Preview(c.Request().Context(), f, roster.Options{DeactivateMissing: v.DeactivateMissing}); err != nil {
			return err
		}
	} else {
		v.Stale, status = true, http.StatusConflict
	}
	v.Plan = plan
	v.Payload, v.Digest = base64.StdEncoding.EncodeToString(data), digest(data)
	return s.render(c, status, adminview.RosterPage(v))
}

// digest is the hex SHA-256 of data.
func digest(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}
