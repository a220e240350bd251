package announce_test

import (
	"context"
	"fmt"
	stdhtml "html"
	"io"
	"log/slog"
	"mime"
	"mime/multipart"
	"net/mail"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/announce"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/insight"
	"github.com/devpulse/devpulse/internal/jobs"
	"github.com/devpulse/devpulse/internal/notify"
	"github.com/devpulse/devpulse/internal/readout"
	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/internal/results/resultstest"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testdb"
	"github.com/devpulse/devpulse/internal/testslack"
	"github.com/devpulse/devpulse/internal/testsmtp"
)

const baseURL = "http://devpulse.test"

var voiceTo = []string{"eng-all@example.com", "cto@example.com"}

// world builds, with k = 5, two closed snapshots of
//
//	Eng (1 direct: the manager, who leads Eng and Eng/C; Slack UE)
//	├── A: 6 (one leads A; Slack UA), shown
//	├── B: 5 (one leads B; no Slack ID), hidden to protect C and Eng's manager
//	└── C: 2 (one leads C; Slack UC), too few
//
// In Q2 everyone rates local environment 5 (3 in Q1) and A rates
// everything 5.
type world struct {
	w      *resultstest.World
	q1, q2 survey.Outline
}

func newWorld(t *testing.T, db *gorm.DB) world {
	ctx := context.Background()
	w := resultstest.New(t, db, 5)
	a := w.Add(t, "Eng/A", 6, "backend", directory.Remote)
	b := w.Add(t, "Eng/B", 5, "frontend", directory.Hybrid)
	c := w.Add(t, "Eng/C", 2, "backend", directory.Office)
	m := w.Add(t, "Eng", 1, "manager", directory.Office)
	lead := func(p directory.Person, slackID string, teams ...string) {
		for _, path := range teams {
			id := w.Teams[path].ID
			if _, err := directory.AddGrant(ctx, db, p.ID, directory.RoleLead, &id); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.Model(&directory.Person{}).Where("id = ?", p.ID).Update("slack_user_id", slackID).Error; err != nil {
			t.Fatal(err)
		}
	}
	lead(a[0], "UA", "Eng/A")
	lead(b[0], "", "Eng/B")
	lead(c[0], "UC", "Eng/C")
	lead(m[0], "UE", "Eng", "Eng/C")
	inA := map[int64]bool{}
	for _, p := range a {
		inA[p.ID] = true
	}
	q1 := w.Snapshot(t, "2026 Q1", func(p directory.Person) *resultstest.Answers {
		return &resultstest.Answers{Ratings: map[string]int{"local_env": 3}}
	})
	q2 := w.Snapshot(t, "2026 Q2", func(p directory.Person) *resultstest.Answers {
		ans := &resultstest.Answers{Ratings: map[string]int{"local_env": 5}, Picks: []string{"documentation"}}
		if inA[p.ID] {
			ans.Ratings[survey.KeyOverall] = 5
		}
		return ans
	})
	return world{w: w, q1: q1, q2: q2}
}

type harness struct {
	world
	db        *gorm.DB
	slack     *testslack.Server
	smtp      *testsmtp.Server
	announcer *announce.Announcer
}

// start runs a job runner with the results and announcement workers; the
// snapshots' close jobs, waiting since they closed, run first.
func start(t *testing.T, db *gorm.DB, wd world) harness {
	ctx := context.Background()
	h := harness{world: wd, db: db, slack: testslack.Start(t), smtp: testsmtp.Start(t)}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	queue, err := jobs.New(db, nil, log)
	if err != nil {
		t.Fatal(err)
	}
	mailer, err := notify.NewMailer(h.smtp.URL(), "devpulse@example.com")
	if err != nil {
		t.Fatal(err)
	}
	h.announcer = announce.New(db, wd.w.Results, wd.w.Dir, queue, mailer, notify.NewSlack("xoxb-test", h.slack.APIURL()),
		announce.Settings{BaseURL: baseURL, Channel: "#dx-results", VoiceEmails: voiceTo})
	workers := jobs.NewWorkers()
	results.RegisterWorkers(workers, wd.w.Results)
	announce.RegisterWorkers(workers, h.announcer)
	runner, err := jobs.New(db, workers, log)
	if err != nil {
		t.Fatal(err)
	}
	if err := runner.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = runner.Stop(context.Background()) })
	return h
}

