package e2e

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/labstack/echo/v4"
	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/config"
	"github.com/devpulse/devpulse/internal/demo"
	"github.com/devpulse/devpulse/internal/responses"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testbrowser"
	"github.com/devpulse/devpulse/web"
	"github.com/devpulse/devpulse/web/webtest"
)

// a11yKnown lists the serious or critical violations not fixed yet, as
// "page rule" (the page's name in a11yPages, the axe rule id), each with
// why it is left. The test reports them and passes; every other serious or
// critical violation fails it. Empty is the goal.
var a11yKnown = map[string]string{}

// a11yPage is one page the accessibility test visits.
type a11yPage struct {
	name   string // in screenshot names and failures
	route  string // as web/routes*.go registers it: "GET /teams/:team"
	path   string
	public bool // visited signed out, by the visitor; the others signed in
	status int  // the status the page answers with, when not 200
}

// a11yIDs are the demo organisation's records the pages are about.
type a11yIDs struct {
	team, open, closed, draft, draftQuestion  int64
	feedback, ownFeedback, action, comment    int64
	programme, programmeTeam, driver          int64
	admin, executive, lead, engineer          int64
	surveyToken, pulseToken, driverKey        string
	adminName, execName, leadName, engineName string
}

// a11yPages is every page of the app: every GET route that answers with
// a page, some of them in more than one state.
func a11yPages(id a11yIDs) []a11yPage {
	p := func(name, route string, args ...any) a11yPage {
		return a11yPage{name: name, route: "GET " + route, path: fmt.Sprintf(a11yPath(route), args...)}
	}
	pub := func(name, route string, args ...any) a11yPage {
		pg := p(name, route, args...)
		pg.public = true
		return pg
	}
	notFound := pub("not-found", "/")
	notFound.route, notFound.path, notFound.status = "", "/no-such-page", http.StatusNotFound
	return []a11yPage{
		pub("landing", "/"), pub("login", "/login"), pub("survey-link", "/s/:token", id.surveyToken),
		pub("pulse-link", "/p/:token", id.pulseToken), notFound,
		p("home", "/"), p("survey", "/surveys/:snapshot", id.open),
		p("teams", "/teams"), p("team", "/teams/:team", id.team), p("participation", "/participation"),
		p("team-driver", "/teams/:team/drivers/:driver", id.team, id.driverKey),
		p("team-pulse", "/teams/:team/pulse/:programme", id.programmeTeam, id.programme),
		p("org", "/org"), p("readout", "/org/readout"), p("present", "/org/present"),
		p("you-said", "/snapshots/:id/you-said-we-did", id.closed),
		p("actions", "/actions"), p("action-new", "/actions/new"), p("action", "/actions/:id", id.action),
		p("board", "/feedback"), p("feedback-new", "/feedback/new"), p("feedback", "/feedback/:id", id.feedback),
		p("feedback-edit", "/feedback/:id/edit", id.ownFeedback),
		p("pulse", "/pulse"), p("comment", "/comments/:comment", id.comment), p("my-comments", "/me/comments"),
		p("admin", "/admin"), p("admin-invitations", "/admin/invitations"), p("admin-teams", "/admin/teams"),
		p("admin-people", "/admin/people"), p("admin-person", "/admin/people/:id", id.engineer),
		p("admin-roster", "/admin/roster"), p("admin-benchmarks", "/admin/benchmarks"),
		p("admin-metrics", "/admin/metrics"), p("admin-metric-links", "/admin/metrics/links"),
		p("admin-pulse", "/admin/pulse"), p("admin-programme", "/admin/pulse/:id", id.programme),
		p("admin-tools", "/admin/tools"), p("admin-tokens", "/admin/tokens"), p("admin-audit", "/admin/audit"),
		p("admin-drivers", "/admin/drivers"), p("admin-driver", "/admin/drivers/:id", id.driver),
		p("admin-snapshots", "/admin/snapshots"), p("admin-snapshot-new", "/admin/snapshots/new"),
		p("admin-snapshot-draft", "/admin/snapshots/:id", id.draft),
		p("admin-snapshot-open", "/admin/snapshots/:id", id.open),
		p("admin-snapshot-closed", "/admin/snapshots/:id", id.closed),
		p("admin-snapshot-preview", "/admin/snapshots/:id/preview", id.draft),
		p("admin-question-new", "/admin/snapshots/:id/questions/new", id.draft),
		p("admin-question", "/admin/snapshots/:id/questions/:question", id.draft, id.draftQuestion),
		p("admin-announcements", "/admin/snapshots/:id/announcements", id.closed),
		p("admin-announcements-preview", "/admin/snapshots/:id/announcements/preview", id.closed),
	}
}

