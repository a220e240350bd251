package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/testdb"
)

// The personas of the route x role table.
type persona string

const (
	anonymous  persona = "anonymous"
	respondent persona = "respondent"
	memberB    persona = "member of B" // a respondent in team B, in the route table only
	leadA      persona = "lead of A"
	leadB      persona = "lead of B"
	executive  persona = "executive"
	admin      persona = "admin"
)

var personas = []persona{anonymous, respondent, leadA, leadB, executive, admin}

// matrixPersonas are the route table's: the fixture's and member of B.
var matrixPersonas = append(append([]persona{}, personas...), memberB)

// allowed lists the personas a route lets through; the rest are denied.
type allowed []persona

var (
	everyone    = allowed{anonymous, respondent, memberB, leadA, leadB, executive, admin}
	signedIn    = allowed{respondent, memberB, leadA, leadB, executive, admin}
	readers     = allowed{leadA, leadB, executive, admin}
	teamAReader = allowed{leadA, executive, admin} // routes about team A
	execs       = allowed{executive, admin}
	admins      = allowed{admin}
	apiOnly     = allowed{} // bearer-token routes: no browser persona gets in
	// signedOnly: requests signed by GitHub or Slack (HMAC); without a
	// valid signature every persona is refused with 401.
	signedOnly = allowed{}
	// widgetOnly: requests from an allow-listed tool origin only.
	widgetOnly = allowed{}
	// teamAResults: team A's readers and, read-only, its own people
	// (every fixture persona belongs to team A; member of B does not).
	teamAResults = allowed{respondent, leadA, leadB, executive, admin}
)

