package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/board"
	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/input"
	boardview "github.com/devpulse/devpulse/templates/board"
)

// itemView reads an item's page for the signed-in person, with the
// drivers to choose from when they may choose the item's.
func (s *Server) itemView(c echo.Context, id int64) (boardview.ItemView, error) {
	page, err := s.board.Page(c.Request().Context(), id, boardActor(c))
	if err != nil {
		return boardview.ItemView{}, err
	}
	v := boardview.ItemView{Page: page}
	ctx := c.Request().Context()
	if (page.Mine || page.CanAnswer) && page.Item.Open() {
		if v.Drivers, err = s.board.Drivers(ctx); err != nil {
			return v, err
		}
	}
	if page.CanAnswer {
		v.Actions, err = s.board.Actions(ctx)
	}
	return v, err
}

// setFeedbackActions links the item to the action plans an owner chose.
func (s *Server) setFeedbackActions(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	err = s.boardChanges.SetActions(c.Request().Context(), boardActor(c), id, formIDs(c, "action"))
	if verr := invalid(err); verr != nil {
		return s.itemInvalid(c, id, func(v *boardview.ItemView) { v.ActionErrors = verr.Fields })
	}
	if err != nil {
		return err
	}
	s.setFlash(c, i18n.T(c.Request().Context(), "board.flash.actions"))
	return seeOther(c, itemPathOf(id, ""))
}

// setFeedbackDrivers saves the drivers the author or an owner chose.
func (s *Server) setFeedbackDrivers(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	err = s.boardChanges.SetDrivers(c.Request().Context(), boardActor(c), id, driverIDs(c))
	if verr := invalid(err); verr != nil {
		return s.itemInvalid(c, id, func(v *boardview.ItemView) { v.DriverErrors = verr.Fields })
	}
	if err != nil {
		return err
	}
	s.setFlash(c, i18n.T(c.Request().Context(), "board.flash.drivers"))
	return seeOther(c, itemPathOf(id, ""))
}

// invalid is err as a validation error, or nil when it is not one.
func invalid(err error) *board.ValidationError {
	var verr *board.ValidationError
	if errors.As(err, &verr) {
		return verr
	}
	return nil
}

// itemInvalid shows the item's page again (422) with what set adds: a
// failed form's messages beside its fields and what was typed.
func (s *Server) itemInvalid(c echo.Context, id int64, set func(*boardview.ItemView)) error {
	view, err := s.itemView(c, id)
	if err != nil {
		return err
	}
	set(&view)
	return s.render(c, http.StatusUnprocessableEntity, boardview.Show(view))
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
	if verr := invalid(err); verr != nil {
		return s.itemInvalid(c, id, func(v *boardview.ItemView) { v.StatusErrors, v.Reason, v.Choice = verr.Fields, reason, status })
	}
	if err != nil {
		return err
	}
	s.setFlash(c, i18n.T(c.Request().Context(), "board.flash.status"))
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
	if verr := invalid(err); verr != nil {
		return s.itemInvalid(c, id, func(v *boardview.ItemView) { v.CommentErrors, v.Comment = verr.Fields, body })
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
		err = &board.ValidationError{Fields: map[string]input.Message{"into": input.M("board.invalid.merge_number")}}
	} else {
		err = s.boardChanges.Merge(c.Request().Context(), boardActor(c), id, into)
	}
	if errors.Is(err, board.ErrNotFound) {
		err = &board.ValidationError{Fields: map[string]input.Message{"into": input.M("board.invalid.merge_unknown")}}
	}
	if verr := invalid(err); verr != nil {
		return s.itemInvalid(c, id, func(v *boardview.ItemView) { v.MergeErrors = verr.Fields })
	}
	if err != nil {
		return err
	}
	s.setFlash(c, i18n.T(c.Request().Context(), "board.flash.merged"))
	return seeOther(c, itemPathOf(into, ""))
}
