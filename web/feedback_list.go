package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/board"
	boardview "github.com/devpulse/devpulse/templates/board"
)

// boardActor is the signed-in person as the board sees them.
func boardActor(c echo.Context) board.Actor {
	p := principal(c)
	return board.Actor{Name: p.Actor(), PersonID: p.PersonID, Admin: p.Admin, LeadOf: p.LeadOf}
}

// boardQuery reads the list's filters; values it cannot use are dropped,
// so a stale link still shows the board.
func boardQuery(c echo.Context) (board.Query, bool) {
	q := board.Query{Sort: c.QueryParam("sort"), Search: c.QueryParam("q"), Status: board.Status(c.QueryParam("status"))}
	if q.Sort != board.SortRecent && q.Sort != board.SortTrending {
		q.Sort = board.SortVotes
	}
	if !q.Status.Valid() {
		q.Status = ""
	}
	q.ToolID, _ = strconv.ParseInt(c.QueryParam("tool"), 10, 64)
	q.DriverID, _ = strconv.ParseInt(c.QueryParam("driver"), 10, 64)
	mine := c.QueryParam("mine") == "1"
	if mine {
		q.Mine = principal(c).PersonID
	}
	return q, mine
}

// listFeedback shows the board, sorted and filtered.
func (s *Server) listFeedback(c echo.Context) error {
	ctx := c.Request().Context()
	q, mine := boardQuery(c)
	items, err := s.board.List(ctx, q)
	if err != nil {
		return err
	}
	tools, err := s.board.Tools(ctx)
	if err != nil {
		return err
	}
	drivers, err := s.board.Drivers(ctx)
	if err != nil {
		return err
	}
	view := boardview.ListView{Items: items, Tools: tools, Drivers: drivers, Query: q, MineOnly: mine, Flash: s.takeFlash(c)}
	return s.render(c, http.StatusOK, boardview.List(view))
}
