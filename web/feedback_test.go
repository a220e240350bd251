package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/board"
	"github.com/devpulse/devpulse/internal/testdb"
)

// boardTool adds a tool owned by team A, as an admin would.
func (f *fixture) boardTool(t *testing.T, s *Server) board.Tool {
	t.Helper()
	rec := f.formRequest(t, s, http.MethodPost, "/admin/tools", admin, url.Values{"name": {"CI pipeline"}, "team": {fmt.Sprint(f.teamA.ID)}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("add tool: %d %s", rec.Code, rec.Body)
	}
	tools, err := s.board.Tools(context.Background())
	if err != nil || len(tools) != 1 {
		t.Fatalf("tools %v %v", tools, err)
	}
	return tools[0]
}

func form(kv ...string) url.Values {
	v := url.Values{"_csrf": {"form-token"}}
	for i := 0; i < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return v
}

func TestAdminToolsForm(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s, f := newTestServer(t, db, "http://localhost"), newFixture(t, db)
		tool := f.boardTool(t, s)
		rec := f.formRequest(t, s, http.MethodPost, "/admin/tools", admin, form("name", "ci pipeline", "team", ""))
		if msg, _ := testID(rec.Body.String(), "error-name"); rec.Code != http.StatusUnprocessableEntity || msg == "" {
			t.Fatalf("duplicate tool: %d %q", rec.Code, msg)
		}
		if _, ok := testID(rec.Body.String(), "error-team"); !ok {
			t.Fatal("no message beside the team")
		}
		rec = f.formRequest(t, s, http.MethodPost, fmt.Sprintf("/admin/tools/%d", tool.ID), admin, form("name", "Build pipeline", "team", fmt.Sprint(f.teamB.ID)))
		page := f.followFlash(t, s, rec, admin)
		if !strings.Contains(page, "Build pipeline") || !strings.Contains(page, "Eng/B") {
			t.Fatal("the edited tool is not listed with its new team")
		}
	})
}

func TestFeedbackPostVoteReactAnswer(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s, f := newTestServer(t, db, "http://localhost"), newFixture(t, db)
		tool := f.boardTool(t, s)
		rec := f.formRequest(t, s, http.MethodPost, "/feedback", respondent, form("title", " ", "tool", fmt.Sprint(tool.ID)))
		if msg, _ := testID(rec.Body.String(), "error-title"); rec.Code != http.StatusUnprocessableEntity || msg == "" {
			t.Fatalf("empty title: %d %q", rec.Code, msg)
		}
		rec = f.formRequest(t, s, http.MethodPost, "/feedback", respondent, form("title", "Builds are slow", "tool", fmt.Sprint(tool.ID),
			"description", "See https://ci.example.com/runs?x=1 <script>", "anonymous", "1"))
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("post: %d %s", rec.Code, rec.Body)
		}
		item := rec.Header().Get("Location")
		// Votes and reactions: plain forms redirect back; htmx gets the fragment.
		if rec := f.formRequest(t, s, http.MethodPost, item+"/vote", leadB, form()); rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != item {
			t.Fatalf("vote: %d %q", rec.Code, rec.Header().Get("Location"))
		}
		rec = f.htmx(t, s, item+"/vote", executive, form())
		if got, _ := testID(rec.Body.String(), "vote-count"); rec.Code != http.StatusOK || got != "2 votes" {
			t.Fatalf("htmx vote: %d %q", rec.Code, got)
		}
		for _, who := range []persona{leadB, executive, executive} { // the executive's second removes theirs
			f.formRequest(t, s, http.MethodPost, item+"/reactions", who, form("type", "plus_one"))
		}
		rec = f.htmx(t, s, item+"/reactions", admin, form("type", "heart"))
		if got, _ := testID(rec.Body.String(), "count-heart"); rec.Code != http.StatusOK || got != "1" {
			t.Fatalf("htmx reaction: %d %q", rec.Code, got)
		}
		if rec := f.formRequest(t, s, http.MethodPost, item+"/reactions", admin, form("type", "nope")); rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("unknown reaction type: %d", rec.Code)
		}
		if n := countRows(t, db, &board.Item{}, "anonymous AND title = ?", "Builds are slow"); n != 1 {
			t.Fatalf("anonymous items: %d", n)
		}
		f.answer(t, s, item)
		f.checkItemPage(t, s, item)
	})
}

// answer: another team's lead may not; no reason is refused beside the
// field; the owning team's lead answers.
func (f *fixture) answer(t *testing.T, s *Server, item string) {
	t.Helper()
	if rec := f.formRequest(t, s, http.MethodPost, item+"/status", leadB, form("status", "wont_do", "reason", "no")); rec.Code != http.StatusForbidden {
		t.Fatalf("another team's lead answered: %d", rec.Code)
	}
	rec := f.formRequest(t, s, http.MethodPost, item+"/status", leadA, form("status", "wont_do", "reason", ""))
	if msg, _ := testID(rec.Body.String(), "error-reason"); rec.Code != http.StatusUnprocessableEntity || msg == "" {
		t.Fatalf("won't do without reason: %d %q", rec.Code, msg)
	}
	rec = f.formRequest(t, s, http.MethodPost, item+"/status", leadA, form("status", "wont_do", "reason", "The new runner replaces it in Q3."))
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("answer: %d", rec.Code)
	}
	if rec := f.formRequest(t, s, http.MethodPost, item, respondent, form("title", "x", "tool", "1")); rec.Code != http.StatusConflict {
		t.Fatalf("edit after the answer: %d", rec.Code)
	}
}