// routeTable says who may use every route. A route registered without a
// row here fails the test, so no route ships unguarded by accident.
// Path parameters: :team is team A, :id an existing record, :token an API token.
var routeTable = map[string]allowed{
	"GET /healthz":     everyone,
	"GET /readyz":      everyone,
	"GET /static/*":    everyone,
	"GET /favicon.ico": everyone,
	"GET /":            everyone,
	"POST /me/channel": signedIn,
	// Replies to comments; :comment names none, so those let in answer 404 or 422.
	"GET /comments/:comment":            readers,
	"POST /comments/:comment/replies":   readers,
	"GET /me/comments":                  signedIn,
	"POST /me/comments/:comment/answer": signedIn,
	"POST /me/comments/:comment/delete": signedIn,
	// Unknown tokens and snapshots answer 404, which the policy allowed.
	"GET /s/:token":                    everyone,
	"POST /s/:token":                   everyone,
	"POST /s/:token/autosave":          everyone,
	"GET /surveys/:snapshot":           signedIn,
	"POST /surveys/:snapshot":          signedIn,
	"POST /surveys/:snapshot/autosave": signedIn,
	"POST /logout":                     signedIn,

	// API tokens and the audit log.
	"GET /admin/tokens":                admins,
	"POST /admin/tokens":               admins,
	"POST /admin/tokens/:token/revoke": admins,
	"GET /admin/audit":                 admins,
	"GET /api/v1/teams":                apiOnly,
	"GET /teams":                       readers,
	"GET /participation":               readers,
	"GET /teams/:team":                 teamAResults,
	// :driver names no driver, and no snapshot has closed: those let in answer 404.
	"GET /teams/:team/drivers/:driver": teamAResults,
	// No snapshot has closed in the fixture: setting a goal answers 404.
	"POST /teams/:team/goals":              teamAReader,
	"POST /teams/:team/goals/:goal/delete": teamAReader,
	"GET /org":                             signedIn, // respondents: shared snapshots only
	"GET /org/readout":                     execs,
	"GET /org/present":                     execs,

	"GET /admin":                                  admins,
	"GET /admin/invitations":                      admins,
	"POST /admin/invitations/:id/retry":           admins,
	"GET /admin/teams":                            admins,
	"POST /admin/teams":                           admins,
	"GET /admin/people":                           admins,
	"GET /admin/people/:id":                       admins,
	"POST /admin/people/:id":                      admins,
	"POST /admin/people/:id/active":               admins,
	"POST /admin/people/:id/grants":               admins,
	"POST /admin/people/:id/grants/:grant/delete": admins,
	// Sign-in: open to all. /login sends people already signed in on, and
	// the OIDC routes answer 404 here because the test server has no SSO.
	// POST /auth/demo exists only with --demo: see TestDemoRoutesOnlyInDemoMode.
	"GET /login":              everyone,
	"POST /login":             everyone,
	"GET /auth/oidc/login":    everyone,
	"GET /auth/oidc/callback": everyone,

	"GET /admin/roster":             admins,
	"GET /admin/roster/example.csv": admins,
	"POST /admin/roster/preview":    admins,
	"POST /admin/roster/apply":      admins,
	"POST /api/v1/roster":           apiOnly,

	"GET /admin/benchmarks":             admins,
	"GET /admin/benchmarks/example.csv": admins,
	"POST /admin/benchmarks/preview":    admins,
	"POST /admin/benchmarks/apply":      admins,
	"POST /admin/benchmarks/delete":     admins,

	// The driver library, the snapshot builder and its API.
	"GET /admin/drivers":                                   admins,
	"POST /admin/drivers":                                  admins,
	"GET /admin/drivers/:id":                               admins,
	"POST /admin/drivers/:id":                              admins,
	"POST /admin/drivers/:id/retire":                       admins,
	"POST /admin/drivers/:id/restore":                      admins,
	"GET /admin/snapshots":                                 admins,
	"GET /admin/snapshots/new":                             admins,
	"POST /admin/snapshots":                                admins,
	"GET /admin/snapshots/:id":                             admins,
	"GET /admin/snapshots/:id/preview":                     admins,
	"POST /admin/snapshots/:id/settings":                   admins,
	"POST /admin/snapshots/:id/sections":                   admins,
	"POST /admin/snapshots/:id/sections/:section":          admins,
	"POST /admin/snapshots/:id/sections/:section/delete":   admins,
	"POST /admin/snapshots/:id/sections/:section/move":     admins,
	"GET /admin/snapshots/:id/questions/new":               admins,
	"POST /admin/snapshots/:id/questions":                  admins,
	"GET /admin/snapshots/:id/questions/:question":         admins,
	"POST /admin/snapshots/:id/questions/:question":        admins,
	"POST /admin/snapshots/:id/questions/:question/delete": admins,
	"POST /admin/snapshots/:id/questions/:question/move":   admins,
	"POST /admin/snapshots/:id/schedule":                   admins,
	"POST /admin/snapshots/:id/unschedule":                 admins,
	"POST /admin/snapshots/:id/open":                       admins,
	"POST /admin/snapshots/:id/close":                      admins,
	"POST /admin/snapshots/:id/extend":                     admins,
	"POST /admin/snapshots/:id/publish":                    admins,
	"POST /admin/snapshots/:id/sharing":                    admins,
	"POST /admin/snapshots/:id/results":                    admins,
	"GET /api/v1/snapshots":                                apiOnly,
	"GET /api/v1/snapshots/:id":                            apiOnly,

	// Exports.
	"GET /teams/:team/export.csv":             teamAReader,
	"GET /teams/:team/export.json":            teamAReader,
	"GET /exports/snapshots/:id/results.csv":  execs,
	"GET /exports/snapshots/:id/results.json": execs,
	"GET /admin/snapshots/:id/responses.csv":  admins,
	"GET /api/v1/snapshots/:id/results":       apiOnly,
	"GET /api/v1/snapshots/:id/results.csv":   apiOnly,
	"GET /api/v1/snapshots/:id/goals":         apiOnly,
	// Announcements of a snapshot's results.
	"GET /admin/snapshots/:id/announcements":                      admins,
	"GET /admin/snapshots/:id/announcements/preview":              admins,
	"GET /admin/snapshots/:id/announcements/preview/voice":        admins,
	"POST /admin/snapshots/:id/announcements/:announcement/retry": admins,

	// Action plans: every signed-in person passes the route's rule; the
	// handlers decide by the action's team (see actions_test.go). Without
	// a team, new actions are the organisation's: executives and admins.
	"GET /actions":                       signedIn,
	"GET /actions/new":                   execs,
	"POST /actions":                      execs,
	"GET /actions/:id":                   signedIn,
	"POST /actions/:id":                  signedIn,
	"POST /actions/:id/updates":          signedIn,
	"GET /snapshots/:id/you-said-we-did": signedIn, // respondents: shared snapshots only
	"GET /api/v1/actions":                apiOnly,
	// Pulse: events in and the asks they cause (routes_pulse.go).
	"POST /api/v1/events":   apiOnly,
	"POST /webhooks/github": signedOnly,
	// Pulse programmes: the admin pages and the API.
	"GET /admin/pulse":                  admins,
	"POST /admin/pulse":                 admins,
	"GET /admin/pulse/:id":              admins,
	"POST /admin/pulse/:id":             admins,
	"POST /admin/pulse/:id/pause":       admins,
	"POST /api/v1/pulse/programmes":     apiOnly,
	"GET /teams/:team/pulse/:programme": teamAReader,
	"GET /pulse":                        signedIn,
	"POST /pulse/settings":              signedIn,
	"POST /pulse/asks/:id":              signedIn,
	// Unknown emailed-link tokens answer 404, which the policy allowed.
	"GET /p/:token":            everyone,
	"POST /p/:token":           everyone,
	"POST /slack/interactions": signedOnly,
	// The widget: the script is open; the rest answers only requests
	// from an origin in DEVPULSE_WIDGET_ORIGINS (none here), and an answer
	// needs a session too (see TestWidgetCORS).
	"GET /widget.js":         everyone,
	"GET /widget/ask":        widgetOnly,
	"OPTIONS /widget/answer": widgetOnly,
	"POST /widget/answer":    widgetOnly,
	// The feedback board: every signed-in person; the domain decides who
	// edits (the author) and who answers (the owning team's leads, admins).
	"GET /feedback":                                  signedIn,
	"GET /feedback/new":                              signedIn,
	"GET /feedback/similar":                          signedIn,
	"POST /feedback/:id/drivers":                     signedIn,
	"POST /feedback/:id/actions":                     signedIn,
	"POST /feedback":                                 signedIn,
	"GET /feedback/:id":                              signedIn,
	"GET /feedback/:id/edit":                         signedIn,
	"POST /feedback/:id":                             signedIn,
	"POST /feedback/:id/withdraw":                    signedIn,
	"POST /feedback/:id/vote":                        signedIn,
	"POST /feedback/:id/reactions":                   signedIn,
	"POST /feedback/:id/status":                      signedIn,
	"POST /feedback/:id/merge":                       signedIn,
	"POST /feedback/:id/comments":                    signedIn,
	"POST /feedback/:id/comments/:comment/reactions": signedIn,
	"GET /admin/tools":                               admins,
	"POST /admin/tools":                              admins,
	"POST /admin/tools/reactions":                    admins,
	"POST /admin/tools/:id":                          admins,
	"GET /api/v1/feedback":                           apiOnly,
	"GET /api/v1/feedback/:id":                       apiOnly,
}

