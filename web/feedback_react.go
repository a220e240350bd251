package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/board"
	boardview "github.com/devpulse/devpulse/templates/board"
	"github.com/devpulse/devpulse/templates/components"
)

// voteFeedback toggles the signed-in person's "me too" vote: htmx gets the
// vote box back, a plain form goes back to the item.
func (s *Server) voteFeedback(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if _, err := s.boardChanges.ToggleVote(c.Request().Context(), boardActor(c), id); err != nil {
		return err
	}
	if !isHTMX(c) {
		return seeOther(c, itemPathOf(id, ""))
	}
	view, err := s.itemView(c, id)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, boardview.VoteBox(view.Page))
}

// reactFeedback sets, changes or (the same type again) removes the
// person's reaction on an item.
func (s *Server) reactFeedback(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	return s.react(c, id, board.KindItem, id, itemPathOf(id, "/reactions"))
}

// reactComment is reactFeedback for a comment on the item.
func (s *Server) reactComment(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	cid, err := pathID(c, "comment")
	if err != nil {
		return err
	}
	cm, err := s.board.Comment(c.Request().Context(), cid)
	if err != nil {
		return err
	}
	if cm.ItemID != id {
		return board.ErrNotFound
	}
	return s.react(c, id, board.KindComment, cid, itemPathOf(id, "/comments/"+c.Param("comment")+"/reactions"))
}

func (s *Server) react(c echo.Context, itemID int64, kind board.ObjectKind, id int64, action string) error {
	ctx := c.Request().Context()
	by := boardActor(c)
	typ := board.ReactionType(c.FormValue("type"))
	if _, err := s.boardChanges.React(ctx, by, kind, id, typ, c.FormValue("anonymous") == "1"); err != nil {
		return err
	}
	if !isHTMX(c) {
		return seeOther(c, itemPathOf(itemID, ""))
	}
	rs, err := s.board.ReactionsOf(ctx, by.PersonID, kind, id)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, components.Reactions(components.ReactionsProps{R: rs, Action: action, CanReact: true}))
}
