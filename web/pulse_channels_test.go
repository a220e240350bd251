package web

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"github.com/devpulse/devpulse/internal/app"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/config"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/jobs"
	"github.com/devpulse/devpulse/internal/pulse"
	"github.com/devpulse/devpulse/internal/testdb"
	"github.com/devpulse/devpulse/internal/testslack"
	"github.com/devpulse/devpulse/internal/testsmtp"
)

// pulseLive is the app with SMTP, Slack and a job runner that sends asks.
type pulseLive struct {
	*liveServer
	mail  *testsmtp.Server
	slack *testslack.Server
	token string // events:write
}

func startPulseLive(t *testing.T, db *gorm.DB, configure func(*config.Config)) *pulseLive {
	t.Helper()
	p := &pulseLive{mail: testsmtp.Start(t), slack: testslack.Start(t)}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	queue, err := jobs.New(db, nil, quiet)
	if err != nil {
		t.Fatal(err)
	}
	var deps Deps
	p.liveServer = startLive(t, db, func(c *config.Config, d *Deps) {
		c.SMTPURL, c.MailFrom = p.mail.URL(), "devpulse@example.com"
		c.SlackToken, c.SlackAPIURL = "xoxb-test", p.slack.APIURL()
		c.SlackSigningSecret = "slack-signing"
		if configure != nil {
			configure(c)
		}
		d.Jobs = queue
		deps = *d
		deps.Config = *c
	})
	deps.Config.BaseURL = p.URL
	if err := deps.Config.Validate(); err != nil {
		t.Fatal(err)
	}
	workers := jobs.NewWorkers()
	svc, err := app.New(deps.Config, db, queue)
	if err != nil {
		t.Fatal(err)
	}
	pulse.RegisterWorkers(workers, svc.Pulse)
	runner, err := jobs.New(db, workers, quiet)
	if err != nil {
		t.Fatal(err)
	}
	if err := runner.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { runner.Stop(context.Background()) })
	p.token = apiToken(t, db, auth.ScopeEventsWrite)
	return p
}

// deployProgramme asks everyone about every deploy, at once.
func deployProgramme(t *testing.T, svc *pulse.Service) pulse.Programme {
	t.Helper()
	d := pulse.Definition{Key: "deploys", Name: "Deploys", OwnerTeam: "Eng/Platform", SamplePercent: 100, ExpiryHours: 72,
		Questions: pulse.Questions{Rating: "How was this deploy?", Comment: "What got in the way?"}}
	d.Trigger.Type = "deploy.completed"
	p, _, err := svc.Save(context.Background(), d, "test")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func (p *pulseLive) sendEvent(t *testing.T, person, key string) {
	t.Helper()
	body := fmt.Sprintf(`{"type": "deploy.completed", "person": %q, "key": %q, "context": {"repository": "acme/shop", "duration_seconds": 312, "commit": "abc123", "url": "https://ci.example.com/run/1"}}`, person, key)
	if status, out := p.apiCall(t, "POST", "/api/v1/events", p.token, body, nil); status != http.StatusAccepted {
		t.Fatalf("event: %d %v", status, out)
	}
}

// waitAsk waits until the person's ask has left the scheduled state.
func waitAsk(t *testing.T, db *gorm.DB, personID int64) pulse.Ask {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		var as []pulse.Ask
		db.Where("person_id = ?", personID).Find(&as)
		if len(as) > 1 {
			t.Fatalf("%d asks, want 1", len(as))
		}
		if len(as) == 1 && as[0].State != pulse.StateScheduled {
			return as[0]
		}
	}
	t.Fatal("the ask was not sent")
	return pulse.Ask{}
}

var pulseLinkRe = regexp.MustCompile(`(http://[^\s"]+/p/[A-Za-z0-9_-]+)\?rating=(\d)`)