func (f *fixture) checkItemPage(t *testing.T, s *Server, item string) {
	t.Helper()
	rec := f.formRequest(t, s, http.MethodGet, item, respondent, nil)
	body := rec.Body.String()
	if got, _ := testID(body, "item-status"); got != "Won&#39;t do" {
		t.Fatalf("status on the page: %q", got)
	}
	if !strings.Contains(body, "The new runner replaces it in Q3.") {
		t.Fatal("the author's view lacks the reason")
	}
	if !strings.Contains(body, `<a href="https://ci.example.com/runs?x=1" rel="nofollow noopener noreferrer"`) || strings.Contains(body, "<script>") {
		t.Fatal("the description's link or escaping is wrong")
	}
	if got, _ := testID(body, "vote-count"); got != "2 votes" {
		t.Fatalf("votes on the page: %q", got)
	}
	for _, who := range []persona{leadA, admin} {
		for _, path := range []string{item, "/feedback"} {
			page := f.formRequest(t, s, http.MethodGet, path, who, nil).Body.String()
			if strings.Contains(page, "respondent") || !strings.Contains(page, "an engineer") {
				t.Fatalf("%s as %s names the anonymous author or lacks \"an engineer\"", path, who)
			}
		}
	}
	if got, _ := testID(body, "reactors"); !strings.Contains(body, "lead of B") || got == "" {
		t.Fatal("named reactors are not listed")
	}
}

// htmx posts as an htmx request would.
func (f *fixture) htmx(t *testing.T, s *Server, path string, who persona, v url.Values) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(v.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("HX-Request", "true")
	token, err := auth.NewSessions(f.db).Create(context.Background(), f.people[who])
	if err != nil {
		t.Fatal(err)
	}
	req.AddCookie(&http.Cookie{Name: sessionCookie, Value: token})
	// The session's own token, as the page's meta tag hands it to htmx.
	req.AddCookie(&http.Cookie{Name: "devpulse_csrf", Value: sessionCSRFToken(token)})
	req.Header.Set("X-CSRF-Token", sessionCSRFToken(token))
	return serve(s, req)
}

func TestFeedbackAPI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s, f := newTestServer(t, db, "http://localhost"), newFixture(t, db)
		tool := f.boardTool(t, s)
		rec := f.formRequest(t, s, http.MethodPost, "/feedback", respondent, form("title", "Flaky tests", "tool", fmt.Sprint(tool.ID), "anonymous", "1"))
		item := rec.Header().Get("Location")
		f.formRequest(t, s, http.MethodPost, item+"/vote", leadB, form())
		f.formRequest(t, s, http.MethodPost, item+"/reactions", leadB, form("type", "heart"))
		f.formRequest(t, s, http.MethodPost, item+"/status", leadA, form("status", "done", "reason", "Fixed the retry."))
		_, secret, err := auth.NewTokens(db).Create(context.Background(), "reader", []string{auth.ScopeResultsRead}, "test")
		if err != nil {
			t.Fatal(err)
		}
		rec = bearerGet(t, s, "/api/v1/feedback", secret)
		var list struct{ Feedback []map[string]any }
		if err := json.Unmarshal(rec.Body.Bytes(), &list); err != nil || rec.Code != http.StatusOK || len(list.Feedback) != 1 {
			t.Fatalf("list: %d %s", rec.Code, rec.Body)
		}
		got := list.Feedback[0]
		if got["status"] != "done" || got["tool"] != "CI pipeline" || got["votes"] != 1.0 || got["author"] != "an engineer" ||
			got["reactions"].(map[string]any)["heart"] != 1.0 || len(got["created"].(string)) != len("2006-01-02") {
			t.Fatalf("item = %v", got)
		}
		rec = bearerGet(t, s, "/api/v1/feedback/"+strings.TrimPrefix(item, "/feedback/"), secret)
		if !strings.Contains(rec.Body.String(), `"history":[{"status":"done","reason":"Fixed the retry."`) {
			t.Fatalf("show: %s", rec.Body)
		}
		if strings.Contains(rec.Body.String(), "respondent") {
			t.Fatal("the API names the anonymous author")
		}
		rec = bearerGet(t, s, "/api/v1/feedback?status=shipped&sort=best", secret)
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), `"status":`) || !strings.Contains(rec.Body.String(), `"sort":`) {
			t.Fatalf("bad query: %d %s", rec.Code, rec.Body)
		}
		if rec := bearerGet(t, s, "/api/v1/feedback/99999", secret); rec.Code != http.StatusNotFound {
			t.Fatalf("missing item: %d", rec.Code)
		}
	})
}

