package web

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/actions"
)

// apiAction is an action as the API lists it.
type apiAction struct {
	ID         int64             `json:"id"`
	TeamID     *int64            `json:"team_id"`
	Team       string            `json:"team"`
	Title      string            `json:"title"`
	Owner      string            `json:"owner"`
	Status     actions.Status    `json:"status"`
	Reason     string            `json:"reason"`
	TargetDate string            `json:"target_date"`
	Drivers    []apiActionDriver `json:"drivers"`
	Updates    []apiActionUpdate `json:"updates"`
	CreatedAt  time.Time         `json:"created_at"`
	UpdatedAt  time.Time         `json:"updated_at"`
}

type apiActionDriver struct {
	Key  string `json:"key"`
	Name string `json:"name"`
}

type apiActionUpdate struct {
	Date   time.Time      `json:"date"`
	Text   string         `json:"text"`
	Status actions.Status `json:"status,omitempty"`
}

// apiListActions lists the actions of every team and the organisation,
// filtered by ?team_id=, ?driver= and ?status=, with drivers and updates.
func (s *Server) apiListActions(c echo.Context) error {
	ctx := c.Request().Context()
	f, err := actionFilter(c)
	if err != nil {
		return err
	}
	as, err := s.visibleActions(ctx, principal(c), f)
	if err != nil {
		return err
	}
	_, names, err := s.driverChoices(ctx)
	if err != nil {
		return err
	}
	out := make([]apiAction, 0, len(as))
	for _, a := range as {
		j := apiAction{ID: a.ID, TeamID: a.TeamID, Team: a.Scope(), Title: a.Title, Owner: a.OwnerName, Status: a.Status,
			Reason: a.Reason, TargetDate: a.TargetDate, Drivers: []apiActionDriver{}, Updates: []apiActionUpdate{},
			CreatedAt: a.CreatedAt.UTC(), UpdatedAt: a.UpdatedAt.UTC()}
		for _, k := range a.Drivers {
			j.Drivers = append(j.Drivers, apiActionDriver{Key: k, Name: names[k]})
		}
		for _, u := range a.Updates {
			j.Updates = append(j.Updates, apiActionUpdate{Date: u.CreatedAt.UTC(), Text: u.Body, Status: u.Status})
		}
		out = append(out, j)
	}
	return c.JSON(http.StatusOK, map[string]any{"actions": out})
}
