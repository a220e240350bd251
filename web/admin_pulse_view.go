package web

import (
	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/survey"
	pulseviews "github.com/devpulse/devpulse/templates/pulse"
)

// programmesView builds the programme list with the teams and drivers the
// form chooses from.
func (s *Server) programmesView(c echo.Context) (pulseviews.ProgrammesView, error) {
	ctx := c.Request().Context()
	var v pulseviews.ProgrammesView
	teams, err := s.dir.Teams(ctx)
	if err != nil {
		return v, err
	}
	paths := map[int64]string{}
	v.Teams = append(v.Teams, pulseviews.Option{Value: "", Label: i18n.T(ctx, "pulsepages.choose_team")})
	for _, t := range teams {
		paths[t.ID] = t.Path
		v.Teams = append(v.Teams, pulseviews.Option{Value: t.Path, Label: t.Path})
	}
	var drivers []survey.Driver
	if err := s.deps.DB.WithContext(ctx).Where("retired_at IS NULL").Order("position, name").Find(&drivers).Error; err != nil {
		return v, err
	}
	v.Drivers = append(v.Drivers, pulseviews.Option{Value: "", Label: i18n.T(ctx, "pulsepages.no_driver")})
	for _, d := range drivers {
		v.Drivers = append(v.Drivers, pulseviews.Option{Value: d.Key, Label: d.Name})
	}
	progs, err := s.pulse.svc.Programmes(ctx)
	if err != nil {
		return v, err
	}
	now := s.pulse.svc.Now()
	for _, p := range progs {
		trigger := p.EventType
		if c := p.ParsedConditions(); c.Repository != "" || c.Label != "" || len(c.Equals) > 0 {
			trigger = i18n.T(ctx, "pulsepages.with_conditions", "Type", trigger)
		}
		v.Rows = append(v.Rows, pulseviews.ProgrammeRow{ID: p.ID, Key: p.Key, Name: p.Name, OwnerTeam: paths[p.OwnerTeamID], OwnerTeamID: p.OwnerTeamID,
			Trigger: trigger, Sample: p.SamplePercent, Paused: p.Paused, Active: p.Active(now)})
	}
	return v, nil
}

// teamPath names a team by its path ("" when unknown).
func (s *Server) teamPath(c echo.Context, id int64) string {
	teams, err := s.dir.Teams(c.Request().Context())
	if err != nil {
		return ""
	}
	for _, t := range teams {
		if t.ID == id {
			return t.Path
		}
	}
	return ""
}