// fixture is a small organisation with one person per persona.
type fixture struct {
	db      *gorm.DB
	teamA   directory.Team
	teamB   directory.Team
	people  map[persona]int64
	records map[string]string // route parameter -> value
}

func newFixture(t testing.TB, db *gorm.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{db: db, people: map[persona]int64{}, records: map[string]string{}}
	var err error
	if f.teamA, err = directory.EnsureTeam(ctx, db, "Eng/A"); err != nil {
		t.Fatal(err)
	}
	if f.teamB, err = directory.EnsureTeam(ctx, db, "Eng/B"); err != nil {
		t.Fatal(err)
	}
	store := directory.NewStore(db)
	for _, p := range personas[1:] {
		person := directory.Person{
			Email: strings.ReplaceAll(string(p), " ", ".") + "@example.com", Name: string(p),
			TeamID: &f.teamA.ID, Active: true, CreatedAt: time.Now(), UpdatedAt: time.Now(),
		}
		if err := store.CreatePerson(ctx, &person); err != nil {
			t.Fatal(err)
		}
		f.people[p] = person.ID
	}
	grant := func(p persona, role string, team *int64) {
		if _, err := directory.AddGrant(ctx, db, f.people[p], role, team); err != nil {
			t.Fatal(err)
		}
	}
	grant(leadA, directory.RoleLead, &f.teamA.ID)
	grant(leadB, directory.RoleLead, &f.teamB.ID)
	grant(executive, directory.RoleExecutive, nil)
	grant(admin, directory.RoleAdmin, nil)
	f.records[":team"] = fmt.Sprint(f.teamA.ID)
	f.records[":id"] = fmt.Sprint(f.people[respondent])
	f.records[":section"] = "1"  // no snapshot has sections here: the handlers answer 404
	f.records[":question"] = "1" // likewise
	f.records[":comment"] = "1"  // no comments here either
	f.records[":goal"] = "1"     // likewise

	tok, _, err := auth.NewTokens(db).Create(ctx, "fixture", []string{auth.ScopeResultsRead}, "test")
	if err != nil {
		t.Fatal(err)
	}
	f.records[":token"] = fmt.Sprint(tok.ID)
	// A grant of someone other than :id: removing it through :id's page is
	// a 404 for admins, so the matrix changes no one's roles.
	leadBGrants, err := store.Grants(ctx, f.people[leadB])
	if err != nil || len(leadBGrants) != 1 {
		t.Fatalf("grants of lead B: %v %v", leadBGrants, err)
	}
	f.records[":grant"] = fmt.Sprint(leadBGrants[0].ID)
	return f
}

