package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/oauth2-proxy/mockoidc"

	"github.com/devpulse/devpulse/internal/config"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/testbrowser"
	"github.com/devpulse/devpulse/internal/testdb"
	"github.com/devpulse/devpulse/web"
)

// TestLeadSignsInWithSSOAndSeesOwnSubtree: a team lead signs in through a
// real OIDC provider and sees only the teams they lead and those below.
func TestLeadSignsInWithSSOAndSeesOwnSubtree(t *testing.T) {
	m, err := mockoidc.Run()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = m.Shutdown() })
	db := testdb.SQLite(t)
	ctx := context.Background()
	teams := map[string]directory.Team{}
	for _, path := range []string{"Engineering/Platform/Release", "Engineering/Platform/Observability", "Engineering/Payments", "Sales"} {
		if _, err := directory.EnsureTeam(ctx, db, path); err != nil {
			t.Fatal(err)
		}
	}
	all, _ := directory.NewStore(db).Teams(ctx)
	for _, tm := range all {
		teams[tm.Path] = tm
	}
	lead := addPerson(t, db, "lena@example.com", "Lena Lead", "")
	if _, err := directory.AddGrant(ctx, db, lead.ID, directory.RoleLead, &[]int64{teams["Engineering/Platform"].ID}[0]); err != nil {
		t.Fatal(err)
	}
	base := startConfigured(t, db, func(c *config.Config, _ *web.Deps) {
		c.OIDCIssuer, c.OIDCClientID, c.OIDCClientSecret = m.Issuer(), m.ClientID, m.ClientSecret
	})
	b := testbrowser.New(t)
	b.Expect("status of 403")

	m.QueueUser(&mockoidc.MockUser{Subject: "lena", Email: "LENA@example.com", EmailVerified: true})
	var shown string
	b.Run(chromedp.Navigate(base + "/teams")) // not signed in: sent to /login, then back
	b.ClickNavigate(`[data-testid="sso-button"]`)
	b.Run(
		chromedp.WaitVisible(`[data-testid="teams"]`, chromedp.ByQuery),
		chromedp.Text(`[data-testid="teams"]`, &shown, chromedp.ByQuery),
	)
	for _, want := range []string{"Platform", "Release", "Observability"} {
		if !strings.Contains(shown, want) {
			t.Errorf("lead's team list lacks %s:\n%s", want, shown)
		}
	}
	for _, hidden := range []string{"Payments", "Sales"} {
		if strings.Contains(shown, hidden) {
			t.Errorf("lead sees %s, outside their subtree:\n%s", hidden, shown)
		}
	}
	b.Screenshot("lead-sso-teams")

	var status string
	b.Run(
		chromedp.Navigate(fmt.Sprintf("%s/teams/%d", base, teams["Sales"].ID)),
		chromedp.WaitVisible(`[data-testid="error"]`, chromedp.ByQuery),
		chromedp.Text(`.error-status`, &status, chromedp.ByQuery),
	)
	if status != "403" {
		t.Fatalf("another team's page: status %q, want 403", status)
	}
}
