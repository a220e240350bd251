package web

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/survey"
)

// apiSnapshot is a snapshot in the JSON API. Times are RFC 3339 in UTC;
// time_zone says where the schedule was set.
type apiSnapshot struct {
	ID       int64   `json:"id"`
	Title    string  `json:"title"`
	State    string  `json:"state"`
	TimeZone string  `json:"time_zone"`
	OpensAt  *string `json:"opens_at"`
	ClosesAt *string `json:"closes_at"`
}

func toAPISnapshot(s survey.Snapshot) apiSnapshot {
	return apiSnapshot{ID: s.ID, Title: s.Title, State: s.State, TimeZone: s.TimeZone, OpensAt: rfc3339(s.OpensAt), ClosesAt: rfc3339(s.ClosesAt)}
}

func rfc3339(t *time.Time) *string {
	if t == nil {
		return nil
	}
	v := t.UTC().Format(time.RFC3339)
	return &v
}

// apiListSnapshots answers GET /api/v1/snapshots: every snapshot, newest first.
func (s *Server) apiListSnapshots(c echo.Context) error {
	snaps, err := s.surveys.Snapshots(c.Request().Context())
	if err != nil {
		return err
	}
	out := make([]apiSnapshot, 0, len(snaps))
	for _, sn := range snaps {
		out = append(out, toAPISnapshot(sn))
	}
	return c.JSON(http.StatusOK, map[string]any{"snapshots": out})
}
