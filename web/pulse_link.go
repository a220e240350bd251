package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/pulse"
	pulseviews "github.com/devpulse/devpulse/templates/pulse"
)

// showPulseLink opens an emailed rating link. It records nothing: mail
// scanners follow links, so the person confirms on the page.
func (s *Server) showPulseLink(c echo.Context) error {
	v, err := s.linkView(c)
	if err != nil {
		return err
	}
	v.Ask.Preset, _ = strconv.Atoi(c.QueryParam("rating"))
	return s.render(c, http.StatusOK, pulseviews.ConfirmPage(v))
}

// answerPulseLink records the confirmed answer of an emailed link.
func (s *Server) answerPulseLink(c echo.Context) error {
	v, err := s.linkView(c)
	if err != nil || v.Closed != "" {
		if err == nil {
			return s.render(c, http.StatusConflict, pulseviews.ConfirmPage(v))
		}
		return err
	}
	_, err = s.pulse.svc.Answer(c.Request().Context(), v.Ask.ID, replyFrom(c, pulse.ChanEmail))
	switch {
	case errors.Is(err, pulse.ErrInvalid):
		v.Ask.Error = answerMessage(err)
		return s.render(c, http.StatusUnprocessableEntity, pulseviews.ConfirmPage(v))
	case errors.Is(err, pulse.ErrClosed):
		v.Closed = i18n.T(c.Request().Context(), "pulse.confirm.closed")
		return s.render(c, http.StatusConflict, pulseviews.ConfirmPage(v))
	case err != nil:
		return err
	}
	v.Done = true
	return s.render(c, http.StatusOK, pulseviews.ConfirmPage(v))
}

func (s *Server) linkView(c echo.Context) (pulseviews.ConfirmView, error) {
	token := c.Param("token")
	a, err := s.pulse.svc.AskByToken(c.Request().Context(), token)
	if err != nil {
		return pulseviews.ConfirmView{}, err
	}
	v := pulseviews.ConfirmView{Token: token, Ask: askCard(i18n.From(c.Request().Context()), a, s.pulse.svc.Now())}
	if !a.Answerable(s.pulse.svc.Now()) {
		v.Closed = i18n.T(c.Request().Context(), "pulse.confirm.closed")
	}
	return v, nil
}