func TestEmailAskIsAnsweredOnlyAfterConfirming(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		l := startPulseLive(t, db, nil)
		_, _, people := pulseOrg(t, db, directory.Person{Email: "ada@example.com", Name: "Ada"})
		ada := people[0]
		deployProgramme(t, l.pulse.svc)

		l.sendEvent(t, "ada@example.com", "deploy-1")
		l.sendEvent(t, "ada@example.com", "deploy-2") // within the budget: no second ask
		ask := waitAsk(t, db, ada.ID)
		if ask.Channel != string(pulse.ChanEmail) {
			t.Fatalf("ask %+v", ask)
		}
		msgs := l.mail.Wait(t, 1)
		body := strings.ReplaceAll(msgs[0].Data, "=\r\n", "")
		body = strings.ReplaceAll(body, "=3D", "=")
		links := pulseLinkRe.FindAllStringSubmatch(body, -1)
		if len(links) < 5 {
			t.Fatalf("mail has %d rating links:\n%s", len(links), body)
		}
		// Following the link (as a mail scanner would) records nothing.
		pg := l.get(t, "/p/"+strings.TrimPrefix(links[3][1], l.URL+"/p/")+"?rating=4")
		if pg.status != http.StatusOK || !strings.Contains(pg.body, `value="4" checked`) {
			t.Fatalf("confirm page: %d %s", pg.status, pg.body)
		}
		if n := countRows(t, db, &pulse.Answer{}, ""); n != 0 {
			t.Fatalf("a click recorded %d answers", n)
		}
		path := strings.TrimPrefix(links[3][1], l.URL)
		pg = l.postForm(t, path, url.Values{"rating": {"4"}, "comment": {"Rollback took ages"}})
		if pg.status != http.StatusOK || !pg.has("pulse-thanks") {
			t.Fatalf("confirm: %d", pg.status)
		}
		var ans pulse.Answer
		if err := db.Where("ask_id = ?", ask.ID).First(&ans).Error; err != nil {
			t.Fatal(err)
		}
		var ctx map[string]any
		_ = json.Unmarshal([]byte(ans.Context), &ctx)
		if ans.Rating != 4 || ans.Comment != "Rollback took ages" || ans.Channel != "email" || ctx["repository"] != "acme/shop" || ans.ShareContext {
			t.Fatalf("answer %+v", ans)
		}
		// The same link again: closed, still one answer.
		if pg = l.postForm(t, path, url.Values{"rating": {"1"}}); pg.status != http.StatusConflict || countRows(t, db, &pulse.Answer{}, "") != 1 {
			t.Fatalf("second answer: %d", pg.status)
		}
		if n := len(l.mail.Messages()); n != 1 {
			t.Fatalf("%d mails for two events within the budget", n)
		}
	})
}

func signSlack(secret, ts, body string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte("v0:" + ts + ":" + body))
	return "v0=" + hex.EncodeToString(m.Sum(nil))
}

func TestSlackAskIsAnsweredByASignedButtonPress(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		l := startPulseLive(t, db, nil)
		_, _, people := pulseOrg(t, db, directory.Person{Email: "bo@example.com", Name: "Bo", SlackUserID: "U0BO"})
		bo := people[0]
		deployProgramme(t, l.pulse.svc)
		l.sendEvent(t, "bo@example.com", "deploy-1")
		ask := waitAsk(t, db, bo.ID)
		posts := l.slack.Wait(t, 1)
		if ask.Channel != "slack" || posts[0].Channel != "U0BO" || !strings.Contains(posts[0].Blocks, fmt.Sprintf(`"value":"%d:5"`, ask.ID)) {
			t.Fatalf("ask %+v post %+v", ask, posts[0])
		}
		press := func(user string, rating int) string {
			payload := fmt.Sprintf(`{"type": "block_actions", "user": {"id": %q}, "actions": [{"action_id": "%s_%d", "block_id": "b", "value": "%d:%d", "type": "button"}]}`,
				user, pulse.SlackActionID, rating, ask.ID, rating)
			return url.Values{"payload": {payload}}.Encode()
		}
		post := func(body, ts, sig string) int {
			req, _ := http.NewRequest("POST", l.URL+"/slack/interactions", strings.NewReader(body))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("X-Slack-Request-Timestamp", ts)
			req.Header.Set("X-Slack-Signature", sig)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			return resp.StatusCode
		}
		now := strconv.FormatInt(time.Now().Unix(), 10)
		old := strconv.FormatInt(time.Now().Add(-6*time.Minute).Unix(), 10)
		body := press("U0BO", 2)
		for name, c := range map[string]struct{ ts, sig string }{
			"bad signature": {now, signSlack("wrong", now, body)},
			"no signature":  {now, ""},
			"too old":       {old, signSlack("slack-signing", old, body)},
		} {
			if status := post(body, c.ts, c.sig); status != http.StatusUnauthorized {
				t.Errorf("%s: %d", name, status)
			}
		}
		if n := countRows(t, db, &pulse.Answer{}, ""); n != 0 {
			t.Fatalf("refused requests stored %d answers", n)
		}
		// Someone else pressing the button records nothing.
		other := press("U0EVE", 1)
		if status := post(other, now, signSlack("slack-signing", now, other)); status != http.StatusOK || countRows(t, db, &pulse.Answer{}, "") != 0 {
			t.Fatalf("another user's press: %d", status)
		}
		if status := post(body, now, signSlack("slack-signing", now, body)); status != http.StatusOK {
			t.Fatalf("signed press: %d", status)
		}
		var ans pulse.Answer
		if err := db.Where("ask_id = ?", ask.ID).First(&ans).Error; err != nil || ans.Rating != 2 || ans.Channel != "slack" || !strings.Contains(ans.Context, "acme/shop") {
			t.Fatalf("answer %+v %v", ans, err)
		}
		ups := l.slack.Updates()
		if len(ups) != 1 || ups[0].TS != posts[0].TS || !strings.Contains(ups[0].Text, "Thanks") {
			t.Fatalf("updates %+v", ups)
		}
		// A second press (a retry by Slack) counts once.
		post(body, now, signSlack("slack-signing", now, body))
		if n := countRows(t, db, &pulse.Answer{}, ""); n != 1 {
			t.Fatalf("%d answers after a second press", n)
		}
	})
}

