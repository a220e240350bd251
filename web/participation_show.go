package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/responses"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/templates/participation"
)

// showParticipation shows invited and submitted counts per team for one
// snapshot: every team for executives and admins, a lead's subtrees
// otherwise. Counts and rates only, so it is shown live while open.
func (s *Server) showParticipation(c echo.Context) error {
	ctx := c.Request().Context()
	p := principal(c)
	snaps, err := s.surveys.Snapshots(ctx)
	if err != nil {
		return err
	}
	view := participation.View{K: s.results.Threshold()}
	for _, snap := range snaps {
		if snap.State != survey.Draft && snap.State != survey.Scheduled {
			view.Snapshots = append(view.Snapshots, snap)
		}
	}
	if len(view.Snapshots) == 0 {
		return s.render(c, http.StatusOK, participation.Page(view))
	}
	if view.Selected, err = selectSnapshot(c, view.Snapshots); err != nil {
		return err
	}
	counts, err := s.responses.Participation(ctx, view.Selected.ID)
	if err != nil {
		return err
	}
	var visible map[int64]bool
	if !p.AllTeams() {
		visible = p.Visible
	}
	nodes, err := s.teamTree(c, visible)
	if err != nil {
		return err
	}
	view.Rows, view.Total = participationRows(nodes, counts, visible)
	return s.render(c, http.StatusOK, participation.Page(view))
}

// participationRows pairs each shown team with its own and its subtree's
// counts; the total covers what the reader may see.
func participationRows(nodes []directory.TreeNode, counts map[int64]responses.Count, visible map[int64]bool) ([]participation.Row, responses.Count) {
	rows := make([]participation.Row, len(nodes))
	var total responses.Count
	for i, n := range nodes {
		rows[i] = participation.Row{Node: n, Own: counts[n.Team.ID], Subtree: counts[n.Team.ID]}
		total = total.Add(counts[n.Team.ID])
	}
	// Nodes come depth-first, so a team's subtree is the run of deeper rows after it.
	for i := range rows {
		for j := i + 1; j < len(rows) && rows[j].Node.Level > rows[i].Node.Level; j++ {
			rows[i].Subtree = rows[i].Subtree.Add(rows[j].Own)
		}
	}
	if visible == nil {
		total = total.Add(counts[0]) // people without a team
	}
	return rows, total
}