func TestFeedbackComments(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s, f := newTestServer(t, db, "http://localhost"), newFixture(t, db)
		tool := f.boardTool(t, s)
		item := f.formRequest(t, s, http.MethodPost, "/feedback", leadB, form("title", "Deploys", "tool", fmt.Sprint(tool.ID))).Header().Get("Location")
		rec := f.formRequest(t, s, http.MethodPost, item+"/comments", respondent, form("body", ""))
		if msg, _ := testID(rec.Body.String(), "error-body"); rec.Code != http.StatusUnprocessableEntity || msg == "" {
			t.Fatalf("empty comment: %d %q", rec.Code, msg)
		}
		if rec := f.formRequest(t, s, http.MethodPost, item+"/comments", respondent, form("body", "Me too, daily", "anonymous", "1")); rec.Code != http.StatusSeeOther {
			t.Fatalf("comment: %d", rec.Code)
		}
		var c board.Comment
		if err := db.First(&c).Error; err != nil || !c.Anonymous {
			t.Fatalf("comment row %+v %v", c, err)
		}
		path := fmt.Sprintf("%s/comments/%d/reactions", item, c.ID)
		rec = f.htmx(t, s, path, executive, form("type", "insightful"))
		if got, _ := testID(rec.Body.String(), "count-insightful"); rec.Code != http.StatusOK || got != "1" {
			t.Fatalf("comment reaction: %d %q", rec.Code, got)
		}
		if rec := f.formRequest(t, s, http.MethodPost, fmt.Sprintf("/feedback/999/comments/%d/reactions", c.ID), executive, form("type", "heart")); rec.Code != http.StatusNotFound {
			t.Fatalf("comment under another item: %d", rec.Code)
		}
		page := f.formRequest(t, s, http.MethodGet, item, admin, nil).Body.String()
		if got, _ := testID(page, "comment-author"); got != "an engineer" || strings.Contains(page, "respondent") {
			t.Fatalf("comment author shown as %q", got)
		}
		if !strings.Contains(page, fmt.Sprintf(`data-testid="reactions-comment-%d"`, c.ID)) || !strings.Contains(page, "executive 💡 <span class=\"small\">(Insightful)") {
			t.Fatal("the comment's reactions component is missing or lacks its reactor")
		}
	})
}

func TestFeedbackMergeAndFilters(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s, f := newTestServer(t, db, "http://localhost"), newFixture(t, db)
		tool := f.boardTool(t, s)
		keep := f.formRequest(t, s, http.MethodPost, "/feedback", respondent, form("title", "Slow builds", "tool", fmt.Sprint(tool.ID))).Header().Get("Location")
		dup := f.formRequest(t, s, http.MethodPost, "/feedback", leadB, form("title", "Builds too slow", "tool", fmt.Sprint(tool.ID))).Header().Get("Location")
		f.formRequest(t, s, http.MethodPost, keep+"/vote", executive, form())
		f.formRequest(t, s, http.MethodPost, dup+"/vote", executive, form())
		f.formRequest(t, s, http.MethodPost, dup+"/vote", admin, form())
		rec := f.formRequest(t, s, http.MethodPost, dup+"/merge", leadA, form("into", "abc"))
		if msg, _ := testID(rec.Body.String(), "error-into"); rec.Code != http.StatusUnprocessableEntity || msg == "" {
			t.Fatalf("bad merge target: %d %q", rec.Code, msg)
		}
		rec = f.formRequest(t, s, http.MethodPost, dup+"/merge", leadA, form("into", "999"))
		if msg, _ := testID(rec.Body.String(), "error-into"); rec.Code != http.StatusUnprocessableEntity || msg == "" {
			t.Fatalf("missing merge target: %d %q", rec.Code, msg)
		}
		into := strings.TrimPrefix(keep, "/feedback/")
		if rec := f.formRequest(t, s, http.MethodPost, dup+"/merge", leadB, form("into", into)); rec.Code != http.StatusForbidden {
			t.Fatalf("another team's lead merged: %d", rec.Code)
		}
		page := f.followFlash(t, s, f.formRequest(t, s, http.MethodPost, dup+"/merge", leadA, form("into", into)), leadA)
		if got, _ := testID(page, "vote-count"); got != "2 votes" {
			t.Fatalf("votes after merge: %q", got)
		}
		list := f.formRequest(t, s, http.MethodGet, "/feedback?q=slow&sort=trending&status=new&mine=1", respondent, nil).Body.String()
		if !strings.Contains(list, "Slow builds") || strings.Contains(list, "Builds too slow") {
			t.Fatal("the filtered list is wrong")
		}
		if rec := f.formRequest(t, s, http.MethodGet, "/feedback?status=bogus&tool=x&sort=y", respondent, nil); rec.Code != http.StatusOK {
			t.Fatalf("a stale filter link: %d", rec.Code)
		}
	})
}
