package web

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/config"
	"github.com/devpulse/devpulse/internal/events"
	"github.com/devpulse/devpulse/internal/testdb"
)

// apiCall sends a JSON request with a bearer token (or none) and decodes the answer.
func (l *liveServer) apiCall(t *testing.T, method, path, token, body string, header map[string]string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(method, l.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, out := doJSON(t, http.DefaultClient, req)
	return resp.StatusCode, out
}

// doJSON sends req with client and decodes the JSON answer, if any.
func doJSON(t *testing.T, client *http.Client, req *http.Request) (*http.Response, map[string]any) {
	t.Helper()
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp, out
}

func apiToken(t *testing.T, db *gorm.DB, scopes ...string) string {
	t.Helper()
	_, secret, err := auth.NewTokens(db).Create(context.Background(), "test "+strings.Join(scopes, " "), scopes, "test")
	if err != nil {
		t.Fatal(err)
	}
	return secret
}

func TestEventsAPI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		l := startLive(t, db, nil)
		ada := addPerson(t, db, "ada@example.com", "Ada", true)
		tok := apiToken(t, db, auth.ScopeEventsWrite)

		one := `{"type": "deploy.completed", "person": "ada@example.com", "key": "deploy-1", "occurred_at": "2026-12-01T10:00:00Z", "context": {"repository": "infra-live"}}`
		status, out := l.apiCall(t, "POST", "/api/v1/events", tok, one, nil)
		if status != http.StatusAccepted || out["id"] == nil || out["matched"] != true {
			t.Fatalf("first: %d %v", status, out)
		}
		status, again := l.apiCall(t, "POST", "/api/v1/events", tok, one, nil)
		if status != http.StatusOK || again["duplicate"] != true || again["id"] != out["id"] {
			t.Fatalf("duplicate: %d %v", status, again)
		}
		if n := countRows(t, db, &events.Event{}, "person_id = ?", ada.ID); n != 1 {
			t.Fatalf("%d events stored for ada", n)
		}

		batch := `{"events": [{"type": "pr.merged", "person": "octo-unknown", "key": "pr-1"}, {"type": "pr.merged", "person": "ada@example.com", "key": "pr-2"}]}`
		status, out = l.apiCall(t, "POST", "/api/v1/events", tok, batch, nil)
		evs, _ := out["events"].([]any)
		if status != http.StatusAccepted || len(evs) != 2 || evs[0].(map[string]any)["matched"] != false {
			t.Fatalf("batch: %d %v", status, out)
		}
		if n := countRows(t, db, &events.Event{}, "person_id IS NULL AND person_ref = ?", "octo-unknown"); n != 1 {
			t.Fatalf("unmatched event stored %d times", n)
		}

		bad := `{"events": [{"type": "pr.merged", "person": "ada@example.com", "key": "pr-3"}, {"type": "PR merged", "person": "ada@example.com"}]}`
		status, out = l.apiCall(t, "POST", "/api/v1/events", tok, bad, nil)
		errs, _ := out["errors"].([]any)
		if status != http.StatusUnprocessableEntity || len(errs) != 2 {
			t.Fatalf("bad batch: %d %v", status, out)
		}
		first := errs[0].(map[string]any)
		if first["index"] != float64(1) || first["field"] != "type" || !strings.Contains(first["message"].(string), "lower-case") {
			t.Fatalf("field error %v", first)
		}
		if n := countRows(t, db, &events.Event{}, "event_key = ?", "pr-3"); n != 0 {
			t.Fatal("a refused batch stored its good event")
		}

		if status, out = l.apiCall(t, "POST", "/api/v1/events", tok, `[1,2]`, nil); status != http.StatusBadRequest {
			t.Fatalf("not an object: %d %v", status, out)
		}
		if status, _ = l.apiCall(t, "POST", "/api/v1/events", apiToken(t, db, auth.ScopeResultsRead), one, nil); status != http.StatusForbidden {
			t.Fatalf("wrong scope: %d", status)
		}
		if status, _ = l.apiCall(t, "POST", "/api/v1/events", "", one, nil); status != http.StatusUnauthorized {
			t.Fatalf("no token: %d", status)
		}
	})
}

