package web

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/goals"
	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/internal/survey"
)

// apiGoal is a team goal set after a snapshot, with its result in the
// next one when that has closed. Numbers are null where not shown.
type apiGoal struct {
	TeamID      int64   `json:"team_id"`
	Team        string  `json:"team"`
	DriverKey   string  `json:"driver_key"`
	Driver      string  `json:"driver"`
	Kind        string  `json:"kind"`
	Target      int     `json:"target"`
	Reason      string  `json:"reason"`
	Baseline    *int    `json:"baseline"`
	Result      *int    `json:"result"`
	Change      *int    `json:"change"`
	Significant *bool   `json:"significant"`
	Verdict     *string `json:"verdict"`
}

// apiSnapshotGoals lists the goals teams set after snapshot :id, judged
// by the next materialised snapshot once there is one (its org numbers,
// compared with :id, under the stored decisions).
func (s *Server) apiSnapshotGoals(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	o, err := s.results.Org(ctx, results.OrgQuery{SnapshotID: id})
	if errors.Is(err, survey.ErrNotFound) || (err == nil && o.Snapshot.ID != id) {
		return echo.ErrNotFound
	}
	if err != nil {
		return err
	}
	for i, snap := range o.Snapshots { // newest first: the one before id's is the next
		if snap.ID == id && i > 0 {
			if o, err = s.results.Org(ctx, results.OrgQuery{SnapshotID: o.Snapshots[i-1].ID, CompareID: id}); err != nil {
				return err
			}
		}
	}
	gs, err := s.deps.Services.Goals.ForSnapshots(ctx, id)
	if err != nil {
		return err
	}
	out := make([]apiGoal, 0, len(gs))
	for _, j := range goals.JudgeOrg(gs, o) {
		a := apiGoal{TeamID: j.TeamID, Team: j.TeamPath, DriverKey: j.DriverKey, Driver: j.DriverName, Kind: j.Kind,
			Target: j.Target, Reason: j.Reason, Baseline: optional(j.Baseline.Value, j.Baseline.OK)}
		if j.Judged.Judged {
			a.Result = optional(j.Now.Value, j.Now.OK)
			a.Change, a.Significant = optional(j.Change.Points, j.Change.OK), optional(j.Change.Significant, j.Change.OK)
			a.Verdict = &j.Verdict
		}
		out = append(out, a)
	}
	return c.JSON(http.StatusOK, map[string]any{"snapshot_id": id, "goals": out})
}
