package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/directory"
	adminview "github.com/devpulse/devpulse/templates/admin"
)

// listPeople shows the people list. The query string holds the search,
// filters and page, so every state is a shareable link; htmx asks for the
// results alone.
func (s *Server) listPeople(c echo.Context) error {
	ctx := c.Request().Context()
	filter, q := peopleQuery(c)
	teams, err := s.dir.Teams(ctx)
	if err != nil {
		return err
	}
	people, total, err := s.dir.People(ctx, q)
	if err != nil {
		return err
	}
	pages := int((total + int64(q.Limit()) - 1) / int64(q.Limit()))
	if q.Page > pages && pages > 0 { // a page past the end shows the last one
		q.Page = pages
		if people, total, err = s.dir.People(ctx, q); err != nil {
			return err
		}
	}
	rows, err := s.personRows(c, people, teams)
	if err != nil {
		return err
	}
	view := adminview.PeopleView{Filter: filter, Teams: teamOptions(teams), Rows: rows, Total: total, Page: q.Page, Pages: pages}
	c.Response().Header().Add("Vary", "HX-Target") // same URL, fragment or page
	if c.Request().Header.Get("HX-Target") == "people-results" {
		return s.render(c, http.StatusOK, adminview.PeopleResults(view))
	}
	view.Flash = s.takeFlash(c)
	return s.render(c, http.StatusOK, adminview.People(view))
}

// peopleQuery reads the list's query string. Unknown values are dropped
// rather than refused: a stale link still shows a list.
func peopleQuery(c echo.Context) (adminview.PeopleFilter, directory.PeopleQuery) {
	f := adminview.PeopleFilter{
		Search: strings.TrimSpace(c.QueryParam("q")), Team: c.QueryParam("team"),
		Arrangement: c.QueryParam("arrangement"), Status: c.QueryParam("status"), Role: c.QueryParam("role"),
	}
	if len(f.Search) > 200 {
		f.Search = f.Search[:200]
	}
	q := directory.PeopleQuery{Search: f.Search}
	if id, err := strconv.ParseInt(f.Team, 10, 64); err == nil && id > 0 {
		q.TeamID = id
	} else {
		f.Team = ""
	}
	if !slices.Contains(directory.WorkArrangements, f.Arrangement) {
		f.Arrangement = ""
	}
	if f.Status != directory.StatusActive && f.Status != directory.StatusInactive {
		f.Status = ""
	}
	if f.Role != directory.RoleAny && !slices.Contains(directory.GrantableRoles, f.Role) {
		f.Role = ""
	}
	q.WorkArrangement, q.Status, q.Role = f.Arrangement, f.Status, f.Role
	q.Page, _ = strconv.Atoi(c.QueryParam("page"))
	q.Page = max(q.Page, 1)
	return f, q
}

// personRows turns people into list rows with their team paths and roles.
func (s *Server) personRows(c echo.Context, people []directory.Person, teams []directory.Team) ([]adminview.PersonRow, error) {
	ids := make([]int64, len(people))
	for i, p := range people {
		ids[i] = p.ID
	}
	grants, err := s.dir.GrantsOf(c.Request().Context(), ids)
	if err != nil {
		return nil, err
	}
	paths := teamPaths(teams)
	rows := make([]adminview.PersonRow, len(people))
	for i, p := range people {
		rows[i] = adminview.PersonRow{ID: p.ID, Name: p.Name, Email: p.Email, WorkArrangement: p.WorkArrangement, Active: p.Active}
		if p.TeamID != nil {
			rows[i].Team = paths[*p.TeamID]
		}
		for _, g := range grants[p.ID] {
			if !slices.Contains(rows[i].Roles, g.Role) {
				rows[i].Roles = append(rows[i].Roles, g.Role)
			}
		}
	}
	return rows, nil
}