// a11yPath turns a route into a format: each :param becomes %v.
func a11yPath(route string) string {
	parts := strings.Split(route, "/")
	for i, s := range parts {
		if strings.HasPrefix(s, ":") {
			parts[i] = "%v"
		}
	}
	return strings.Join(parts, "/")
}

// notAPage reports GET routes that answer with something other than a
// page: files, JSON, redirects elsewhere, htmx fragments, and the email
// the announcements preview frames (its policy sandboxes it without
// scripts, so axe-core cannot run in it).
func notAPage(route string) bool {
	path := strings.TrimPrefix(route, "GET ")
	switch path {
	case "/healthz", "/readyz", "/static/*", "/favicon.ico", "/widget.js", "/widget/ask",
		"/auth/oidc/login", "/auth/oidc/callback", "/feedback/similar",
		"/admin/snapshots/:id/announcements/preview/voice":
		return true
	}
	return strings.HasPrefix(path, "/api/") || strings.HasSuffix(path, ".csv") || strings.HasSuffix(path, ".json")
}

// a11yViewport is a screen size the pages are checked at.
type a11yViewport struct {
	name          string
	width, height int64
}

var a11yViewports = []a11yViewport{{"desktop", 1280, 800}, {"phone", 375, 667}}

// a11yRole is a persona and the pages it is signed in for.
type a11yRole struct {
	name     string
	personID int64 // 0: signed out
	person   string
}

// TestAccessibility signs in as each demo persona (engineer, team lead,
// executive, admin; and a visitor signed out), visits every page that
// persona can reach at desktop and phone sizes, runs axe-core on it and
// saves a screenshot: no page may break a serious or critical rule.
func TestAccessibility(t *testing.T) {
	db, base := startDemo(t)
	ids := a11yFixture(t, db)
	pages := a11yPages(ids)
	checkPagesCoverRoutes(t, db, pages)
	roles := []a11yRole{{"admin", ids.admin, ids.adminName}, {"executive", ids.executive, ids.execName},
		{"lead", ids.lead, ids.leadName}, {"engineer", ids.engineer, ids.engineName}, {"visitor", 0, ""}}
	var mu sync.Mutex
	ran := 0
	audited := map[string]bool{}
	known := map[string]bool{}
	// Two personas at a time, each in its own browser: the largest first.
	t.Run("personas", func(t *testing.T) {
		for _, role := range roles {
			t.Run(role.name, func(t *testing.T) {
				t.Parallel()
				reached, seen := auditRole(t, base, role, pages)
				mu.Lock()
				defer mu.Unlock()
				ran++
				for _, name := range reached {
					audited[name] = true
				}
				for _, k := range seen {
					known[k] = true
				}
			})
		}
	})
	if everyRole := ran == len(roles); t.Failed() || !everyRole {
		return // -run chose some personas: the checks below need them all
	}
	for _, p := range pages {
		if !audited[p.name] {
			t.Errorf("no persona reached %s (%s)", p.path, p.name)
		}
	}
	for k, why := range a11yKnown {
		if !known[k] {
			t.Logf("a11yKnown lists %q (%s), which no page breaks any more: remove it", k, why)
		}
	}
}

