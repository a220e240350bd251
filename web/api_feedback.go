package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/board"
)

// apiFeedback is an item in the JSON API. Dates are days (2006-01-02);
// author is "an engineer" for anonymous items and nothing identifies them.
type apiFeedback struct {
	ID        int64            `json:"id"`
	Title     string           `json:"title"`
	Status    string           `json:"status"`
	Tool      string           `json:"tool"`
	Author    string           `json:"author"`
	Votes     int64            `json:"votes"`
	Reactions map[string]int64 `json:"reactions"`
	Drivers   []apiDriver      `json:"drivers"`
	Created   string           `json:"created"`
	Activity  string           `json:"last_activity"`
}

// apiItemAction is an action plan linked to an item (GET /api/v1/actions
// has the whole action).
type apiItemAction struct {
	ID     int64  `json:"id"`
	Title  string `json:"title"`
	Status string `json:"status"`
	Reason string `json:"reason,omitempty"`
}

// apiDriver is a driver an item concerns; key is the driver library's.
type apiDriver struct {
	ID   int64  `json:"id"`
	Key  string `json:"key"`
	Name string `json:"name"`
}

func apiDrivers(ds []board.DriverRef) []apiDriver {
	out := make([]apiDriver, len(ds))
	for i, d := range ds {
		out[i] = apiDriver{ID: d.ID, Key: d.Key, Name: d.Name}
	}
	return out
}

type apiStatusChange struct {
	Status string `json:"status"`
	Reason string `json:"reason"`
	Date   string `json:"date"`
}

const apiDay = "2006-01-02"

func reactionCounts(c board.Counts) map[string]int64 {
	out := map[string]int64{}
	for t, n := range c.ByType {
		out[string(t)] = n
	}
	return out
}

// apiFeedbackQuery reads the list's filters; a value it cannot use is a
// field error.
func apiFeedbackQuery(c echo.Context) (board.Query, map[string]string) {
	q := board.Query{Sort: c.QueryParam("sort"), Search: c.QueryParam("q"), Status: board.Status(c.QueryParam("status"))}
	errs := map[string]string{}
	switch q.Sort {
	case "":
		q.Sort = board.SortVotes
	case board.SortVotes, board.SortRecent, board.SortTrending:
	default:
		errs["sort"] = "sort must be votes, recent or trending"
	}
	if q.Status != "" && !q.Status.Valid() {
		errs["status"] = "status must be one of new, under_review, planned, in_progress, done, wont_do"
	}
	for name, into := range map[string]*int64{"tool": &q.ToolID, "driver": &q.DriverID} {
		if raw := c.QueryParam(name); raw != "" {
			id, err := strconv.ParseInt(raw, 10, 64)
			if err != nil || id <= 0 {
				errs[name] = name + " must be a " + name + "'s number"
			}
			*into = id
		}
	}
	return q, errs
}

// apiListFeedback answers GET /api/v1/feedback.
func (s *Server) apiListFeedback(c echo.Context) error {
	q, errs := apiFeedbackQuery(c)
	if len(errs) > 0 {
		return c.JSON(http.StatusUnprocessableEntity, map[string]any{"error": "check the query", "fields": errs})
	}
	ctx := c.Request().Context()
	items, err := s.board.List(ctx, q)
	if err != nil {
		return err
	}
	ids := make([]int64, len(items))
	for i, it := range items {
		ids[i] = it.ID
	}
	counts, err := s.board.Counts(ctx, board.KindItem, ids)
	if err != nil {
		return err
	}
	out := make([]apiFeedback, len(items))
	for i, it := range items {
		out[i] = apiFeedback{ID: it.ID, Title: it.Title, Status: string(it.Status), Tool: it.ToolName, Author: it.AuthorName,
			Votes: it.Votes, Reactions: reactionCounts(counts[it.ID]), Drivers: apiDrivers(it.Drivers), Created: it.CreatedAt.UTC().Format(apiDay),
			Activity: it.ActivityAt.UTC().Format(apiDay)}
	}
	return c.JSON(http.StatusOK, map[string]any{"feedback": out})
}

// apiShowFeedback answers GET /api/v1/feedback/:id with the status history.
func (s *Server) apiShowFeedback(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	p, err := s.board.Page(c.Request().Context(), id, board.Actor{})
	if err != nil {
		return err
	}
	counts := map[string]int64{}
	for t, n := range p.Reactions.Counts {
		counts[string(t)] = n
	}
	history := make([]apiStatusChange, len(p.History))
	for i, h := range p.History {
		history[i] = apiStatusChange{Status: string(h.Status), Reason: h.Reason, Date: h.CreatedAt.UTC().Format(apiDay)}
	}
	item := apiFeedback{ID: p.Item.ID, Title: p.Item.Title, Status: string(p.Item.Status), Tool: p.Tool.Name, Author: p.AuthorName,
		Votes: p.Votes, Reactions: counts, Drivers: apiDrivers(p.Drivers), Created: p.Item.CreatedAt.UTC().Format(apiDay), Activity: p.Item.ActivityAt.UTC().Format(apiDay)}
	acts := make([]apiItemAction, len(p.Actions))
	for i, a := range p.Actions {
		acts[i] = apiItemAction{ID: a.ID, Title: a.Title, Status: a.Status, Reason: a.Reason}
	}
	return c.JSON(http.StatusOK, map[string]any{"feedback": item, "description": p.Item.Description,
		"withdrawn": p.Item.Withdrawn, "merged_into": p.Item.MergedIntoID, "history": history, "actions": acts})
}
