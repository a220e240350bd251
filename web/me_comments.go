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
	"github.com/devpulse/devpulse/templates/pages"
	"github.com/devpulse/devpulse/templates/replies"
)

// showMyComments lists the signed-in person's own comments with replies.
func (s *Server) showMyComments(c echo.Context) error {
	return s.renderMyComments(c, http.StatusOK, 0, "", input.Message{})
}

// renderMyComments renders the page; failed is the comment whose answer
// form shows draft and problem.
func (s *Server) renderMyComments(c echo.Context, status int, failed int64, draft string, problem input.Message) error {
	ctx := c.Request().Context()
	vs, err := s.deps.Services.Threads.Mine(ctx, principal(c).PersonID)
	if err != nil {
		return err
	}
	cs, err := s.replyComments(ctx, vs)
	if err != nil {
		return err
	}
	for i := range cs {
		if cs[i].Thread.CommentID == failed {
			cs[i].Draft, cs[i].Error = draft, problem
		}
	}
	return s.render(c, status, replies.Mine(replies.MineView{Comments: cs, Flash: s.takeFlash(c)}))
}

// answerMyComment adds the author's answer, without their name.
func (s *Server) answerMyComment(c echo.Context) error {
	id, err := pathID(c, "comment")
	if err != nil {
		return err
	}
	body := c.FormValue("body")
	err = s.deps.Services.Threads.Answer(c.Request().Context(), principal(c).PersonID, id, body)
	var fe threads.FieldErrors
	if errors.As(err, &fe) {
		return s.renderMyComments(c, http.StatusUnprocessableEntity, id, body, fe["body"])
	}
	if err != nil {
		return err
	}
	s.setFlash(c, i18n.T(c.Request().Context(), "board.mine.answered"))
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/me/comments#comment-%d", id))
}

// deleteMyComment deletes the author's comment with its thread.
func (s *Server) deleteMyComment(c echo.Context) error {
	id, err := pathID(c, "comment")
	if err != nil {
		return err
	}
	if err := s.deps.Services.Threads.Delete(c.Request().Context(), principal(c).PersonID, id); err != nil {
		return err
	}
	s.setFlash(c, i18n.T(c.Request().Context(), "board.mine.deleted"))
	return c.Redirect(http.StatusSeeOther, "/me/comments")
}

// myComments is the home page's panel: nil until the person has a
// comment in results.
func (s *Server) myComments(ctx context.Context, personID int64) (*pages.MyComments, error) {
	n, replied, err := s.deps.Services.Threads.Replied(ctx, personID)
	if err != nil || n == 0 {
		return nil, err
	}
	return &pages.MyComments{Count: n, Replied: replied}, nil
}