// auditRole signs the role in and audits every page it reaches at each
// size; it returns the names of the pages it reached, and the a11yKnown
// entries it saw.
func auditRole(t *testing.T, base string, role a11yRole, pages []a11yPage) (reached, known []string) {
	b := testbrowser.NewFor(t, 20*time.Minute)
	b.Expect("status of 403") // pages the role may not see, skipped
	b.Expect("status of 404") // the not-found page, on purpose
	if role.personID != 0 {
		b.Run(
			chromedp.Navigate(base+"/login?q="+url.QueryEscape(role.person)),
			chromedp.WaitVisible(`[data-testid="demo-personas"]`, chromedp.ByQuery),
			chromedp.Click(fmt.Sprintf(`button[data-testid="persona"][value="%d"]`, role.personID), chromedp.ByQuery),
			chromedp.WaitVisible(`[data-testid="home"]`, chromedp.ByQuery),
		)
	}
	var skipped []string
	failures := 0
	for _, vp := range a11yViewports {
		b.Run(chromedp.EmulateViewport(vp.width, vp.height))
		for _, p := range pages {
			if p.public != (role.personID == 0) || (vp.name != "desktop" && !slices.Contains(reached, p.name)) {
				continue
			}
			ok, found, seen := auditPage(t, b, base, role.name, p, vp)
			if !ok {
				skipped = append(skipped, p.name)
				continue
			}
			if vp.name == "desktop" {
				reached = append(reached, p.name)
			}
			if len(found) > 0 {
				failures += len(found)
				t.Errorf("serious or critical accessibility violations (page, size: rule (impact) at element: help):\n%s", strings.Join(found, ""))
			}
			known = append(known, seen...)
		}
	}
	t.Logf("%s: audited %d pages at %d sizes; not allowed in: %s", role.name, len(reached), len(a11yViewports), strings.Join(skipped, ", "))
	if failures > 0 {
		t.Errorf("%s: %d serious or critical accessibility violations in all", role.name, failures)
	}
	return reached, known
}

// auditPage visits one page at one size, runs axe-core on it and saves a
// screenshot. It reports false when the role may not see the page, the
// violations that fail the test and the a11yKnown entries it saw.
func auditPage(t *testing.T, b *testbrowser.Browser, base, role string, p a11yPage, vp a11yViewport) (ok bool, found, known []string) {
	t.Helper()
	start := time.Now()
	resp, err := chromedp.RunResponse(b.Context(), chromedp.Navigate(base+p.path))
	if err != nil {
		t.Fatalf("%s: %v", p.path, err)
	}
	want := p.status
	if want == 0 {
		want = http.StatusOK
	}
	switch {
	case resp.Status == http.StatusForbidden && p.status == 0:
		return false, nil, nil
	case int(resp.Status) != want:
		t.Errorf("%s as %s: status %d, want %d", p.path, role, resp.Status, want)
		return false, nil, nil
	}
	// Charts draw once the deferred scripts have run. A check that lands
	// while Chromium swaps the page's script context fails ("cannot find
	// context"): it is tried again once.
	drawn := chromedp.Poll(`!document.querySelector('[data-chart]:not(.is-drawn)') || !window.echarts`, nil,
		chromedp.WithPollingTimeout(10*time.Second))
	if err := chromedp.Run(b.Context(), drawn); err != nil {
		time.Sleep(300 * time.Millisecond)
		b.Run(drawn)
	}
	for _, v := range b.Axe() {
		if !v.Serious() {
			continue
		}
		key := p.name + " " + v.ID
		if why, ok := a11yKnown[key]; ok {
			known = append(known, key)
			t.Logf("known: %s at %s (%s): %s", key, vp.name, role, why)
			continue
		}
		found = append(found, testbrowser.FormatViolations(p.name+", "+vp.name, []testbrowser.Violation{v}))
	}
	if vp.name == "phone" {
		var wide []string
		b.Run(chromedp.Evaluate(overflowing, &wide))
		if len(wide) > 0 {
			key := p.name + " phone-overflow"
			if why, ok := a11yKnown[key]; ok {
				known = append(known, key)
				t.Logf("known: %s (%s): %s", key, role, why)
			} else {
				found = append(found, fmt.Sprintf("%s, phone: the page is wider than the screen, scrolls sideways: %s\n", p.name, strings.Join(wide, ", ")))
			}
		}
	}
	axed := time.Now()
	b.ScreenshotJPEG(fmt.Sprintf("%s-%s-%s", role, p.name, vp.name), 70, 6000)
	t.Logf("%s %s: %v to audit, %v to screenshot", p.name, vp.name, axed.Sub(start).Round(time.Millisecond), time.Since(axed).Round(time.Millisecond))
	return true, found, known
}

