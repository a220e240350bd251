package web

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/invite"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/templates/invitations"
)

// listInvitations shows a snapshot's invitation delivery: how many went
// out, and every failure with its reason and a retry button.
func (s *Server) listInvitations(c echo.Context) error {
	ctx := c.Request().Context()
	snaps, err := s.surveys.Snapshots(ctx)
	if err != nil {
		return err
	}
	view := invitations.View{Flash: s.takeFlash(c)}
	for _, snap := range snaps {
		if snap.State != survey.Draft && snap.State != survey.Scheduled {
			view.Snapshots = append(view.Snapshots, snap)
		}
	}
	if len(view.Snapshots) > 0 {
		view.Selected = view.Snapshots[0]
		if id, err := strconv.ParseInt(c.QueryParam("snapshot"), 10, 64); err == nil {
			for _, snap := range view.Snapshots {
				if snap.ID == id {
					view.Selected = snap
				}
			}
		}
		view.Status, view.Failures, err = invite.Deliveries(ctx, s.deps.DB, view.Selected.ID)
		if err != nil {
			return err
		}
	}
	return s.render(c, http.StatusOK, invitations.Page(view))
}

// retryInvitation queues a failed invitation to be sent again.
func (s *Server) retryInvitation(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	var snapID int64
	if err := s.deps.DB.WithContext(ctx).Table("invitations").Where("id = ?", id).Pluck("snapshot_id", &snapID).Error; err != nil {
		return err
	}
	if snapID == 0 {
		return echo.ErrNotFound
	}
	if err := invite.Retry(ctx, s.deps.DB, s.deps.Jobs, id); err != nil {
		return err
	}
	if err := s.audit.Record(ctx, nil, principal(c).Actor(), "invitation.retry", fmt.Sprintf("invitation %d", id), ""); err != nil {
		return err
	}
	s.setFlash(c, "Queued to be sent again. Refresh in a moment to see the result.")
	return seeOther(c, fmt.Sprintf("/admin/invitations?snapshot=%d", snapID))
}
