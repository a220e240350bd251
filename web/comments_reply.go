package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/input"
	"github.com/devpulse/devpulse/internal/threads"
	"github.com/devpulse/devpulse/templates/replies"
	"github.com/devpulse/devpulse/templates/teams"
)

// showCommentThread shows a comment that one of the reader's dashboards
// shows, with its thread and the reply form. Any other comment is 404.
func (s *Server) showCommentThread(c echo.Context) error {
	return s.renderCommentThread(c, http.StatusOK, "", input.Message{})
}

func (s *Server) renderCommentThread(c echo.Context, status int, draft string, problem input.Message) error {
	id, err := pathID(c, "comment")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	v, err := s.deps.Services.Threads.ForStaff(ctx, replier(c), id)
	if err != nil {
		return err
	}
	cs, err := s.replyComments(ctx, []threads.View{v})
	if err != nil {
		return err
	}
	cs[0].Draft, cs[0].Error = draft, problem
	return s.render(c, status, replies.Show(replies.StaffView{Comment: cs[0], Flash: s.takeFlash(c)}))
}

// replyToComment sends the reader's reply to the comment's author.
func (s *Server) replyToComment(c echo.Context) error {
	id, err := pathID(c, "comment")
	if err != nil {
		return err
	}
	body := c.FormValue("body")
	err = s.deps.Services.Threads.Reply(c.Request().Context(), replier(c), id, body)
	var fe threads.FieldErrors
	if errors.As(err, &fe) {
		return s.renderCommentThread(c, http.StatusUnprocessableEntity, body, fe["body"])
	}
	if err != nil {
		return err
	}
	s.setFlash(c, i18n.T(c.Request().Context(), "board.reply.sent"))
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/comments/%d", id))
}

// replier is the signed-in lead, executive or admin as a replier.
func replier(c echo.Context) threads.Replier {
	p := principal(c)
	return threads.Replier{PersonID: p.PersonID, Actor: p.Actor(), CanSee: p.CanSeeTeam}
}

// replyComments gives threads their drivers' names for the pages.
func (s *Server) replyComments(ctx context.Context, vs []threads.View) ([]replies.Comment, error) {
	var keys []string
	for _, v := range vs {
		if v.DriverKey != "" {
			keys = append(keys, v.DriverKey)
		}
	}
	names, err := s.surveys.DriverNames(ctx, keys)
	if err != nil {
		return nil, err
	}
	out := make([]replies.Comment, len(vs))
	for i, v := range vs {
		out[i] = replies.Comment{Thread: v, Driver: names[v.DriverKey]}
	}
	return out, nil
}

// threadSummaries adds what the comments' threads hold to a dashboard
// whose reader may reply.
func (s *Server) threadSummaries(ctx context.Context, v *teams.DashboardView) error {
	if !v.CanReply || len(v.Dash.Comments) == 0 {
		return nil
	}
	ids := make([]int64, len(v.Dash.Comments))
	for i, c := range v.Dash.Comments {
		ids[i] = c.ID
	}
	var err error
	v.Threads, err = s.deps.Services.Threads.Summaries(ctx, ids)
	return err
}