// waitSent waits until every announcement of a snapshot is done.
func (h harness) waitSent(t *testing.T, snapshotID int64, want int) []announce.Announcement {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		var rows []announce.Announcement
		if err := h.db.Where("snapshot_id = ?", snapshotID).Order("id").Find(&rows).Error; err != nil {
			t.Fatal(err)
		}
		done := len(rows) == want
		for _, r := range rows {
			done = done && (r.Status == announce.Sent || r.Status == announce.Skipped)
		}
		if done {
			return rows
		}
		if time.Now().After(deadline) {
			t.Fatalf("announcements of %d: %+v", snapshotID, rows)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func postsTo(posts []testslack.Post, channel, title string) []string {
	var out []string
	for _, p := range posts {
		if p.Channel == channel && strings.Contains(p.Text, "*"+title+"*") {
			out = append(out, p.Text)
		}
	}
	return out
}

func TestClosingAnnouncesResults(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		wd := newWorld(t, db)
		q2 := wd.q2.Snapshot.ID
		// Forget Q2's results: the close job computes them again, then
		// announces.
		db.Exec("DELETE FROM result_snapshots WHERE snapshot_id = ?", q2)
		h := start(t, db, wd)
		// Channel, three leads with Slack and one without, two addresses.
		rows := h.waitSent(t, q2, 1+4+2)
		h.waitSent(t, wd.q1.Snapshot.ID, 1+4+2)
		checkAnnouncementRows(t, db, rows)

		org, err := wd.w.Results.Org(ctx, results.OrgQuery{SnapshotID: q2})
		if err != nil {
			t.Fatal(err)
		}
		posts := h.slack.Posts()
		checkChannelMessage(t, posts, org, q2)
		h.checkLeadMessages(t, posts, q2)
		h.checkVoiceEmails(t, org, q2)
		h.checkNotAnnouncedAgain(t, q2)
	})
}

// checkAnnouncementRows: every announcement was sent once, except the
// lead without a Slack ID, skipped with the reason.
func checkAnnouncementRows(t *testing.T, db *gorm.DB, rows []announce.Announcement) {
	t.Helper()
	for _, r := range rows {
		want := announce.Sent
		if r.Kind == announce.KindLead && r.Recipient == fmt.Sprint(leadID(t, db, "")) {
			want = announce.Skipped
		}
		attempts := 1
		if want == announce.Skipped {
			attempts = 0
		}
		if r.Status != want || r.Attempts != attempts || (want == announce.Sent) != (r.SentAt != nil) {
			t.Errorf("announcement %+v, want %s", r, want)
		}
		if want == announce.Skipped && r.Error != "no Slack user ID" {
			t.Errorf("skipped lead's reason %q", r.Error)
		}
	}
}

// checkChannelMessage: one message in the results channel about 2026 Q2,
// with the organisation's headline numbers and a link to the readout.
func checkChannelMessage(t *testing.T, posts []testslack.Post, org results.OrgDashboard, q2 int64) {
	t.Helper()
	channel := postsTo(posts, "#dx-results", "2026 Q2")
	if len(channel) != 1 {
		t.Fatalf("%d channel messages about 2026 Q2: %q", len(channel), channel)
	}
	part := insight.Participation(org.View.Submitted, org.View.Invited)
	for _, want := range []string{
		fmt.Sprintf("participation %d%% (%d of %d)", part.Value, org.View.Submitted, org.View.Invited),
		fmt.Sprintf("overall satisfaction %d%% (+%d since 2026 Q1)", org.Overall.Score.Value, org.Overall.Delta.Points),
		fmt.Sprintf("biggest improvement: %s +%d to %d%%", org.Up[0].Driver, org.Up[0].Delta.Points, org.Up[0].Score.Value),
		"biggest decline: none significant",
		fmt.Sprintf("top priority: %s (picked by %d%%)", org.Priorities[0].Name, org.Priorities[0].Priority.Value),
		fmt.Sprintf("<%s/org/readout?snapshot=%d|Read the readout>", baseURL, q2),
	} {
		if !strings.Contains(channel[0], want) {
			t.Errorf("channel message %q lacks %q", channel[0], want)
		}
	}
	t.Logf("channel: %s", channel[0])
}

