package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/pulse"
	pulseviews "github.com/devpulse/devpulse/templates/pulse"
)

// showPulse is the signed-in person's pulse page.
func (s *Server) showPulse(c echo.Context) error {
	return s.renderPulse(c, http.StatusOK, s.takeFlash(c), 0, "")
}

func (s *Server) renderPulse(c echo.Context, status int, flash string, errAsk int64, errMsg string) error {
	ctx := c.Request().Context()
	id := principal(c).PersonID
	pending, err := s.pulse.svc.Pending(ctx, id)
	if err != nil {
		return err
	}
	history, err := s.pulse.svc.History(ctx, id, 50)
	if err != nil {
		return err
	}
	prefs, err := s.pulse.svc.PrefsOf(ctx, id)
	if err != nil {
		return err
	}
	b := s.pulse.svc.Budget()
	v := pulseviews.MeView{Frequency: prefs.Frequency, Channel: prefs.Channel, Flash: flash,
		BudgetText: i18n.T(ctx, "pulse.me.budget", "Days", b.MinDays, "PerQuarter", b.MaxPerQuarter, "Quiet", b.QuietDays)}
	v.Freqs = pulseOptions(ctx, "pulse.frequency.", pulse.FrequencyOptions())
	v.Channels = pulseOptions(ctx, "pulse.channel.", pulse.ChannelOptions())
	now := s.pulse.svc.Now()
	for _, a := range pending {
		card := askCard(i18n.From(ctx), a, now)
		if a.ID == errAsk {
			card.Error = errMsg
		}
		v.Pending = append(v.Pending, card)
	}
	for _, a := range history {
		v.History = append(v.History, askCard(i18n.From(ctx), a, now))
	}
	return s.render(c, status, pulseviews.MePage(v))
}

// pulseOptions are a settings list in the reader's language: each value's
// label is the catalog message prefix+value ("default" for "").
func pulseOptions(ctx context.Context, prefix string, opts []pulse.Option) []pulseviews.Option {
	out := make([]pulseviews.Option, len(opts))
	for i, o := range opts {
		key := o.Value
		if key == "" {
			key = "default"
		}
		out[i] = pulseviews.Option{Value: o.Value, Label: i18n.T(ctx, prefix+key)}
	}
	return out
}

// askCard is an ask as the person asked sees it (all of its context:
// it is their own), its moments in l's language.
func askCard(l *i18n.Localizer, a pulse.AskView, now time.Time) pulseviews.AskCard {
	card := pulseviews.AskCard{ID: a.ID, Programme: a.Programme.Name, Question: a.Questions.Rating, Comment: a.Questions.Comment,
		Choice: a.Questions.Choice, Expires: pulseviews.When(l, a.ExpiresAt), State: a.State, Context: pulse.ContextFields(a.Context, true)}
	if a.SentAt != nil {
		card.SentAt = pulseviews.When(l, *a.SentAt)
	}
	if a.Expired(now) {
		card.State = "expired"
	}
	if a.Answer != nil {
		card.Rating = a.Answer.Rating
	}
	return card
}

// savePulseSettings stores how often and where the person is asked.
func (s *Server) savePulseSettings(c echo.Context) error {
	err := s.pulse.svc.SetPrefs(c.Request().Context(), principal(c).PersonID, c.FormValue("frequency"), c.FormValue("channel"))
	if errors.Is(err, pulse.ErrInvalid) {
		return echo.NewHTTPError(http.StatusUnprocessableEntity, i18n.T(c.Request().Context(), "pulse.me.settings_invalid"))
	}
	if err != nil {
		return err
	}
	s.setFlash(c, i18n.T(c.Request().Context(), "pulse.me.saved"))
	return seeOther(c, "/pulse")
}

// answerAsk records the signed-in person's answer to one of their asks.
func (s *Server) answerAsk(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	a, err := s.pulse.svc.AskOf(ctx, principal(c).PersonID, id)
	if err != nil {
		return err
	}
	_, err = s.pulse.svc.Answer(ctx, a.ID, replyFrom(c, pulse.ChanPage))
	switch {
	case errors.Is(err, pulse.ErrInvalid):
		return s.renderPulse(c, http.StatusUnprocessableEntity, "", a.ID, answerMessage(err))
	case errors.Is(err, pulse.ErrClosed):
		s.setFlash(c, i18n.T(ctx, "pulse.me.closed"))
		return seeOther(c, "/pulse")
	case err != nil:
		return err
	}
	s.setFlash(c, i18n.T(ctx, "pulse.me.thanks"))
	return seeOther(c, "/pulse")
}

// replyFrom reads an answer form.
func replyFrom(c echo.Context, ch pulse.Channel) pulse.Reply {
	rating, _ := strconv.Atoi(c.FormValue("rating"))
	return pulse.Reply{Rating: rating, Comment: c.FormValue("comment"), Choice: c.FormValue("choice"),
		ShareContext: c.FormValue("share_context") == "true", Channel: string(ch)}
}

// answerMessage is a validation error as a sentence for people.
func answerMessage(err error) string {
	msg := strings.TrimPrefix(err.Error(), pulse.ErrInvalid.Error()+": ")
	return strings.ToUpper(msg[:1]) + msg[1:] + "."
}
