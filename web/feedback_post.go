package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/board"
	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/input"
	boardview "github.com/devpulse/devpulse/templates/board"
)

func itemInput(c echo.Context) board.ItemInput {
	tool, _ := strconv.ParseInt(c.FormValue("tool"), 10, 64)
	return board.ItemInput{ToolID: tool, Title: c.FormValue("title"), Description: c.FormValue("description"),
		Anonymous: c.FormValue("anonymous") == "1", DriverIDs: driverIDs(c)}
}

// driverIDs reads the form's checked drivers; what is not a number is
// dropped (the service refuses ids that name no driver).
func driverIDs(c echo.Context) []int64 { return formIDs(c, "driver") }

// formIDs reads the ids a form's checkboxes named name send; a value that
// is not an id is skipped (the service then reports what is missing).
func formIDs(c echo.Context, name string) []int64 {
	params, _ := c.FormParams()
	var ids []int64
	for _, raw := range params[name] {
		if id, err := strconv.ParseInt(raw, 10, 64); err == nil {
			ids = append(ids, id)
		}
	}
	return ids
}

// renderItemForm shows the post or edit form with status and messages; a
// new item's form shows the items similar to its title.
func (s *Server) renderItemForm(c echo.Context, status int, id int64, in board.ItemInput, errs map[string]input.Message) error {
	ctx := c.Request().Context()
	tools, err := s.board.Tools(ctx)
	if err != nil {
		return err
	}
	drivers, err := s.board.Drivers(ctx)
	if err != nil {
		return err
	}
	v := boardview.FormView{ID: id, Input: in, Tools: tools, Drivers: drivers, Errors: errs}
	if id == 0 {
		if v.Similar, err = s.board.Similar(ctx, in.Title); err != nil {
			return err
		}
	}
	return s.render(c, status, boardview.Form(v))
}

// similarFeedback is the duplicate hint: the open items like the title
// being typed (htmx asks as the person types; the form works without it).
func (s *Server) similarFeedback(c echo.Context) error {
	items, err := s.board.Similar(c.Request().Context(), c.QueryParam("title"))
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, boardview.Similar(items))
}

// newFeedback shows the empty post form.
func (s *Server) newFeedback(c echo.Context) error {
	return s.renderItemForm(c, http.StatusOK, 0, board.ItemInput{}, nil)
}

// postFeedback adds an item; bad input comes back with messages.
func (s *Server) postFeedback(c echo.Context) error {
	in := itemInput(c)
	it, err := s.boardChanges.Post(c.Request().Context(), boardActor(c), in)
	var verr *board.ValidationError
	if errors.As(err, &verr) {
		return s.renderItemForm(c, http.StatusUnprocessableEntity, 0, in, verr.Fields)
	}
	if err != nil {
		return err
	}
	s.setFlash(c, i18n.T(c.Request().Context(), "board.flash.posted"))
	return seeOther(c, itemPathOf(it.ID, ""))
}

// editFeedback shows the author's edit form.
func (s *Server) editFeedback(c echo.Context) error {
	it, err := byPathID(c, s.board.Item)
	if err != nil {
		return err
	}
	if it.AuthorID != principal(c).PersonID {
		return board.ErrForbidden
	}
	drivers, err := s.board.DriversOf(c.Request().Context(), []int64{it.ID})
	if err != nil {
		return err
	}
	in := board.ItemInput{ToolID: it.ToolID, Title: it.Title, Description: it.Description}
	for _, d := range drivers[it.ID] {
		in.DriverIDs = append(in.DriverIDs, d.ID)
	}
	return s.renderItemForm(c, http.StatusOK, it.ID, in, nil)
}

// updateFeedback saves the author's edit.
func (s *Server) updateFeedback(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	in := itemInput(c)
	err = s.boardChanges.Edit(c.Request().Context(), boardActor(c), id, in)
	var verr *board.ValidationError
	if errors.As(err, &verr) {
		return s.renderItemForm(c, http.StatusUnprocessableEntity, id, in, verr.Fields)
	}
	if err != nil {
		return err
	}
	s.setFlash(c, i18n.T(c.Request().Context(), "board.flash.saved"))
	return seeOther(c, itemPathOf(id, ""))
}

// withdrawFeedback takes the author's item off the board.
func (s *Server) withdrawFeedback(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := s.boardChanges.Withdraw(c.Request().Context(), boardActor(c), id); err != nil {
		return err
	}
	s.setFlash(c, i18n.T(c.Request().Context(), "board.flash.withdrawn"))
	return seeOther(c, "/feedback")
}

func itemPathOf(id int64, rest string) string { return "/feedback/" + strconv.FormatInt(id, 10) + rest }
