package web

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/pulse"
	pulseviews "github.com/devpulse/devpulse/templates/pulse"
)

// listProgrammes shows every programme and the form for a new one.
func (s *Server) listProgrammes(c echo.Context) error {
	form := pulseviews.ProgrammeForm{Sample: "20", Delay: "30", Expiry: "72", Errors: map[string]string{}}
	return s.renderProgrammes(c, http.StatusOK, form, s.takeFlash(c))
}

func (s *Server) renderProgrammes(c echo.Context, status int, form pulseviews.ProgrammeForm, flash string) error {
	v, err := s.programmesView(c)
	if err != nil {
		return err
	}
	v.Form, v.Flash = form, flash
	return s.render(c, status, pulseviews.ProgrammesPage(v))
}

// createProgramme saves a new programme from the form (or replaces the one
// with the same key).
func (s *Server) createProgramme(c echo.Context) error {
	form := programmeFormFrom(c)
	p, err := s.saveProgrammeForm(c.Request().Context(), &form, principal(c).Actor())
	if errors.Is(err, pulse.ErrInvalid) {
		return s.renderProgrammes(c, http.StatusUnprocessableEntity, form, "")
	}
	if err != nil {
		return err
	}
	s.recordPulse(c, "pulse.programme.save", p)
	s.setFlash(c, i18n.T(c.Request().Context(), "pulsepages.flash.saved", "Name", p.Name))
	return seeOther(c, "/admin/pulse")
}

// editProgramme shows one programme's form.
func (s *Server) editProgramme(c echo.Context) error {
	p, err := s.programmeParam(c)
	if err != nil {
		return err
	}
	v, err := s.programmesView(c)
	if err != nil {
		return err
	}
	v.EditID, v.Form = p.ID, definitionForm(p.Definition(s.teamPath(c, p.OwnerTeamID)))
	return s.render(c, http.StatusOK, pulseviews.ProgrammeEditPage(v))
}

// updateProgramme saves one programme's form; the key stays.
func (s *Server) updateProgramme(c echo.Context) error {
	p, err := s.programmeParam(c)
	if err != nil {
		return err
	}
	form := programmeFormFrom(c)
	form.Key = p.Key
	saved, err := s.saveProgrammeForm(c.Request().Context(), &form, principal(c).Actor())
	if errors.Is(err, pulse.ErrInvalid) {
		v, verr := s.programmesView(c)
		if verr != nil {
			return verr
		}
		v.EditID, v.Form = p.ID, form
		return s.render(c, http.StatusUnprocessableEntity, pulseviews.ProgrammeEditPage(v))
	}
	if err != nil {
		return err
	}
	s.recordPulse(c, "pulse.programme.save", saved)
	s.setFlash(c, i18n.T(c.Request().Context(), "pulsepages.flash.saved", "Name", saved.Name))
	return seeOther(c, "/admin/pulse")
}

// pauseProgramme pauses or resumes a programme.
func (s *Server) pauseProgramme(c echo.Context) error {
	p, err := s.programmeParam(c)
	if err != nil {
		return err
	}
	paused := c.FormValue("paused") == "true"
	if err := s.pulse.svc.SetPaused(c.Request().Context(), p.ID, paused); err != nil {
		return err
	}
	ctx := c.Request().Context()
	action, msg := "pulse.programme.resume", i18n.T(ctx, "pulsepages.flash.resumed", "Name", p.Name)
	if paused {
		action, msg = "pulse.programme.pause", i18n.T(ctx, "pulsepages.flash.paused", "Name", p.Name)
	}
	s.recordPulse(c, action, p)
	s.setFlash(c, msg)
	return seeOther(c, "/admin/pulse")
}

func (s *Server) programmeParam(c echo.Context) (pulse.Programme, error) {
	return byPathID(c, s.pulse.svc.Programme)
}

func (s *Server) recordPulse(c echo.Context, action string, p pulse.Programme) {
	if err := s.audit.Record(c.Request().Context(), nil, principal(c).Actor(), action, "pulse programme "+p.Key, p.Name); err != nil {
		s.deps.Logger.Error("audit", "action", action, "error", err)
	}
}
