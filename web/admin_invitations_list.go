package web

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/i18n"
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
		if view.Selected, err = selectSnapshot(c, view.Snapshots); err != nil {
			return err
		}
		view.Status, view.Failures, err = s.inviter.Deliveries(ctx, view.Selected.ID)
		if err != nil {
			return err
		}
	}
	return s.render(c, http.StatusOK, invitations.Page(view))
}

// retryInvitation queues a failed invitation to be sent again.
func (s *Server) retryInvitation(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	snapID, err := s.inviter.Retry(c.Request().Context(), principal(c).Actor(), id)
	if err != nil {
		return err
	}
	s.setFlash(c, i18n.T(c.Request().Context(), "directory.invitations.queued"))
	return seeOther(c, fmt.Sprintf("/admin/invitations?snapshot=%d", snapID))
}
