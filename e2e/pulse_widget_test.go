package e2e

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/config"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/events"
	"github.com/devpulse/devpulse/internal/pulse"
	"github.com/devpulse/devpulse/internal/testbrowser"
	"github.com/devpulse/devpulse/internal/testdb"
	"github.com/devpulse/devpulse/web/webtest"
)

// toolPage is an internal tool on an origin of its own that embeds the widget.
func toolPage(devpulseURL string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Deploy tool</title>
<link rel="icon" href="data:,"></head><body><h1>Deploy tool</h1><p>Deploy of shop finished.</p>
<div id="devpulse-pulse"></div>
<script src="%s/widget.js" defer></script></body></html>`, devpulseURL)
	})
}

// The widget on a tool page of another origin shows the signed-in person's
// pending ask and records the answer; an origin not allowed gets nothing.
func TestPulseWidgetAcrossOrigins(t *testing.T) {
	db := testdb.SQLite(t)
	dp := httptest.NewUnstartedServer(nil)
	tool := httptest.NewUnstartedServer(nil)
	other := httptest.NewUnstartedServer(nil)
	dpURL := "http://" + dp.Listener.Addr().String()
	toolURL := "http://" + tool.Listener.Addr().String()
	deps := pulseDeps(t, db, func(c *config.Config) { c.BaseURL, c.WidgetOrigins = dpURL, toolURL })
	dp.Config.Handler = webtest.Server(t, deps).Handler()
	tool.Config.Handler, other.Config.Handler = toolPage(dpURL), toolPage(dpURL)
	for _, s := range []*httptest.Server{dp, tool, other} {
		s.Start()
		t.Cleanup(s.Close)
	}
	svc := startPulseWorkers(t, deps)
	ada := askAfterDeploy(t, db, svc)

	b := testbrowser.New(t)
	signInAs(t, b, db, dpURL, ada.ID)
	widgetAnswersTheAsk(t, b, db, toolURL)

	// A tool on an origin that is not allowed: the browser is refused the
	// ask (no CORS headers), so nothing shows.
	b.Expect("blocked by CORS policy")
	b.Expect("Failed to load resource")
	var widgets int
	b.Run(
		chromedp.Navigate(other.URL),
		chromedp.Sleep(1500*time.Millisecond),
		chromedp.Evaluate(`document.querySelectorAll("[data-devpulse-widget]").length`, &widgets),
	)
	if widgets != 0 {
		t.Fatalf("%d widgets on a page of an origin not allowed", widgets)
	}
}

// askAfterDeploy makes Ada, who takes asks in her tools, a programme on
// deploys, and a deploy of hers, and waits until her ask is open.
func askAfterDeploy(t *testing.T, db *gorm.DB, svc *pulse.Service) directory.Person {
	t.Helper()
	ctx := context.Background()
	team, _ := directory.EnsureTeam(ctx, db, "Eng/Platform")
	ada := directory.Person{Email: "ada@example.com", Name: "Ada", TeamID: &team.ID, Active: true, CreatedAt: time.Now(), UpdatedAt: time.Now()}
	if err := directory.NewStore(db).CreatePerson(ctx, &ada); err != nil {
		t.Fatal(err)
	}
	if err := svc.SetPrefs(ctx, ada.ID, "", string(pulse.ChanTools)); err != nil {
		t.Fatal(err)
	}
	d := pulse.Definition{Key: "deploys", Name: "Deploys", OwnerTeam: "Eng/Platform", SamplePercent: 100, ExpiryHours: 72,
		Questions: pulse.Questions{Rating: "How was this deploy?", Comment: "What got in the way?"}}
	d.Trigger.Type = "deploy.completed"
	if _, _, err := svc.Save(ctx, d, "test"); err != nil {
		t.Fatal(err)
	}
	store := events.NewStore(db)
	store.OnStored(svc.Decide)
	if _, err := store.Ingest(ctx, events.SourceAPI, []events.Input{{Type: "deploy.completed", Person: "ada@example.com", Key: "d1",
		Context: []byte(`{"repository": "acme/shop", "duration_seconds": 312}`)}}); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		var n int64
		db.Model(&pulse.Ask{}).Where("state = ?", pulse.StateOpen).Count(&n)
		if n == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the ask was not opened")
		}
	}
	return ada
}

// widgetAnswersTheAsk: on the allowed tool's page the widget shows the
// ask, and the rating and comment given there are stored with the event's
// context.
func widgetAnswersTheAsk(t *testing.T, b *testbrowser.Browser, db *gorm.DB, toolURL string) {
	t.Helper()
	var thanks string
	b.Run(
		chromedp.Navigate(toolURL),
		chromedp.WaitVisible(`[data-devpulse-widget]`, chromedp.ByQuery),
		chromedp.Click(`[data-devpulse-widget] button[data-rating="4"]`, chromedp.ByQuery),
		chromedp.SendKeys(`[data-devpulse-comment]`, "Canary step was slow", chromedp.ByQuery),
	)
	b.Screenshot("pulse-widget-ask")
	b.Run(
		chromedp.Click(`[data-devpulse-send]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-devpulse-thanks]`, chromedp.ByQuery),
		chromedp.Text(`[data-devpulse-widget]`, &thanks, chromedp.ByQuery),
	)
	b.Screenshot("pulse-widget-thanks")
	if !strings.Contains(thanks, "Thanks") {
		t.Fatalf("widget says %q", thanks)
	}
	var ans pulse.Answer
	if err := db.First(&ans).Error; err != nil {
		t.Fatal(err)
	}
	if ans.Rating != 4 || ans.Comment != "Canary step was slow" || ans.Channel != "tools" || !strings.Contains(ans.Context, "acme/shop") {
		t.Fatalf("answer %+v", ans)
	}
}
