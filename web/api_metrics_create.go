package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/metrics"
)

// maxMetricsBody bounds one metrics request: 5,000 values of a few hundred
// bytes each.
const maxMetricsBody = 4 << 20

// metricsAnswer is the JSON answer of the metrics API.
type metricsAnswer struct {
	Stored   int               `json:"stored"`
	New      int               `json:"new"`
	Replaced int               `json:"replaced"`
	Errors   []metrics.Problem `json:"errors,omitempty"`
	Message  string            `json:"message,omitempty"`
}

// createMetricsAPI stores a batch of weekly team metrics: all of them, or
// (422) none with every problem listed by the value's index.
func (s *Server) createMetricsAPI(c echo.Context) error {
	body, err := io.ReadAll(io.LimitReader(c.Request().Body, maxMetricsBody+1))
	if err != nil {
		return err
	}
	if len(body) > maxMetricsBody {
		return echo.NewHTTPError(http.StatusRequestEntityTooLarge, "The request is larger than 4 MB: send at most 5000 metrics at a time.")
	}
	var batch struct {
		Metrics []metrics.Input `json:"metrics"`
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&batch); err != nil {
		return c.JSON(http.StatusBadRequest, metricsAnswer{Message: `The body could not be read: ` + err.Error() +
			`. Send {"metrics": [{"team": "Engineering/Platform/CI", "name": "flaky_test_rate", "week": "2026-W40", "value": 0.031, "unit": "ratio"}]}.`})
	}
	p, err := s.metrics.Ingest(c.Request().Context(), batch.Metrics, metrics.SourceAPI, principal(c).Actor())
	var inv *metrics.InvalidError
	if errors.As(err, &inv) {
		return c.JSON(http.StatusUnprocessableEntity, metricsAnswer{Errors: inv.Problems,
			Message: "The metrics were refused and nothing was stored: fix the values listed (index counts from 0) and send them again."})
	}
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, metricsAnswer{Stored: p.Values, New: p.New, Replaced: p.Replaced})
}
