package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/pulse"
	pulseviews "github.com/devpulse/devpulse/templates/pulse"
)

// showPulseWeekly is a programme's weekly view for its owning team (and
// leads above it, executives and admins), under the minimum group size.
func (s *Server) showPulseWeekly(c echo.Context) error {
	ctx := c.Request().Context()
	teamID, _ := strconv.ParseInt(c.Param("team"), 10, 64)
	progID, _ := strconv.ParseInt(c.Param("programme"), 10, 64)
	p, err := s.pulse.svc.Programme(ctx, progID)
	if errors.Is(err, pulse.ErrNotFound) || (err == nil && p.OwnerTeamID != teamID) {
		return echo.ErrNotFound
	}
	if err != nil {
		return err
	}
	k := s.deps.Config.K()
	weeks, err := s.pulse.svc.Weekly(ctx, p.ID, k)
	if err != nil {
		return err
	}
	v := pulseviews.WeeklyView{Programme: p.Name, Team: s.teamPath(c, teamID), TeamID: teamID,
		Question: p.ParsedQuestions().Rating, K: k, Weeks: weeks}
	return s.render(c, http.StatusOK, pulseviews.WeeklyPage(v))
}
