package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/testbrowser"
	"github.com/devpulse/devpulse/internal/testdb"
)

// newAdmin adds a person with the admin role and returns their ID.
func newAdmin(t *testing.T, db *gorm.DB, email, name string) int64 {
	t.Helper()
	ctx := context.Background()
	person := directory.Person{Email: email, Name: name, Active: true, CreatedAt: time.Now(), UpdatedAt: time.Now()}
	if err := directory.NewStore(db).CreatePerson(ctx, &person); err != nil {
		t.Fatal(err)
	}
	if _, err := directory.AddGrant(ctx, db, person.ID, directory.RoleAdmin, nil); err != nil {
		t.Fatal(err)
	}
	return person.ID
}

// callTeams calls GET /api/v1/teams with a bearer token as another system would.
func callTeams(t *testing.T, base, secret string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, base+"/api/v1/teams", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+secret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var teams []struct {
		Path string `json:"path"`
	}
	if resp.StatusCode == http.StatusOK {
		if err := json.NewDecoder(resp.Body).Decode(&teams); err != nil {
			t.Fatal(err)
		}
	}
	var paths []string
	for _, team := range teams {
		paths = append(paths, team.Path)
	}
	return resp.StatusCode, strings.Join(paths, " ")
}

func TestAdminTokensAndAuditLog(t *testing.T) {
	db := testdb.SQLite(t)
	base := startServer(t, db)
	ctx := context.Background()
	for _, path := range []string{"Engineering/Platform", "Engineering/Payments/Checkout"} {
		if _, err := directory.EnsureTeam(ctx, db, path); err != nil {
			t.Fatal(err)
		}
	}
	// Earlier tokens, so the list shows each state: one in use, one revoked.
	earlierTokens(t, db)

	b := testbrowser.New(t)
	signInAs(t, b, db, base, newAdmin(t, db, "ada@example.com", "Ada Admin"))
	secret := adminCreatesToken(t, b, base)
	status, paths := callTeams(t, base, secret)
	if status != http.StatusOK || paths != "Engineering Engineering/Payments Engineering/Payments/Checkout Engineering/Platform" {
		t.Fatalf("GET /api/v1/teams with the new token: %d %q", status, paths)
	}
	adminRevokesToken(t, b, db, base)
	if status, _ := callTeams(t, base, secret); status != http.StatusUnauthorized {
		t.Fatalf("GET /api/v1/teams with the revoked token: %d, want 401", status)
	}
	auditLogShowsTokenEvents(t, b, base)
}

// earlierTokens makes a token in use and a revoked one, through the CLI's
// audited calls.
func earlierTokens(t *testing.T, db *gorm.DB) {
	t.Helper()
	ctx := context.Background()
	tokens, log := auth.NewTokens(db), audit.New(db)
	_, hrSecret, err := tokens.CreateAudited(ctx, log, "cli", "HR roster sync", []string{auth.ScopeRosterWrite})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tokens.Principal(ctx, hrSecret); err != nil {
		t.Fatal(err)
	}
	old, _, err := tokens.CreateAudited(ctx, log, "cli", "Old exporter", []string{auth.ScopeResultsRead, auth.ScopeEventsWrite})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tokens.RevokeAudited(ctx, log, "cli", old.ID); err != nil {
		t.Fatal(err)
	}
}

// adminCreatesToken creates a results:read token in the browser and
// returns its secret, shown once.
func adminCreatesToken(t *testing.T, b *testbrowser.Browser, base string) string {
	t.Helper()
	var secret, notice string
	b.Run(
		chromedp.Navigate(base+"/admin/tokens"),
		chromedp.WaitVisible(`[data-testid="admin-tokens"]`, chromedp.ByQuery),
		chromedp.SendKeys(`#token-name`, "BI dashboard", chromedp.ByQuery),
		chromedp.Click(`[data-testid="scope-results:read"]`, chromedp.ByQuery),
		chromedp.Click(`[data-testid="create-token"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid="token-secret"]`, chromedp.ByQuery),
		chromedp.Value(`[data-testid="token-secret"]`, &secret, chromedp.ByQuery),
		chromedp.Text(`[data-testid="token-created"]`, &notice, chromedp.ByQuery),
	)
	if !strings.HasPrefix(secret, auth.TokenPrefix) || !strings.Contains(notice, "won't be shown again") {
		t.Fatalf("secret %q, notice %q", secret, notice)
	}
	b.Screenshot("admin-tokens")
	return secret
}

// adminRevokesToken: the list, reached again, does not show the secret but
// shows the token's last use; revoking it says so.
func adminRevokesToken(t *testing.T, b *testbrowser.Browser, db *gorm.DB, base string) {
	t.Helper()
	var created auth.Token
	if err := db.Where("name = ?", "BI dashboard").First(&created).Error; err != nil {
		t.Fatal(err)
	}
	row := fmt.Sprintf(`[data-testid="token-%d"]`, created.ID)
	var shown int
	var flash, state, lastUsed string
	b.Run(
		chromedp.Navigate(base+"/admin/tokens"),
		chromedp.WaitVisible(row, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll('[data-testid="token-secret"]').length`, &shown),
		chromedp.Text(row+` [data-testid="last-used"]`, &lastUsed, chromedp.ByQuery),
		chromedp.Click(fmt.Sprintf(`[data-testid="revoke-%d"]`, created.ID), chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid="flash"]`, chromedp.ByQuery),
		chromedp.Text(`[data-testid="flash"]`, &flash, chromedp.ByQuery),
		chromedp.Text(row+` [data-testid="state"]`, &state, chromedp.ByQuery),
	)
	if shown != 0 {
		t.Error("the secret is shown again")
	}
	if !strings.Contains(lastUsed, "UTC") {
		t.Errorf("last used %q after an API call", lastUsed)
	}
	if !strings.Contains(flash, "BI dashboard") || !strings.Contains(state, "revoked") {
		t.Errorf("after revoking: flash %q, state %q", flash, state)
	}
}

// auditLogShowsTokenEvents: the audit log lists the five token events,
// newest first, and filters by action.
func auditLogShowsTokenEvents(t *testing.T, b *testbrowser.Browser, base string) {
	t.Helper()
	var table string
	var rows, filtered int
	b.Run(
		chromedp.Navigate(base+"/admin/audit"),
		chromedp.WaitVisible(`[data-testid="audit-table"]`, chromedp.ByQuery),
		chromedp.Text(`[data-testid="audit-table"] tbody`, &table, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll('[data-testid="audit-row"]').length`, &rows),
	)
	b.Screenshot("admin-audit")
	if rows != 5 {
		t.Errorf("%d audit rows, want 5", rows)
	}
	lines := strings.Split(strings.TrimSpace(table), "\n")
	if len(lines) < 2 || !strings.Contains(lines[0], "ada@example.com") || !strings.Contains(lines[0], "token.revoke") ||
		!strings.Contains(lines[1], "ada@example.com") || !strings.Contains(lines[1], "token.create") || !strings.Contains(lines[1], "BI dashboard") {
		t.Errorf("audit log, newest first, should start with the revoke and the create:\n%s", table)
	}

	b.Run(
		chromedp.SetValue(`#audit-action`, auth.ActionTokenRevoke, chromedp.ByQuery),
		chromedp.Click(`[data-testid="audit-filter"] button[type="submit"]`, chromedp.ByQuery),
		chromedp.WaitReady(`option[value="token.revoke"][selected]`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll('[data-testid="audit-row"]').length`, &filtered),
	)
	if filtered != 2 {
		t.Errorf("%d rows with action token.revoke, want 2", filtered)
	}
}
