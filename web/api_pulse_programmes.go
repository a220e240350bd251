package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/pulse"
)

// saveProgrammeAPI creates or replaces a programme from a JSON definition:
// 201 when created, 200 when the key existed, 422 with every field error.
func (s *Server) saveProgrammeAPI(c echo.Context) error {
	body, err := io.ReadAll(io.LimitReader(c.Request().Body, 1<<20))
	if err != nil {
		return err
	}
	var d pulse.Definition
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		return c.JSON(http.StatusBadRequest, map[string]string{"error": "The definition could not be read: " + err.Error() + "."})
	}
	p, created, err := s.pulse.svc.Save(c.Request().Context(), d, principal(c).Actor())
	var inv *pulse.InvalidError
	if errors.As(err, &inv) {
		return c.JSON(http.StatusUnprocessableEntity, map[string]any{"errors": inv.Errors, "message": "The programme was not saved: fix the fields listed."})
	}
	if err != nil {
		return err
	}
	s.recordPulse(c, "pulse.programme.save", p)
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	return c.JSON(status, map[string]any{"id": p.ID, "key": p.Key, "created": created})
}
