package web

import (
	"context"
	"net/http"
	"net/http/cookiejar"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/config"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/pulse"
	"github.com/devpulse/devpulse/internal/testdb"
)

const toolOrigin = "https://deploy.example.com"

func TestWidgetCORS(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		l := startPulseLive(t, db, func(c *config.Config) { c.WidgetOrigins = toolOrigin + ", https://ci.example.com" })
		_, _, people := pulseOrg(t, db, directory.Person{Email: "di@example.com", Name: "Di"})
		di := people[0]
		deployProgramme(t, l.pulse.svc)
		if err := l.pulse.svc.SetPrefs(context.Background(), di.ID, "", string(pulse.ChanTools)); err != nil {
			t.Fatal(err)
		}
		l.sendEvent(t, "di@example.com", "deploy-1")
		ask := waitAsk(t, db, di.ID)
		l.signInLive(t, db, di.ID)

		call := func(method, path, origin, contentType, body string) (*http.Response, map[string]any) {
			return widgetCall(t, l.client, l.URL, method, path, origin, contentType, body)
		}
		checkWidgetAskOrigins(t, call, ask.ID)
		checkWidgetAnswerOrigins(t, db, call, ask.ID)

		// Nobody signed in: no ask.
		anon := &http.Client{Timeout: 10 * time.Second}
		anon.Jar, _ = cookiejar.New(nil)
		r2, anonOut := widgetCall(t, anon, l.URL, "GET", "/widget/ask", toolOrigin, "", "")
		if r2.StatusCode != http.StatusOK || anonOut["ask"] != nil {
			t.Fatalf("anonymous: %d %v", r2.StatusCode, anonOut)
		}
	})
}

// widgetCall is one request as the widget's page would make it, with an Origin
// header and content type when given; it decodes the JSON answer.
func widgetCall(t *testing.T, client *http.Client, base, method, path, origin, contentType, body string) (*http.Response, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(method, base+path, strings.NewReader(body))
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	return doJSON(t, client, req)
}

type widgetCaller func(method, path, origin, contentType, body string) (*http.Response, map[string]any)

// checkWidgetAskOrigins: only a listed origin reads the ask, with credentials.
func checkWidgetAskOrigins(t *testing.T, call widgetCaller, askID int64) {
	t.Helper()
	// Another origin: refused, and no CORS header lets its page read anything.
	resp, _ := call("GET", "/widget/ask", "https://evil.example.com", "", "")
	if resp.StatusCode != http.StatusForbidden || resp.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Fatalf("other origin: %d %v", resp.StatusCode, resp.Header)
	}
	resp, out := call("GET", "/widget/ask", toolOrigin, "", "")
	a, _ := out["ask"].(map[string]any)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Access-Control-Allow-Origin") != toolOrigin ||
		resp.Header.Get("Access-Control-Allow-Credentials") != "true" || a == nil || a["id"] != float64(askID) {
		t.Fatalf("allowed origin: %d %v %v", resp.StatusCode, resp.Header, out)
	}
}

// checkWidgetAnswerOrigins: an answer is stored only when it comes as JSON from
// a listed origin; form posts and other or missing origins store nothing.
func checkWidgetAnswerOrigins(t *testing.T, db *gorm.DB, call widgetCaller, askID int64) {
	t.Helper()
	const jsonType = "application/json" // what the widget sends
	resp, _ := call("OPTIONS", "/widget/answer", toolOrigin, "", "")
	if resp.StatusCode != http.StatusNoContent || !strings.Contains(resp.Header.Get("Access-Control-Allow-Headers"), "Content-Type") {
		t.Fatalf("preflight: %d %v", resp.StatusCode, resp.Header)
	}
	body := `{"ask_id": ` + itoa(askID) + `, "rating": 3}`
	// A form post (which any site can make without a preflight) is refused.
	resp, out := call("POST", "/widget/answer", toolOrigin, "application/x-www-form-urlencoded", body)
	if resp.StatusCode != http.StatusUnsupportedMediaType || resp.Header.Get("Access-Control-Allow-Origin") != toolOrigin {
		t.Fatalf("form post: %d %v", resp.StatusCode, out)
	}
	if resp, _ = call("POST", "/widget/answer", "", jsonType, body); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("answer without an origin: %d", resp.StatusCode)
	}
	if resp, _ = call("POST", "/widget/answer", "https://evil.example.com", jsonType, body); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("answer from another origin: %d", resp.StatusCode)
	}
	if n := countRows(t, db, &pulse.Answer{}, ""); n != 0 {
		t.Fatalf("refused answers stored %d rows", n)
	}
	resp, out = call("POST", "/widget/answer", toolOrigin, jsonType, body)
	if resp.StatusCode != http.StatusOK || out["message"] == nil {
		t.Fatalf("answer: %d %v", resp.StatusCode, out)
	}
	var ans pulse.Answer
	if err := db.Where("ask_id = ?", askID).First(&ans).Error; err != nil || ans.Rating != 3 || ans.Channel != "tools" {
		t.Fatalf("stored %+v %v", ans, err)
	}
}