// request sends one request as a persona, with a fresh session and a valid
// CSRF token, and returns the response.
func (f *fixture) request(t *testing.T, s *Server, method, path string, who persona) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, path, nil)
	csrf := "matrix-token"
	if who != anonymous {
		token, err := auth.NewSessions(f.db).Create(context.Background(), f.people[who])
		if err != nil {
			t.Fatal(err)
		}
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: token})
		csrf = sessionCSRFToken(token)
	}
	req.AddCookie(&http.Cookie{Name: "devpulse_csrf", Value: csrf})
	req.Header.Set("X-CSRF-Token", csrf)
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	return rec
}

func denied(rec *httptest.ResponseRecorder) bool {
	if rec.Code == http.StatusUnauthorized || rec.Code == http.StatusForbidden {
		return true
	}
	return rec.Code == http.StatusSeeOther && strings.HasPrefix(rec.Header().Get("Location"), "/login")
}

func TestRouteRoleTable(t *testing.T) {
	db := testdb.SQLite(t)
	s := newTestServer(t, db, "http://localhost")
	f := newFixture(t, db)
	member := directory.Person{Email: "member.of.b@example.com", Name: string(memberB), TeamID: &f.teamB.ID,
		Active: true, CreatedAt: time.Now(), UpdatedAt: time.Now()}
	if err := directory.NewStore(db).CreatePerson(context.Background(), &member); err != nil {
		t.Fatal(err)
	}
	f.people[memberB] = member.ID

	var keys []string
	for key := range s.rules {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	for key := range routeTable {
		if _, ok := s.rules[key]; !ok {
			t.Errorf("routeTable has %q but no such route is registered", key)
		}
	}
	for _, key := range keys {
		want, ok := routeTable[key]
		if !ok {
			t.Errorf("route %q has no row in routeTable: say who may use it", key)
			continue
		}
		method, path, _ := strings.Cut(key, " ")
		for param, value := range f.records {
			path = strings.ReplaceAll(path, param, value)
		}
		path = strings.ReplaceAll(path, "*", "x")
		for _, who := range matrixPersonas {
			rec := f.request(t, s, method, path, who)
			allow := contains(want, who)
			if denied(rec) == allow {
				t.Errorf("%s as %s: status %d (location %q), want allowed=%v", key, who, rec.Code, rec.Header().Get("Location"), allow)
			}
		}
		if scope, ok := strings.CutPrefix(s.rules[key].Name, "scope "); ok {
			f.checkScopes(t, s, key, method, path, scope)
		}
	}
}

// checkScopes asserts that an API route lets in a token with its scope and
// keeps out tokens without it.
func (f *fixture) checkScopes(t *testing.T, s *Server, key, method, path, scope string) {
	t.Helper()
	for _, sc := range auth.Scopes {
		_, secret, err := auth.NewTokens(f.db).Create(context.Background(), "matrix "+sc, []string{sc}, "test")
		if err != nil {
			t.Fatal(err)
		}
		req := httptest.NewRequest(method, path, nil)
		req.Header.Set("Authorization", "Bearer "+secret)
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, req)
		if allow := sc == scope; denied(rec) == allow {
			t.Errorf("%s with a %s token: status %d, want allowed=%v", key, sc, rec.Code, allow)
		}
	}
}

func contains(list allowed, p persona) bool {
	for _, x := range list {
		if x == p {
			return true
		}
	}
	return false
}
