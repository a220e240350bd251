package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/survey"
	adminview "github.com/devpulse/devpulse/templates/admin"
)

// listSnapshots shows every snapshot with its state and schedule.
func (s *Server) listSnapshots(c echo.Context) error {
	ctx := c.Request().Context()
	snaps, err := s.surveys.Snapshots(ctx)
	if err != nil {
		return err
	}
	v := adminview.SnapshotListView{Flash: s.snapshotFlash(c)}
	for _, sn := range snaps {
		v.Snapshots = append(v.Snapshots, adminview.SnapshotRow{
			ID: sn.ID, Title: sn.Title, State: sn.State, TimeZone: sn.TimeZone,
			OpensAt: snapshotTime(ctx, sn.OpensAt, sn), ClosesAt: snapshotTime(ctx, sn.ClosesAt, sn),
		})
	}
	return s.render(c, http.StatusOK, adminview.SnapshotListPage(v))
}

// newSnapshot shows the form that starts a snapshot.
func (s *Server) newSnapshot(c echo.Context) error {
	v, err := s.snapshotNewView(c, adminview.SnapshotNewView{Start: survey.StartTemplate, TimeZone: "UTC"})
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, adminview.SnapshotNewPage(v))
}

// createSnapshot starts a draft and opens its builder.
func (s *Server) createSnapshot(c echo.Context) error {
	n := survey.NewSnapshot{Title: c.FormValue("title"), Start: c.FormValue("start"), TimeZone: c.FormValue("time_zone")}
	if n.Start == survey.StartCopy {
		n.CopyFrom, _ = strconv.ParseInt(c.FormValue("copy_from"), 10, 64)
	}
	snap, err := s.surveys.CreateSnapshot(c.Request().Context(), n, principal(c).Actor())
	var fe survey.Problems
	if errors.As(err, &fe) {
		v, err := s.snapshotNewView(c, adminview.SnapshotNewView{
			Title: n.Title, Start: n.Start, CopyFrom: c.FormValue("copy_from"), TimeZone: n.TimeZone, Errors: fe.In(c.Request().Context()),
		})
		if err != nil {
			return err
		}
		return s.render(c, http.StatusUnprocessableEntity, adminview.SnapshotNewPage(v))
	}
	if err != nil {
		return err
	}
	return s.redirectWith(c, fmt.Sprintf("/admin/snapshots/%d", snap.ID), flashOK, i18n.T(c.Request().Context(), "admin.snapshots.created", "Title", snap.Title))
}

func (s *Server) snapshotNewView(c echo.Context, v adminview.SnapshotNewView) (adminview.SnapshotNewView, error) {
	snaps, err := s.surveys.Snapshots(c.Request().Context())
	if err != nil {
		return v, err
	}
	for _, sn := range snaps {
		v.Earlier = append(v.Earlier, adminview.SnapshotOption{Value: strconv.FormatInt(sn.ID, 10), Label: sn.Title + " (" + strings.ToLower(i18n.T(c.Request().Context(), "admin.state."+sn.State)) + ")"})
	}
	v.Zones = zonesWith(v.TimeZone)
	return v, nil
}