const prMergedPayload = `{"action": "closed", "repository": {"name": "infra-live", "full_name": "acme/infra-live"},
 "sender": {"login": "ada-gh"},
 "pull_request": {"number": 42, "merged": true, "html_url": "https://github.com/acme/infra-live/pull/42",
  "user": {"login": "Ada-GH"}, "additions": 10, "deletions": 3, "created_at": "2026-12-01T08:00:00Z",
  "merged_at": "2026-12-01T10:00:00Z", "merge_commit_sha": "abc123", "labels": [{"name": "terraform"}], "base": {"ref": "main"}}}`

func signGitHub(secret, body string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(body))
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

func TestGitHubWebhook(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		l := startLive(t, db, func(c *config.Config, _ *Deps) { c.GitHubWebhookSecret = "hook-secret" })
		ada := addPerson(t, db, "ada@example.com", "Ada", true)
		db.Model(&ada).Update("github_login", "ada-gh")
		deliver := func(kind, id, body, sig string) (int, map[string]any) {
			return l.apiCall(t, "POST", "/webhooks/github", "", body, map[string]string{
				"X-GitHub-Event": kind, "X-GitHub-Delivery": id, "X-Hub-Signature-256": sig})
		}
		// Bad and missing signatures: 401 and nothing stored.
		for _, sig := range []string{"", signGitHub("wrong", prMergedPayload), "sha256=00"} {
			if status, _ := deliver("pull_request", "d-1", prMergedPayload, sig); status != http.StatusUnauthorized {
				t.Fatalf("signature %q: %d", sig, status)
			}
		}
		if n := countRows(t, db, &events.Event{}, ""); n != 0 {
			t.Fatalf("%d events stored from unsigned deliveries", n)
		}
		status, out := deliver("pull_request", "d-1", prMergedPayload, signGitHub("hook-secret", prMergedPayload))
		if status != http.StatusAccepted || out["matched"] != true {
			t.Fatalf("merged PR: %d %v", status, out)
		}
		// A redelivery (same X-GitHub-Delivery) counts once.
		if status, out = deliver("pull_request", "d-1", prMergedPayload, signGitHub("hook-secret", prMergedPayload)); status != http.StatusOK || out["duplicate"] != true {
			t.Fatalf("redelivery: %d %v", status, out)
		}
		var e events.Event
		if err := db.Where("event_key = ?", "github:d-1").First(&e).Error; err != nil {
			t.Fatal(err)
		}
		var ctx map[string]any
		_ = json.Unmarshal([]byte(e.Context), &ctx)
		if e.Type != events.TypePRMerged || *e.PersonID != ada.ID || ctx["repository"] != "acme/infra-live" || ctx["pr_number"] != float64(42) ||
			ctx["lead_time_seconds"] != float64(7200) || ctx["labels"].([]any)[0] != "terraform" || e.Source != events.SourceGitHub {
			t.Fatalf("stored %+v context %v", e, ctx)
		}

		deploy := `{"repository": {"full_name": "acme/shop"}, "sender": {"login": "ada-gh"},
		 "deployment": {"id": 7, "sha": "def", "environment": "production", "creator": {"login": "ada-gh"}, "created_at": "2026-12-02T09:00:00Z"},
		 "deployment_status": {"state": "success", "created_at": "2026-12-02T09:05:00Z"}}`
		if status, _ = deliver("deployment_status", "d-2", deploy, signGitHub("hook-secret", deploy)); status != http.StatusAccepted {
			t.Fatalf("deployment: %d", status)
		}
		run := `{"action": "completed", "repository": {"full_name": "acme/shop"}, "sender": {"login": "ada-gh"},
		 "workflow_run": {"id": 9, "name": "ci", "conclusion": "failure", "head_branch": "main", "run_started_at": "2026-12-02T09:00:00Z", "updated_at": "2026-12-02T09:12:00Z", "actor": {"login": "ada-gh"}}}`
		if status, _ = deliver("workflow_run", "d-3", run, signGitHub("hook-secret", run)); status != http.StatusAccepted {
			t.Fatalf("workflow run: %d", status)
		}
		open := `{"action": "opened", "pull_request": {"number": 1, "merged": false, "user": {"login": "ada-gh"}}}`
		if status, _ = deliver("pull_request", "d-4", open, signGitHub("hook-secret", open)); status != http.StatusOK {
			t.Fatalf("opened PR: %d", status)
		}
		var types []string
		db.Model(&events.Event{}).Order("id").Pluck("type", &types)
		if strings.Join(types, ",") != "pr.merged,deploy.completed,ci.finished" {
			t.Fatalf("stored types %v", types)
		}
	})
}
