package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/roster"
	adminview "github.com/devpulse/devpulse/templates/admin"
)

// maxRosterBytes is the largest roster file accepted (about 50,000 people).
const maxRosterBytes = 8 << 20

// showRoster shows the upload form, with the outcome of an import just applied.
func (s *Server) showRoster(c echo.Context) error {
	return s.render(c, http.StatusOK, adminview.RosterPage(adminview.RosterView{
		Done:  rosterDoneMessage(i18n.From(c.Request().Context()), c.QueryParams()),
		MaxMB: maxRosterBytes >> 20,
	}))
}

// downloadRosterExample sends the example file.
func (s *Server) downloadRosterExample(c echo.Context) error {
	c.Response().Header().Set(echo.HeaderContentDisposition, `attachment; filename="roster-example.csv"`)
	return c.Blob(http.StatusOK, "text/csv; charset=utf-8", roster.Example)
}

// rosterDoneQuery carries an applied plan's counts to the page the
// browser is sent to, so a reload does not apply the file again.
func rosterDoneQuery(p *roster.Plan) string {
	q := url.Values{"applied": {"1"}}
	for key, n := range map[string]int{
		"added": len(p.Added), "changed": len(p.Changed), "deactivated": len(p.Deactivated),
		"grants": len(p.GrantsAdded), "teams": len(p.TeamsCreated),
	} {
		q.Set(key, strconv.Itoa(n))
	}
	return q.Encode()
}

// rosterDoneMessage reads the counts back; only numbers come from the query.
func rosterDoneMessage(l *i18n.Localizer, q url.Values) string {
	if q.Get("applied") != "1" {
		return ""
	}
	n := func(key string) int {
		v, _ := strconv.Atoi(q.Get(key))
		return max(v, 0)
	}
	if n("added")+n("changed")+n("deactivated")+n("grants")+n("teams") == 0 {
		return l.T("directory.roster.done_none")
	}
	count := func(key string, n int) string { return l.T(key, "Count", n, "N", l.Number(n)) }
	parts := []string{
		count("directory.roster.done.added", n("added")), count("directory.roster.done.changed", n("changed")),
		count("directory.roster.done.deactivated", n("deactivated")),
	}
	if g := n("grants"); g > 0 {
		parts = append(parts, count("directory.roster.done.grants", g))
	}
	if t := n("teams"); t > 0 {
		parts = append(parts, count("directory.roster.done.teams", t))
	}
	return l.T("directory.roster.done", "Changes", strings.Join(parts, ", "))
}
