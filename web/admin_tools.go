package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/board"
	"github.com/devpulse/devpulse/internal/i18n"
	boardview "github.com/devpulse/devpulse/templates/board"
)

// toolsView reads the admin's tool page: tools, teams, shown reactions.
func (s *Server) toolsView(c echo.Context) (boardview.ToolsView, error) {
	ctx := c.Request().Context()
	v := boardview.ToolsView{Teams: map[int64]string{}}
	var err error
	if v.Tools, err = s.board.Tools(ctx); err != nil {
		return v, err
	}
	teams, err := s.dir.Teams(ctx)
	if err != nil {
		return v, err
	}
	for _, t := range teams {
		v.Teams[t.ID] = t.Path
		v.TeamIDs = append(v.TeamIDs, t.ID)
	}
	v.Shown, err = s.board.ShownTypes(ctx)
	return v, err
}

// showTools lists the board's tools; ?edit= fills the form with one.
func (s *Server) showTools(c echo.Context) error {
	v, err := s.toolsView(c)
	if err != nil {
		return err
	}
	if id, _ := strconv.ParseInt(c.QueryParam("edit"), 10, 64); id > 0 {
		if v.Edit, err = s.board.Tool(c.Request().Context(), id); err != nil {
			return err
		}
	}
	v.Flash = s.takeFlash(c)
	return s.render(c, http.StatusOK, boardview.Tools(v))
}

// createTool adds a tool; updateTool renames it or changes its team.
func (s *Server) createTool(c echo.Context) error { return s.saveTool(c, 0) }

func (s *Server) updateTool(c echo.Context) error {
	t, err := byPathID(c, s.board.Tool)
	if err != nil {
		return err
	}
	return s.saveTool(c, t.ID)
}

func (s *Server) saveTool(c echo.Context, id int64) error {
	team, _ := strconv.ParseInt(c.FormValue("team"), 10, 64)
	t := board.Tool{ID: id, Name: c.FormValue("name"), TeamID: team}
	saved, err := s.boardChanges.SaveTool(c.Request().Context(), boardActor(c), t)
	var verr *board.ValidationError
	if errors.As(err, &verr) {
		v, err := s.toolsView(c)
		if err != nil {
			return err
		}
		v.Edit, v.Errors = t, verr.Fields
		return s.render(c, http.StatusUnprocessableEntity, boardview.Tools(v))
	}
	if err != nil {
		return err
	}
	s.setFlash(c, i18n.T(c.Request().Context(), "board.flash.tool_saved", "Name", saved.Name))
	return seeOther(c, "/admin/tools")
}

// setShownReactions chooses the reaction types people see.
func (s *Server) setShownReactions(c echo.Context) error {
	form, err := c.FormParams()
	if err != nil {
		return err
	}
	var types []board.ReactionType
	for _, t := range form["types"] {
		types = append(types, board.ReactionType(t))
	}
	err = s.boardChanges.SetShownTypes(c.Request().Context(), boardActor(c), types)
	var verr *board.ValidationError
	if errors.As(err, &verr) {
		v, err := s.toolsView(c)
		if err != nil {
			return err
		}
		v.Errors = verr.Fields
		return s.render(c, http.StatusUnprocessableEntity, boardview.Tools(v))
	}
	if err != nil {
		return err
	}
	s.setFlash(c, i18n.T(c.Request().Context(), "board.flash.shown_saved"))
	return seeOther(c, "/admin/tools")
}
