package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/results/resultstest"
	"github.com/devpulse/devpulse/internal/testdb"
)

const anonymousComment = "Code review waits three days on average."

// replyWorld: team A's people (the fixture's personas and one more)
// answered a closed snapshot; the respondent persona left
// anonymousComment. It returns the comment's ID.
func replyWorld(t *testing.T, db *gorm.DB) (*fixture, int64) {
	t.Helper()
	f, w := sharedWorld(t, db)
	respondentEmail := "respondent@example.com"
	w.Snapshot(t, "2026 Q1", func(p directory.Person) *resultstest.Answers {
		if p.Email == respondentEmail {
			return &resultstest.Answers{Comment: anonymousComment}
		}
		return &resultstest.Answers{}
	})
	var id int64
	if err := db.Raw("SELECT id FROM result_comments WHERE body = ?", anonymousComment).Scan(&id).Error; err != nil || id == 0 {
		t.Fatalf("comment: %d %v", id, err)
	}
	return f, id
}

func TestRepliesToAnonymousComments(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s := newTestServer(t, db, "http://localhost")
		f, id := replyWorld(t, db)
		thread := fmt.Sprintf("/comments/%d", id)
		get := func(path string, who persona) (int, string) {
			rec := f.formRequest(t, s, http.MethodGet, path, who, nil)
			return rec.Code, rec.Body.String()
		}
		post := func(path string, who persona, body string) int {
			return f.formRequest(t, s, http.MethodPost, path, who, url.Values{"body": {body}}).Code
		}
		dash := fmt.Sprintf("/teams/%d", f.teamA.ID)
		if _, page := get(dash, leadA); !strings.Contains(page, `href="`+thread+`"`) {
			t.Fatal("the lead's dashboard has no reply link")
		}
		if _, page := get(dash, respondent); strings.Contains(page, `data-testid="comment-reply"`) {
			t.Fatal("a respondent reading the dashboard is offered to reply")
		}
		if code, _ := get(thread, leadB); code != http.StatusNotFound {
			t.Fatalf("lead of B opens a comment of A: %d", code)
		}
		if code := post(thread+"/replies", respondent, "hi"); code != http.StatusForbidden {
			t.Fatalf("respondent replies: %d", code)
		}
		rec := f.formRequest(t, s, http.MethodPost, thread+"/replies", leadA, url.Values{"body": {" "}})
		if msg, _ := testID(rec.Body.String(), "error-body"); rec.Code != http.StatusUnprocessableEntity || msg == "" {
			t.Fatalf("empty reply: %d %q", rec.Code, msg)
		}
		if code := post(thread+"/replies", leadA, "Which repositories?"); code != http.StatusSeeOther {
			t.Fatalf("reply: %d", code)
		}
		if _, page := get(dash, leadA); !strings.Contains(page, "Thread (1 message): read or reply") {
			t.Fatal("the dashboard does not say the comment has a thread")
		}
		checkAuthorSide(t, f, s, id)
		if _, page := get(dash, executive); !strings.Contains(page, "Thread (2 messages), the author answered") {
			t.Fatal("the dashboard does not say the author answered")
		}
		_, page := get(thread, executive)
		if !strings.Contains(page, "The author") || !strings.Contains(page, "The payments one.") || strings.Contains(page, "respondent@example.com") {
			t.Fatal("the thread as readers see it shows no answer, or names the author")
		}
		if code := post(fmt.Sprintf("/me/comments/%d/delete", id), leadA, ""); code != http.StatusNotFound {
			t.Fatalf("someone else deletes the comment: %d", code)
		}
		if code := post(fmt.Sprintf("/me/comments/%d/delete", id), respondent, ""); code != http.StatusSeeOther {
			t.Fatalf("delete: %d", code)
		}
		if _, page := get(dash, leadA); strings.Contains(page, anonymousComment) {
			t.Fatal("the deleted comment is still on the dashboard")
		}
		if code, _ := get(thread, leadA); code != http.StatusNotFound {
			t.Fatalf("the deleted comment's thread: %d", code)
		}
	})
}

// checkAuthorSide: the author reads the reply at home and answers it.
func checkAuthorSide(t *testing.T, f *fixture, s *Server, id int64) {
	t.Helper()
	home := f.formRequest(t, s, http.MethodGet, "/", respondent, nil).Body.String()
	if got, _ := testID(home, "home-reply-body"); got != "Which repositories?" {
		t.Fatalf("home shows reply %q", got)
	}
	if got := f.formRequest(t, s, http.MethodGet, "/", leadB, nil).Body.String(); strings.Contains(got, "Which repositories?") {
		t.Fatal("someone else's home page shows the reply")
	}
	answer := fmt.Sprintf("/me/comments/%d/answer", id)
	if rec := f.formRequest(t, s, http.MethodPost, answer, respondent, url.Values{"body": {""}}); rec.Code != http.StatusUnprocessableEntity {
		t.Fatalf("empty answer: %d", rec.Code)
	}
	if rec := f.formRequest(t, s, http.MethodPost, answer, respondent, url.Values{"body": {"The payments one."}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("answer: %d", rec.Code)
	}
	mine := f.formRequest(t, s, http.MethodGet, "/me/comments", respondent, nil).Body.String()
	if !strings.Contains(mine, "The payments one.") || !strings.Contains(mine, "Which repositories?") {
		t.Fatal("the author's comments page lacks the thread")
	}
}
