package web

import (
	"bytes"
	"encoding/base64"
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/roster"
	adminview "github.com/devpulse/devpulse/templates/admin"
)

// applyRoster applies the file the preview showed, carried back in the
// form. It checks the file again and refuses when the directory changed
// since the preview, showing the new preview instead.
func (s *Server) applyRoster(c echo.Context) error {
	v := adminview.RosterView{
		DeactivateMissing: c.FormValue("deactivate_missing") == "true",
		FileName:          c.FormValue("filename"),
		MaxMB:             maxRosterBytes >> 20,
	}
	data, err := base64.StdEncoding.DecodeString(c.FormValue("csv"))
	if err != nil || len(data) == 0 || len(data) > maxRosterBytes || digest(data) != c.FormValue("sha256") {
		v.FormError = i18n.T(c.Request().Context(), "directory.csv.not_intact")
		return s.render(c, http.StatusUnprocessableEntity, adminview.RosterPage(v))
	}
	f, errs := roster.Parse(bytes.NewReader(data))
	if len(errs) > 0 {
		v.Errors = errs
		return s.render(c, http.StatusUnprocessableEntity, adminview.RosterPage(v))
	}
	opts := roster.Options{DeactivateMissing: v.DeactivateMissing, Expect: c.FormValue("expect")}
	plan, err := s.roster.Apply(c.Request().Context(), f, opts, principal(c).Actor())
	if errors.Is(err, roster.ErrStale) {
		return s.renderRosterPlan(c, v, data, plan)
	}
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/admin/roster?"+rosterDoneQuery(plan))
}
