package web

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"mime"
	"net/http"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/pulse"
)

//go:embed widget/widget.js
var widgetJS []byte

// serveWidget serves the script internal tools embed.
func (s *Server) serveWidget(c echo.Context) error {
	c.Response().Header().Set("Cache-Control", "public, max-age=300")
	return c.Blob(http.StatusOK, "application/javascript; charset=utf-8", widgetJS)
}

// widgetCORS allows an allow-listed origin to call with credentials; any
// other origin gets no CORS headers, so its browser keeps the answer from it.
func (s *Server) widgetCORS(c echo.Context) bool {
	origin := c.Request().Header.Get(echo.HeaderOrigin)
	h := c.Response().Header()
	if !slices.Contains(h.Values(echo.HeaderVary), echo.HeaderOrigin) {
		h.Add(echo.HeaderVary, echo.HeaderOrigin)
	}
	if origin == "" || !slices.Contains(s.deps.Config.WidgetOriginList(), origin) {
		return false
	}
	h.Set(echo.HeaderAccessControlAllowOrigin, origin)
	h.Set(echo.HeaderAccessControlAllowCredentials, "true")
	return true
}

// widgetPre sets the CORS headers of every /widget/ request from an
// allow-listed origin.
func (s *Server) widgetPre(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if strings.HasPrefix(c.Request().URL.Path, "/widget/") {
			s.widgetCORS(c)
		}
		return next(c)
	}
}

// widgetAskJSON is the pending ask as the widget shows it.
type widgetAskJSON struct {
	ID        int64     `json:"id"`
	Programme string    `json:"programme"`
	Question  string    `json:"question"`
	Comment   string    `json:"comment,omitempty"`
	Ratings   [5]string `json:"ratings"`
	// Labels are the widget's own words in the reader's language.
	Labels map[string]string `json:"labels"`
}

// widgetAsk is a pending ask in the reader's language.
func widgetAsk(ctx context.Context, a pulse.AskView) widgetAskJSON {
	l := i18n.From(ctx)
	out := widgetAskJSON{ID: a.ID, Programme: a.Programme.Name, Question: a.Questions.Rating, Comment: a.Questions.Comment,
		Labels: map[string]string{}}
	for r := 1; r <= 5; r++ {
		out.Ratings[r-1] = pulse.RatingLabel(l, r)
	}
	for _, k := range []string{"optional", "not_now", "send", "failed", "unreachable"} {
		out.Labels[k] = l.T("pulse.widget." + k)
	}
	return out
}

// showWidgetAsk returns the signed-in person's newest pending ask, when
// they chose to be asked in the tools.
func (s *Server) showWidgetAsk(c echo.Context) error {
	if !s.widgetCORS(c) {
		return c.JSON(http.StatusForbidden, map[string]string{"error": "This origin is not in DEVPULSE_WIDGET_ORIGINS."})
	}
	p := principal(c)
	out := map[string]any{"ask": nil}
	if !p.IsPerson() {
		return c.JSON(http.StatusOK, out)
	}
	ctx := c.Request().Context()
	prefs, err := s.pulse.svc.PrefsOf(ctx, p.PersonID)
	if err != nil {
		return err
	}
	if pulse.Channel(prefs.Channel) != pulse.ChanTools {
		return c.JSON(http.StatusOK, out)
	}
	pending, err := s.pulse.svc.Pending(ctx, p.PersonID)
	if err != nil {
		return err
	}
	if len(pending) > 0 {
		a := pending[0]
		out["ask"] = widgetAsk(ctx, a)
	}
	return c.JSON(http.StatusOK, out)
}

// preflightWidget answers the browser's CORS preflight of an answer.
func (s *Server) preflightWidget(c echo.Context) error {
	if !s.widgetCORS(c) {
		return c.NoContent(http.StatusForbidden)
	}
	h := c.Response().Header()
	h.Set(echo.HeaderAccessControlAllowMethods, http.MethodPost)
	h.Set(echo.HeaderAccessControlAllowHeaders, "Content-Type")
	h.Set(echo.HeaderAccessControlMaxAge, "600")
	return c.NoContent(http.StatusNoContent)
}

// answerWidget records an answer sent from the widget. In place of a CSRF
// token the request must come from an allow-listed origin with a JSON body:
// a browser sends that cross-origin only after a preflight this server
// approved, so no other site can post with the person's cookies.
func (s *Server) answerWidget(c echo.Context) error {
	if !s.widgetCORS(c) {
		return c.JSON(http.StatusForbidden, map[string]string{"error": "This origin is not in DEVPULSE_WIDGET_ORIGINS."})
	}
	if mt, _, _ := mime.ParseMediaType(c.Request().Header.Get(echo.HeaderContentType)); mt != echo.MIMEApplicationJSON {
		return c.JSON(http.StatusUnsupportedMediaType, map[string]string{"error": "Send the answer as JSON (Content-Type: application/json)."})
	}
	var in struct {
		AskID        int64  `json:"ask_id"`
		Rating       int    `json:"rating"`
		Comment      string `json:"comment"`
		Choice       string `json:"choice"`
		ShareContext bool   `json:"share_context"`
	}
	if err := json.NewDecoder(c.Request().Body).Decode(&in); err != nil {
		return c.JSON(http.StatusBadRequest, map[string]string{"error": "The answer could not be read."})
	}
	ctx := c.Request().Context()
	a, err := s.pulse.svc.AskOf(ctx, principal(c).PersonID, in.AskID)
	if errors.Is(err, pulse.ErrNotFound) {
		return c.JSON(http.StatusNotFound, map[string]string{"error": "This question is not yours or no longer exists."})
	}
	if err != nil {
		return err
	}
	_, err = s.pulse.svc.Answer(ctx, a.ID, pulse.Reply{Rating: in.Rating, Comment: in.Comment, Choice: in.Choice, ShareContext: in.ShareContext, Channel: string(pulse.ChanTools)})
	switch {
	case errors.Is(err, pulse.ErrInvalid):
		return c.JSON(http.StatusUnprocessableEntity, map[string]string{"error": answerMessage(err)})
	case errors.Is(err, pulse.ErrClosed):
		return c.JSON(http.StatusConflict, map[string]string{"error": i18n.T(ctx, "pulse.confirm.closed")})
	case err != nil:
		return err
	}
	return c.JSON(http.StatusOK, map[string]string{"message": i18n.T(ctx, "pulse.me.thanks")})
}
