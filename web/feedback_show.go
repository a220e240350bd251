package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/board"
	boardview "github.com/devpulse/devpulse/templates/board"
)

// itemView reads an item's page for the signed-in person.
func (s *Server) itemView(c echo.Context, id int64) (boardview.ItemView, error) {
	page, err := s.board.Page(c.Request().Context(), id, boardActor(c))
	return boardview.ItemView{Page: page}, err
}

// showFeedback shows one item.
func (s *Server) showFeedback(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	view, err := s.itemView(c, id)
	if err != nil {
		return err
	}
	view.Flash = s.takeFlash(c)
	return s.render(c, http.StatusOK, boardview.Show(view))
}

// setFeedbackStatus records the owners' answer; a missing reason comes
// back beside the field.
func (s *Server) setFeedbackStatus(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	reason, status := c.FormValue("reason"), board.Status(c.FormValue("status"))
	_, err = s.boardChanges.SetStatus(c.Request().Context(), boardActor(c), id, status, reason)
	var verr *board.ValidationError
	if errors.As(err, &verr) {
		view, err := s.itemView(c, id)
		if err != nil {
			return err
		}
		view.StatusErrors, view.Reason, view.Choice = verr.Fields, reason, status
		return s.render(c, http.StatusUnprocessableEntity, boardview.Show(view))
	}
	if err != nil {
		return err
	}
	s.setFlash(c, "Status set. The author and the voters will be told.")
	return seeOther(c, itemPathOf(id, ""))
}

// commentFeedback adds a comment to an item.
func (s *Server) commentFeedback(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	body := c.FormValue("body")
	_, err = s.boardChanges.AddComment(c.Request().Context(), boardActor(c), id, body, c.FormValue("anonymous") == "1")
	var verr *board.ValidationError
	if errors.As(err, &verr) {
		view, err := s.itemView(c, id)
		if err != nil {
			return err
		}
		view.CommentErrors, view.Comment = verr.Fields, body
		return s.render(c, http.StatusUnprocessableEntity, boardview.Show(view))
	}
	if err != nil {
		return err
	}
	return seeOther(c, itemPathOf(id, "#item-comments"))
}

// mergeFeedback folds this item into the one the form names; a bad
// number comes back beside the field.
func (s *Server) mergeFeedback(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	into, perr := strconv.ParseInt(strings.TrimPrefix(strings.TrimSpace(c.FormValue("into")), "#"), 10, 64)
	if perr != nil || into <= 0 {
		err = &board.ValidationError{Fields: map[string]string{"into": "Enter the number of the item to merge into, such as 12."}}
	} else {
		err = s.boardChanges.Merge(c.Request().Context(), boardActor(c), id, into)
	}
	var verr *board.ValidationError
	if errors.As(err, &verr) {
		view, err := s.itemView(c, id)
		if err != nil {
			return err
		}
		view.MergeErrors = verr.Fields
		return s.render(c, http.StatusUnprocessableEntity, boardview.Show(view))
	}
	if errors.Is(err, board.ErrNotFound) {
		return s.mergeNotFound(c, id)
	}
	if err != nil {
		return err
	}
	s.setFlash(c, "Merged. Its votes now count here.")
	return seeOther(c, itemPathOf(into, ""))
}

func (s *Server) mergeNotFound(c echo.Context, id int64) error {
	view, err := s.itemView(c, id)
	if err != nil {
		return err
	}
	view.MergeErrors = map[string]string{"into": "There is no item with that number."}
	return s.render(c, http.StatusUnprocessableEntity, boardview.Show(view))
}