// checkLeadMessages: each lead with a Slack ID gets one direct message
// naming their teams, with a score for shown teams and only counts for a
// hidden one.
func (h harness) checkLeadMessages(t *testing.T, posts []testslack.Post, q2 int64) {
	t.Helper()
	ctx := context.Background()
	wd := h.world
	team := func(path string) results.Dashboard {
		d, err := wd.w.Results.Dashboard(ctx, results.Query{SnapshotID: q2, TeamID: wd.w.Teams[path].ID})
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	shown := func(path string) string {
		d := team(path)
		if !d.View.IsShown() || d.Overall == nil {
			t.Fatalf("%s is not shown: %+v", path, d.View)
		}
		return fmt.Sprintf("<%s/teams/%d?snapshot=%d|%s>: overall satisfaction %d%% from %d responses.",
			baseURL, d.Team.ID, q2, path, d.Overall.Score.Value, d.View.Responses)
	}
	hidden := fmt.Sprintf("<%s/teams/%d?snapshot=%d|Eng/C>: fewer than 5 responses, so only counts are shown.", baseURL, wd.w.Teams["Eng/C"].ID, q2)
	for slackID, want := range map[string][]string{
		"UA": {shown("Eng/A")},
		"UC": {hidden},
		"UE": {shown("Eng"), hidden},
	} {
		dms := postsTo(posts, slackID, "2026 Q2")
		if len(dms) != 1 {
			t.Fatalf("%s got %d direct messages about 2026 Q2: %q", slackID, len(dms), dms)
		}
		for _, w := range want {
			if !strings.Contains(dms[0], w) {
				t.Errorf("%s's message %q lacks %q", slackID, dms[0], w)
			}
		}
	}
	t.Logf("UE: %s", postsTo(posts, "UE", "2026 Q2")[0])
	if dm := postsTo(posts, "UC", "2026 Q2")[0]; strings.Contains(dm, "%") || strings.Contains(dm, "satisfaction") {
		t.Errorf("the lead of a hidden team was sent a score: %q", dm)
	}
}

// checkVoiceEmails: each voice-of-the-developer address gets the summary's
// findings, in text and HTML, with a link to the readout and team callouts.
func (h harness) checkVoiceEmails(t *testing.T, org results.OrgDashboard, q2 int64) {
	t.Helper()
	for _, addr := range voiceTo {
		msgs := h.smtp.To(addr)
		var text, html string
		for _, m := range msgs {
			if tx, ht := parts(t, m.Data); strings.Contains(tx, "Voice of the developer: 2026 Q2") {
				text, html = tx, ht
			}
		}
		if text == "" || !strings.Contains(html, "<h1") {
			t.Fatalf("%s: no voice-of-the-developer email about 2026 Q2 with text and HTML (%d messages)", addr, len(msgs))
		}
		for _, f := range readout.Summary(i18n.For(i18n.English), org) {
			for _, s := range append([]string{f.Heading, f.Big}, f.Items...) {
				if !strings.Contains(text, s) || !strings.Contains(stdhtml.UnescapeString(html), s) {
					t.Errorf("%s: the email lacks %q of finding %s", addr, s, f.Key)
				}
			}
		}
		if !strings.Contains(text, fmt.Sprintf("%s/org/readout?snapshot=%d", baseURL, q2)) {
			t.Errorf("the email has no link to the readout:\n%s", text)
		}
		if !strings.Contains(text, "Teams to recognise") {
			t.Errorf("the email has no team callouts:\n%s", text)
		}
	}
}

// checkNotAnnouncedAgain: planning again, and an admin's recompute, send
// nothing more.
func (h harness) checkNotAnnouncedAgain(t *testing.T, q2 int64) {
	t.Helper()
	ctx := context.Background()
	before, mails := len(h.slack.Posts()), len(h.smtp.Messages())
	if err := h.announcer.Ready(ctx, q2); err != nil {
		t.Fatal(err)
	}
	if _, err := h.w.Results.Materialise(ctx, q2, "admin@example.com"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(3 * jobs.PollInterval)
	if after, m := len(h.slack.Posts()), len(h.smtp.Messages()); after != before || m != mails {
		t.Fatalf("announced again: %d posts (was %d), %d mails (was %d)", after, before, m, mails)
	}
	var n int64
	h.db.Model(&announce.Announcement{}).Where("snapshot_id = ?", q2).Count(&n)
	if n != 7 {
		t.Fatalf("%d announcements after planning again, want 7", n)
	}
}

// leadID is the person with a lead grant and the given Slack ID.
func leadID(t *testing.T, db *gorm.DB, slackID string) int64 {
	t.Helper()
	var id int64
	err := db.Raw(`SELECT p.id FROM people p JOIN role_grants g ON g.person_id = p.id
		WHERE g.role = ? AND p.slack_user_id = ? LIMIT 1`, directory.RoleLead, slackID).Scan(&id).Error
	if err != nil || id == 0 {
		t.Fatalf("lead with Slack ID %q: %v", slackID, err)
	}
	return id
}

// parts returns a mail's decoded text and HTML bodies.
func parts(t *testing.T, data string) (text, html string) {
	t.Helper()
	m, err := mail.ReadMessage(strings.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var walk func(ct string, body io.Reader)
	walk = func(ct string, body io.Reader) {
		mt, params, err := mime.ParseMediaType(ct)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(mt, "multipart/") {
			b, _ := io.ReadAll(body)
			if mt == "text/html" {
				html = string(b)
			} else {
				text = string(b)
			}
			return
		}
		r := multipart.NewReader(body, params["boundary"])
		for {
			p, err := r.NextPart()
			if err != nil {
				return
			}
			walk(p.Header.Get("Content-Type"), p)
		}
	}
	walk(m.Header.Get("Content-Type"), m.Body)
	return text, html
}
