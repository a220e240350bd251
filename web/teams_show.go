package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"golang.org/x/sync/errgroup"

	"github.com/devpulse/devpulse/internal/actions"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/readout"
	"github.com/devpulse/devpulse/internal/responses"
	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/internal/survey"
	actionviews "github.com/devpulse/devpulse/templates/actions"
	"github.com/devpulse/devpulse/templates/teams"
)

// showTeam shows one team: its path, leads, members and sub-teams. The
// route's rule has already checked the reader may see it.
func (s *Server) showTeam(c echo.Context) error { return s.renderTeam(c, http.StatusOK, goalInput{}) }

// renderTeam renders the team page with status, the goal form as entered.
func (s *Server) renderTeam(c echo.Context, status int, in goalInput) error {
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
	// The sub-team list and the dashboard read different tables: reading
	// them at once lets the database work while the other is assembled.
	var nodes []directory.TreeNode
	var dash teams.DashboardView
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) {
		nodes, err = s.tree(gctx, all, directory.Subtrees(all, []int64{team.ID}))
		return err
	})
	g.Go(func() (err error) {
		dash, err = s.dashboard(gctx, c, team.ID, all)
		if principal(c).ReadsAsRespondent(team.ID) {
			dash = respondentDashboard(dash)
		}
		return err
	})
	if err := g.Wait(); err != nil {
		return err
	}
	if len(nodes) == 0 {
		return echo.ErrNotFound
	}
	// Sub-teams keep their levels (1 and deeper), drawn as hanging below this team.
	p := principal(c)
	view := teams.ShowView{Node: nodes[0], Results: dash, ReadOnly: p.ReadsAsRespondent(team.ID)}
	view.SubTeams, view.FoldedSubTeams = teams.TopSubTeams(nodes[1:])
	view.Results.CanReply = !view.ReadOnly
	if err := s.threadSummaries(ctx, &view.Results); err != nil {
		return err
	}
	if view.Pulse, err = s.groupPulse(ctx, team.ID, all, p.ReadsAsRespondent(team.ID)); err != nil {
		return err
	}
	var subTeams []int64
	for _, n := range nodes[1:] {
		subTeams = append(subTeams, n.Team.ID)
	}
	if view.Metrics, err = s.teamMetrics(ctx, team.ID, subTeams, view.Results.Dash); err != nil {
		return err
	}
	if team.ParentID != nil && (p.CanSeeTeam(*team.ParentID) || p.MemberOf[*team.ParentID]) {
		parent, err := s.dir.Team(ctx, *team.ParentID)
		if err != nil {
			return err
		}
		view.Parent = &parent
	}
	if view.Results.Goals, err = s.goalsPanel(ctx, c, view.Results.Dash, in); err != nil {
		return err
	}
	view.Actions, err = s.actionsPanel(ctx, c, actions.Filter{TeamID: team.ID}, &team.ID,
		actionviews.Panel{Heading: i18n.T(ctx, "teams.actions"), TestID: "team-actions", Empty: i18n.T(ctx, "teams.actions.empty")})
	if err != nil {
		return err
	}
	return s.render(c, status, teams.Show(view))
}

// dashboard reads a team's results for the page, from the query string:
// snapshot, segment ("work_arrangement:remote"), and the comment filters
// driver and q. It reads c's request and nothing else of c, so it may run
// beside other work on the same request.
func (s *Server) dashboard(ctx context.Context, c echo.Context, teamID int64, all []directory.Team) (teams.DashboardView, error) {
	v := teams.DashboardView{
		Segment: c.QueryParam("segment"),
		Driver:  c.QueryParam("driver"),
		Search:  c.QueryParam("q"),
		Base:    teamPath(teamID), // also when a goal form posted elsewhere re-renders the page
	}
	q := results.Query{TeamID: teamID, Teams: all, CommentDriver: v.Driver, CommentSearch: v.Search,
		Shared: principal(c).ReadsAsRespondent(teamID)}
	var err error
	if q.SnapshotID, _, err = queryID(c, "snapshot"); err != nil {
		return v, err
	}
	if seg, value, ok := strings.Cut(v.Segment, ":"); ok && results.ValidSegment(seg) {
		q.Filter = results.Filter{Segment: seg, Value: value}
	} else {
		v.Segment = ""
	}
	d, err := s.results.Dashboard(ctx, q)
	if err != nil {
		return v, err
	}
	if err := s.placeSegmentBenchmarks(ctx, &d); err != nil {
		return v, err
	}
	if err := s.localizeDashboard(ctx, &d); err != nil {
		return v, err
	}
	l := i18n.From(ctx)
	v.Dash = d
	v.Findings = readout.Team(l, d)
	v.Trend = teams.TrendKey(d, c.QueryParam("trend"))
	v.TrendChart = trendChart(l, d, v.Trend)
	v.Open, err = s.openParticipation(ctx, directory.Subtrees(all, []int64{teamID}))
	return v, err
}

// openParticipation counts, for each open snapshot, the invitations and
// submissions of the given teams so far: counts only, as they may be
// shown while a snapshot is open.
func (s *Server) openParticipation(ctx context.Context, in map[int64]bool) ([]teams.OpenSnapshot, error) {
	snaps, err := s.surveys.Snapshots(ctx)
	if err != nil {
		return nil, err
	}
	var out []teams.OpenSnapshot
	for _, snap := range snaps {
		if snap.State != survey.Open {
			continue
		}
		counts, err := s.responses.Participation(ctx, snap.ID)
		if err != nil {
			return nil, err
		}
		var sum responses.Count
		for team, c := range counts {
			if in[team] {
				sum = sum.Add(c)
			}
		}
		out = append(out, teams.OpenSnapshot{Snapshot: snap, Count: sum, Live: s.results.Threshold().LiveParticipation(sum.Submitted, sum.Invited)})
	}
	return out, nil
}