// overflowing lists the innermost elements that stick out to the right of
// the screen, unless a box that scrolls or clips holds them: why a page
// scrolls sideways.
const overflowing = `(() => {
  const w = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= w) return [];
  const out = (el) => el.getBoundingClientRect().right > w + 1;
  const held = (el) => { for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
    if (getComputedStyle(p).overflowX !== 'visible') return true; } return false; };
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/).join('.') : '');
  return [...document.body.querySelectorAll('*')].filter(el => out(el) && !held(el) && ![...el.children].some(out))
    .slice(0, 5).map(el => name(el) + ' (to ' + Math.round(el.getBoundingClientRect().right) + 'px)');
})()`

// checkPagesCoverRoutes fails when a GET route answers with a page the
// test does not visit, or the test visits a route that is gone.
func checkPagesCoverRoutes(t *testing.T, db *gorm.DB, pages []a11yPage) {
	t.Helper()
	ts := httptest.NewUnstartedServer(nil)
	defer ts.Close()
	cfg := config.Load(func(string) string { return "" })
	cfg.BaseURL = "http://" + ts.Listener.Addr().String()
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	srv := webtest.Server(t, web.Deps{Config: cfg, DB: db, Jobs: testQueue(t, db), Demo: true,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Version: "test"})
	e, ok := srv.Handler().(*echo.Echo)
	if !ok {
		t.Fatalf("the server's handler is %T, not *echo.Echo", srv.Handler())
	}
	routes := map[string]bool{}
	for _, r := range e.Routes() {
		if r.Method == http.MethodGet && !notAPage("GET "+r.Path) {
			routes["GET "+r.Path] = true
		}
	}
	for _, p := range pages {
		if p.route != "" && !routes[p.route] {
			t.Errorf("page %s: no route %s", p.name, p.route)
		}
	}
	for _, p := range pages {
		delete(routes, p.route)
	}
	var missed []string
	for r := range routes {
		missed = append(missed, r)
	}
	sort.Strings(missed)
	if len(missed) > 0 {
		t.Errorf("pages the accessibility test does not visit (add them to a11yPages, or to notAPage): %v", missed)
	}
}

