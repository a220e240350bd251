package web

import (
	"errors"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/survey"
)

// setResultsSharing holds a snapshot's results back from the people who
// were invited until it is published (hold=true), or shares them at close.
func (s *Server) setResultsSharing(c echo.Context) error {
	snap, err := s.snapshotParam(c)
	if err != nil {
		return err
	}
	var hold bool
	switch c.FormValue("hold") {
	case "true":
		hold = true
	case "false":
	default:
		return s.redirectWith(c, snapshotPath(snap.ID), flashError, i18n.T(c.Request().Context(), "admin.flash.sharing_choose"))
	}
	err = s.surveys.SetHoldResults(c.Request().Context(), snap.ID, hold, principal(c).Actor())
	if errors.Is(err, survey.ErrState) {
		return s.refuseTransition(c, snap.ID)
	}
	if err != nil {
		return err
	}
	msg := i18n.T(c.Request().Context(), "admin.flash.shared")
	if hold {
		msg = i18n.T(c.Request().Context(), "admin.flash.held")
	}
	return s.redirectWith(c, snapshotPath(snap.ID), flashOK, msg)
}
