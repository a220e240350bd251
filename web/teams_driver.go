package web

import (
	"context"
	"net/http"
	"slices"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/readout"
	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/templates/teams"
)

// showTeamDriver shows one driver of a team: its history, answers,
// segments and comments. The route's rule is the team dashboard's; every
// number comes from the same results.Dashboard, so the same
// confidentiality decisions hold.
func (s *Server) showTeamDriver(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := pathID(c, "team")
	if err != nil {
		return err
	}
	team, err := s.dir.Team(ctx, id)
	if err != nil {
		return err
	}
	all, err := s.dir.Teams(ctx)
	if err != nil {
		return err
	}
	asRespondent := principal(c).ReadsAsRespondent(team.ID)
	q := results.Query{TeamID: team.ID, Teams: all, CommentDriver: c.Param("driver"), Shared: asRespondent}
	if q.SnapshotID, _, err = queryID(c, "snapshot"); err != nil {
		return err
	}
	d, err := s.results.Dashboard(ctx, q)
	if err != nil {
		return err
	}
	if err := s.localizeDashboard(ctx, &d); err != nil {
		return err
	}
	row, ok := driverRow(d, q.CommentDriver)
	if !ok {
		return echo.ErrNotFound
	}
	v := teams.DriverView{Team: team, Key: row.Key, Name: row.Name, Dash: d, Row: row, CanReply: !asRespondent}
	l := i18n.From(ctx)
	v.Headline, _ = readout.Headline(l, row, readout.Since(l, d))
	if d.View.IsShown() {
		if v.History, err = s.driverHistory(ctx, q, d); err != nil {
			return err
		}
		if v.Segments, err = s.driverSegments(ctx, q, d); err != nil {
			return err
		}
	}
	if err := s.driverThreads(ctx, &v, asRespondent); err != nil {
		return err
	}
	return s.render(c, http.StatusOK, teams.DriverPage(v))
}

// driverRow finds a driver (or overall satisfaction) in a dashboard; not
// ok when nothing has closed or the snapshot did not ask about it.
func driverRow(d results.Dashboard, key string) (results.DriverRow, bool) {
	if d.Overall != nil && d.Overall.Key == key {
		return *d.Overall, true
	}
	for _, r := range d.Drivers {
		if r.Key == key {
			return r, true
		}
	}
	return results.DriverRow{}, false
}

// driverHistory is the driver in every snapshot of d's trend, newest
// first: each read as that snapshot's dashboard, so its score, change and
// comments are shown exactly when that dashboard would show them.
func (s *Server) driverHistory(ctx context.Context, q results.Query, d results.Dashboard) ([]teams.DriverPoint, error) {
	var out []teams.DriverPoint
	for _, p := range slices.Backward(d.Trend) {
		snap := d
		if p.Snapshot.ID != d.Snapshot.ID {
			q.SnapshotID = p.Snapshot.ID
			var err error
			if snap, err = s.results.Dashboard(ctx, q); err != nil {
				return nil, err
			}
		}
		point := teams.DriverPoint{Snapshot: snap.Snapshot, View: snap.View}
		if snap.View.IsShown() {
			point.Row, _ = driverRow(snap, q.CommentDriver)
			point.Comments, point.CommentTotal = snap.Comments, snap.CommentTotal
		}
		out = append(out, point)
	}
	return out, nil
}

// driverSegments breaks the driver down by every value of every segment
// the team's dashboard offers as a filter: each value is the dashboard
// under that filter, so a value shows a score exactly when the filtered
// dashboard would.
func (s *Server) driverSegments(ctx context.Context, q results.Query, d results.Dashboard) ([]teams.SegmentBreakdown, error) {
	q.SnapshotID = d.Snapshot.ID
	var out []teams.SegmentBreakdown
	for _, seg := range results.Segments {
		b := teams.SegmentBreakdown{Key: seg.Key, Label: seg.Label}
		for _, o := range d.Options[seg.Key] {
			val := teams.SegmentValue{Value: o.Value}
			if o.Shown {
				q.Filter = results.Filter{Segment: seg.Key, Value: o.Value}
				f, err := s.results.Dashboard(ctx, q)
				if err != nil {
					return nil, err
				}
				val.Shown = f.View.IsShown()
				if val.Shown {
					val.Row, _ = driverRow(f, q.CommentDriver)
				}
			}
			b.Values = append(b.Values, val)
		}
		if len(b.Values) > 0 {
			out = append(out, b)
		}
	}
	return out, nil
}

// driverThreads readies the driver page's comments for its reader: a team
// member reading as a respondent sees no author names (as on the
// dashboard); those who may reply see each thread's summary.
func (s *Server) driverThreads(ctx context.Context, v *teams.DriverView, asRespondent bool) error {
	var ids []int64
	for i := range v.History {
		for j := range v.History[i].Comments {
			c := &v.History[i].Comments[j]
			if asRespondent {
				c.AuthorName, c.AuthorEmail = "", ""
			}
			ids = append(ids, c.ID)
		}
	}
	if !v.CanReply || len(ids) == 0 {
		return nil
	}
	var err error
	v.Threads, err = s.deps.Services.Threads.Summaries(ctx, ids)
	return err
}