// a11yFixture picks the demo's personas and records, adds a draft
// snapshot for the builder's pages, and issues a survey link and a pulse
// link to open signed out.
func a11yFixture(t *testing.T, db *gorm.DB) a11yIDs {
	t.Helper()
	var id a11yIDs
	one := func(dst any, query string, args ...any) {
		t.Helper()
		if err := db.Raw(query, args...).Row().Scan(dst); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
	}
	one(&id.open, `SELECT id FROM snapshots WHERE state = 'open'`)
	one(&id.closed, `SELECT MAX(id) FROM snapshots WHERE state IN ('closed', 'published')`)
	one(&id.admin, `SELECT id FROM people WHERE email = ?`, demo.AdminEmail)
	one(&id.executive, `SELECT person_id FROM role_grants WHERE role = 'executive' ORDER BY id LIMIT 1`)
	// The engineer has no roles, belongs to a team with a lead and wrote
	// feedback, so that the feedback edit page is theirs; the lead is
	// their team's.
	one(&id.engineer, `SELECT p.id FROM people p JOIN board_items i ON i.author_id = p.id AND NOT i.withdrawn AND i.merged_into_id IS NULL
		WHERE p.active AND NOT EXISTS (SELECT 1 FROM role_grants g WHERE g.person_id = p.id)
		AND EXISTS (SELECT 1 FROM role_grants g WHERE g.role = 'lead' AND g.team_id = p.team_id)
		ORDER BY p.id LIMIT 1`)
	one(&id.team, `SELECT team_id FROM people WHERE id = ?`, id.engineer)
	one(&id.lead, `SELECT person_id FROM role_grants WHERE role = 'lead' AND team_id = ?`, id.team)
	one(&id.ownFeedback, `SELECT MIN(id) FROM board_items WHERE author_id = ? AND NOT withdrawn AND merged_into_id IS NULL`, id.engineer)
	one(&id.feedback, `SELECT item_id FROM board_comments GROUP BY item_id ORDER BY COUNT(*) DESC, item_id LIMIT 1`)
	one(&id.action, `SELECT id FROM actions ORDER BY team_id = ? DESC, id LIMIT 1`, id.team)
	one(&id.comment, `SELECT id FROM result_comments WHERE team_id = ? AND snapshot_id = ? ORDER BY id LIMIT 1`, id.team, id.closed)
	one(&id.programme, `SELECT id FROM pulse_programmes ORDER BY id LIMIT 1`)
	one(&id.programmeTeam, `SELECT owner_team_id FROM pulse_programmes WHERE id = ?`, id.programme)
	one(&id.driver, `SELECT id FROM drivers ORDER BY id LIMIT 1`)
	one(&id.driverKey, `SELECT key FROM drivers ORDER BY position, id LIMIT 1`)
	for _, p := range []struct {
		dst *string
		id  int64
	}{{&id.adminName, id.admin}, {&id.execName, id.executive}, {&id.leadName, id.lead}, {&id.engineName, id.engineer}} {
		one(p.dst, `SELECT name FROM people WHERE id = ?`, p.id)
	}
	a11yDraftAndLinks(t, db, &id)
	return id
}

// a11yDraftAndLinks adds a draft snapshot from the template, and issues a
// survey link (to someone else than the engineer) and a pulse link.
func a11yDraftAndLinks(t *testing.T, db *gorm.DB, id *a11yIDs) {
	t.Helper()
	ctx := context.Background()
	snap, err := survey.NewStore(db, testQueue(t, db)).CreateSnapshot(ctx,
		survey.NewSnapshot{Title: "Next quarter", Start: survey.StartTemplate, TimeZone: "Europe/Berlin"}, "admin")
	if err != nil {
		t.Fatal(err)
	}
	id.draft = snap.ID
	var inv int64
	for _, q := range []struct {
		dst   *int64
		query string
		args  []any
	}{
		{&id.draftQuestion, `SELECT MIN(id) FROM questions WHERE snapshot_id = ?`, []any{snap.ID}},
		{&inv, `SELECT MIN(id) FROM invitations WHERE snapshot_id = ? AND NOT submitted AND person_id <> ?`, []any{id.open, id.engineer}},
	} {
		if err := db.Raw(q.query, q.args...).Row().Scan(q.dst); err != nil {
			t.Fatal(err)
		}
	}
	if id.surveyToken, err = responses.NewStore(db).IssueToken(ctx, inv); err != nil {
		t.Fatal(err)
	}
	id.pulseToken = "a11y-pulse-link"
	res := db.Exec(`UPDATE pulse_asks SET token_hash = ? WHERE id = (SELECT id FROM pulse_asks ORDER BY state = 'open' DESC, id LIMIT 1)`, auth.Hash(id.pulseToken))
	if res.Error != nil || res.RowsAffected != 1 {
		t.Fatalf("pulse link: %v (%d asks)", res.Error, res.RowsAffected)
	}
}