func TestPulsePageSettingsAndAnswer(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		l := startPulseLive(t, db, nil)
		_, _, people := pulseOrg(t, db, directory.Person{Email: "cy@example.com", Name: "Cy", SlackUserID: "U0CY"})
		cy := people[0]
		deployProgramme(t, l.pulse.svc)
		l.signInLive(t, db, cy.ID)
		pg := l.postForm(t, "/pulse/settings", url.Values{"frequency": {"monthly"}, "channel": {"page"}})
		if pg.status != http.StatusOK || !strings.Contains(pg.body, "Saved how often") {
			t.Fatalf("settings: %d", pg.status)
		}
		if pg = l.postForm(t, "/pulse/settings", url.Values{"frequency": {"hourly"}}); pg.status != http.StatusUnprocessableEntity {
			t.Fatalf("bad settings: %d", pg.status)
		}
		l.sendEvent(t, "cy@example.com", "deploy-1")
		ask := waitAsk(t, db, cy.ID)
		if ask.Channel != "page" || len(l.slack.Posts()) != 0 || len(l.mail.Messages()) != 0 {
			t.Fatalf("page-only ask sent somewhere: %+v", ask)
		}
		pg = l.get(t, "/pulse")
		if !pg.has(fmt.Sprintf("pulse-ask-%d", ask.ID)) || !strings.Contains(pg.body, "acme/shop") {
			t.Fatalf("pending ask not on the page")
		}
		action := fmt.Sprintf("/pulse/asks/%d", ask.ID)
		if pg = l.postForm(t, action, url.Values{"rating": {"9"}}); pg.status != http.StatusUnprocessableEntity || !pg.has("pulse-answer-error") {
			t.Fatalf("bad rating: %d", pg.status)
		}
		pg = l.postForm(t, action, url.Values{"rating": {"5"}, "comment": {"Smooth"}, "share_context": {"true"}})
		if pg.status != http.StatusOK || !strings.Contains(pg.body, "Thanks") || !pg.has("pulse-pending-none") {
			t.Fatalf("answer: %d", pg.status)
		}
		var ans pulse.Answer
		db.Where("ask_id = ?", ask.ID).First(&ans)
		if ans.Rating != 5 || !ans.ShareContext || ans.Channel != "page" {
			t.Fatalf("answer %+v", ans)
		}
		// Another person cannot answer it.
		_, other, _ := pulseOrgMore(t, db, "eve@example.com")
		l.signInLive(t, db, other.ID)
		if pg = l.postForm(t, action, url.Values{"rating": {"1"}}); pg.status != http.StatusNotFound {
			t.Fatalf("another person's ask: %d", pg.status)
		}
	})
}

// pulseOrgMore adds one more member to Eng/Platform.
func pulseOrgMore(t *testing.T, db *gorm.DB, email string) (directory.Team, directory.Person, error) {
	t.Helper()
	team, err := directory.EnsureTeam(context.Background(), db, "Eng/Platform")
	if err != nil {
		t.Fatal(err)
	}
	p := directory.Person{Email: email, Name: email, TeamID: &team.ID, Active: true, CreatedAt: time.Now(), UpdatedAt: time.Now()}
	if err := directory.NewStore(db).CreatePerson(context.Background(), &p); err != nil {
		t.Fatal(err)
	}
	return team, p, nil
}
