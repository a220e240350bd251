package web

import (
	"io"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/events"
)

// receiveGitHub takes GitHub's webhook: pull_request (merged),
// deployment_status (success or failure) and workflow_run (completed)
// become events. Unsigned or badly signed deliveries store nothing.
func (s *Server) receiveGitHub(c echo.Context) error {
	body, err := io.ReadAll(io.LimitReader(c.Request().Body, maxEventsBody+1))
	if err != nil {
		return err
	}
	if len(body) > maxEventsBody {
		return echo.NewHTTPError(http.StatusRequestEntityTooLarge, "The delivery is larger than 8 MB.")
	}
	h := c.Request().Header
	if !events.VerifyGitHub(s.deps.Config.GitHubWebhookSecret, h.Get("X-Hub-Signature-256"), body) {
		return c.JSON(http.StatusUnauthorized, map[string]string{"error": "The X-Hub-Signature-256 signature is missing or does not match DEVPULSE_GITHUB_WEBHOOK_SECRET."})
	}
	delivery := strings.TrimSpace(h.Get("X-GitHub-Delivery"))
	if delivery == "" {
		return c.JSON(http.StatusBadRequest, map[string]string{"error": "The X-GitHub-Delivery header is missing."})
	}
	in, ok, err := events.FromGitHub(h.Get("X-GitHub-Event"), delivery, body)
	if err != nil {
		return c.JSON(http.StatusBadRequest, map[string]string{"error": "The payload is not valid JSON."})
	}
	if !ok {
		return c.JSON(http.StatusOK, map[string]string{"message": "Nothing to record for this delivery."})
	}
	out, err := s.pulse.events.Ingest(c.Request().Context(), events.SourceGitHub, []events.Input{in})
	return s.answerEvents(c, out, true, err)
}
