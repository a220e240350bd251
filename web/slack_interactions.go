package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/slack-go/slack"

	"github.com/devpulse/devpulse/internal/pulse"
)

// receiveSlack takes Slack's interaction requests (rating button presses).
// The v0 signature over timestamp and body is checked with the signing
// secret, and requests older than five minutes are refused, before
// anything is read from the payload; a bad one stores nothing.
func (s *Server) receiveSlack(c echo.Context) error {
	body, err := io.ReadAll(io.LimitReader(c.Request().Body, 1<<20))
	if err != nil {
		return err
	}
	secret := s.deps.Config.SlackSigningSecret
	sv, err := slack.NewSecretsVerifier(c.Request().Header, secret)
	if err == nil && secret != "" {
		_, _ = sv.Write(body)
		err = sv.Ensure()
	}
	if err != nil || secret == "" {
		return c.JSON(http.StatusUnauthorized, map[string]string{"error": "The Slack request signature is missing, too old or does not match DEVPULSE_SLACK_SIGNING_SECRET."})
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return c.JSON(http.StatusBadRequest, map[string]string{"error": "The body is not a form."})
	}
	var cb slack.InteractionCallback
	if err := json.NewDecoder(bytes.NewReader([]byte(form.Get("payload")))).Decode(&cb); err != nil {
		return c.JSON(http.StatusBadRequest, map[string]string{"error": "The payload is not Slack's interaction JSON."})
	}
	for _, act := range cb.ActionCallback.BlockActions {
		if !strings.HasPrefix(act.ActionID, pulse.SlackActionID) {
			continue
		}
		askPart, ratingPart, _ := strings.Cut(act.Value, ":")
		askID, _ := strconv.ParseInt(askPart, 10, 64)
		rating, _ := strconv.Atoi(ratingPart)
		err := s.pulse.svc.AnswerFromSlack(c.Request().Context(), askID, cb.User.ID, rating)
		switch {
		case errors.Is(err, pulse.ErrSlackUpdate):
			s.deps.Logger.Warn("slack message not updated", "error", err)
		case errors.Is(err, pulse.ErrClosed), errors.Is(err, pulse.ErrNotFound), errors.Is(err, pulse.ErrInvalid):
			return c.JSON(http.StatusOK, map[string]any{"response_type": "ephemeral", "replace_original": false,
				"text": "This question was already answered or has expired."})
		case err != nil:
			return err
		}
	}
	return c.NoContent(http.StatusOK)
}
