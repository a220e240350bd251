package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/events"
)

// maxEventsBody bounds one events request: 500 events of 16 KiB context
// would be 8 MB; real batches are far smaller.
const maxEventsBody = 8 << 20

// eventsAnswer is the JSON answer of the events API.
type eventsAnswer struct {
	Events    []events.Outcome    `json:"events,omitempty"`
	Errors    []events.FieldError `json:"errors,omitempty"`
	Message   string              `json:"message,omitempty"`
	ID        int64               `json:"id,omitempty"`
	Duplicate bool                `json:"duplicate,omitempty"`
	Matched   *bool               `json:"matched,omitempty"`
}

// createEvents takes one event, or a batch as {"events": [...]}.
func (s *Server) createEvents(c echo.Context) error {
	body, err := io.ReadAll(io.LimitReader(c.Request().Body, maxEventsBody+1))
	if err != nil {
		return err
	}
	if len(body) > maxEventsBody {
		return echo.NewHTTPError(http.StatusRequestEntityTooLarge, "The request is larger than 8 MB: send at most 500 events at a time.")
	}
	ins, single, err := parseEvents(body)
	if err != nil {
		return c.JSON(http.StatusBadRequest, eventsAnswer{Message: err.Error()})
	}
	out, err := s.pulse.events.Ingest(c.Request().Context(), events.SourceAPI, ins)
	return s.answerEvents(c, out, single, err)
}

// answerEvents writes 202 when anything was new, 200 when every event was
// a duplicate, 422 with every field error when the batch was refused.
func (s *Server) answerEvents(c echo.Context, out []events.Outcome, single bool, err error) error {
	var inv *events.InvalidError
	if errors.As(err, &inv) {
		return c.JSON(http.StatusUnprocessableEntity, eventsAnswer{Errors: inv.Errors,
			Message: "The events were refused and nothing was stored: fix the fields listed and send them again."})
	}
	if err != nil {
		return err
	}
	status := http.StatusOK
	for _, o := range out {
		if !o.Duplicate {
			status = http.StatusAccepted
		}
	}
	if single {
		matched := out[0].Matched
		return c.JSON(status, eventsAnswer{ID: out[0].ID, Duplicate: out[0].Duplicate, Matched: &matched})
	}
	return c.JSON(status, eventsAnswer{Events: out})
}

// parseEvents reads {"events": [...]} or one event object.
func parseEvents(body []byte) ([]events.Input, bool, error) {
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(body, &probe); err != nil {
		return nil, false, errors.New(`The body must be a JSON object: one event, or {"events": [...]}.`)
	}
	dec := func(raw []byte, v any) error {
		d := json.NewDecoder(bytes.NewReader(raw))
		d.DisallowUnknownFields()
		return d.Decode(v)
	}
	if _, ok := probe["events"]; ok {
		var batch struct {
			Events []events.Input `json:"events"`
		}
		if err := dec(body, &batch); err != nil {
			return nil, false, errors.New("The batch could not be read: " + err.Error() + `. Each event has type, person, key, occurred_at and context.`)
		}
		return batch.Events, false, nil
	}
	var one events.Input
	if err := dec(body, &one); err != nil {
		return nil, false, errors.New("The event could not be read: " + err.Error() + `. An event has type, person, key, occurred_at and context.`)
	}
	return []events.Input{one}, true, nil
}
