package threads_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime/quotedprintable"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/jobs"
	"github.com/devpulse/devpulse/internal/notify"
	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/internal/results/resultstest"
	"github.com/devpulse/devpulse/internal/testdb"
	"github.com/devpulse/devpulse/internal/testslack"
	"github.com/devpulse/devpulse/internal/testsmtp"
	"github.com/devpulse/devpulse/internal/threads"
)

var ctx = context.Background()

// fixture: team Eng/A of five who each left a comment, Eng/B of five who
// did not, a lead of A and a lead of B.
type fixture struct {
	w       *resultstest.World
	svc     *threads.Service
	runner  *jobs.Runner
	smtp    *testsmtp.Server
	slack   *testslack.Server
	authors []directory.Person
	leadA   threads.Replier
	leadB   threads.Replier
}

func newFixture(t *testing.T, db *gorm.DB) *fixture {
	t.Helper()
	f := &fixture{w: resultstest.New(t, db, 3), smtp: testsmtp.Start(t), slack: testslack.Start(t)}
	f.authors = f.w.Add(t, "Eng/A", 5, "backend", "remote")
	f.w.Add(t, "Eng/B", 5, "backend", "office")
	f.w.Snapshot(t, "2026 Q3", func(p directory.Person) *resultstest.Answers {
		a := &resultstest.Answers{}
		if *p.TeamID == f.w.Teams["Eng/A"].ID {
			a.Comment = body(p)
		}
		return a
	})
	f.leadA = f.lead(t, "Eng/A")
	f.leadB = f.lead(t, "Eng/B")
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	mailer, err := notify.NewMailer(f.smtp.URL(), "devpulse@example.com")
	must(t, err)
	slack := notify.NewSlack("xoxb-test", f.slack.APIURL())
	notices := threads.NewNotices(db, f.w.Responses, f.w.Dir, f.w.Surveys, mailer, slack, "http://devpulse.test")
	workers := jobs.NewWorkers()
	threads.RegisterWorkers(workers, notices)
	runner, err := jobs.New(db, workers, log)
	must(t, err)
	must(t, runner.Start(ctx))
	t.Cleanup(func() { _ = runner.Stop(ctx) })
	f.runner = runner
	f.svc, err = threads.New(db, f.w.Results, f.w.Responses, f.w.Surveys, audit.New(db), runner)
	must(t, err)
	return f
}

func (f *fixture) lead(t *testing.T, path string) threads.Replier {
	t.Helper()
	team := f.w.Teams[path]
	p := f.w.Add(t, "Leads", 1, "manager", "office")[0]
	must(t, f.w.DB.Create(&directory.Grant{PersonID: p.ID, Role: directory.RoleLead, TeamID: &team.ID, CreatedAt: time.Now()}).Error)
	return threads.Replier{PersonID: p.ID, Actor: p.Email, CanSee: func(id int64) bool { return id == team.ID }}
}

// body is the comment a person leaves: it names nothing of them.
func body(p directory.Person) string { return fmt.Sprintf("Builds are slow, note %d", p.ID) }

// commentOf returns the ID of the comment the person wrote.
func (f *fixture) commentOf(t *testing.T, p directory.Person) int64 {
	t.Helper()
	var id int64
	must(t, f.w.DB.Raw("SELECT id FROM result_comments WHERE body = ?", body(p)).Scan(&id).Error)
	return id
}

func TestReplyReachesTheAuthorAndNeverNamesThem(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db)
		author := f.authors[2]
		id := f.commentOf(t, author)
		must(t, f.svc.Reply(ctx, f.leadA, id, "Which builds? We are moving CI to bigger runners."))
		mail := f.smtp.Wait(t, 1)[0]
		if len(mail.To) != 1 || mail.To[0] != author.Email {
			t.Fatalf("notice went to %v, want %s", mail.To, author.Email)
		}
		text, err := io.ReadAll(quotedprintable.NewReader(strings.NewReader(mail.Data)))
		must(t, err)
		if !strings.Contains(string(text), "http://devpulse.test/me/comments") || strings.Contains(string(text), "Builds are slow") ||
			strings.Contains(string(text), "bigger runners") {
			t.Fatalf("notice must link and quote neither the comment nor the reply:\n%s", text)
		}
		v, err := f.svc.ForStaff(ctx, f.leadA, id)
		must(t, err)
		if len(v.Entries) != 1 || v.Entries[0].FromAuthor || v.Entries[0].Body != "Which builds? We are moving CI to bigger runners." {
			t.Fatalf("staff view = %+v", v)
		}
		assertNoAuthor(t, fmt.Sprintf("%+v", v), author)
		for _, row := range auditRows(t, db) {
			assertNoAuthor(t, row, author)
		}
		if rows := auditRows(t, db); !strings.Contains(strings.Join(rows, "\n"), f.leadA.Actor+" "+threads.ActionReply) {
			t.Fatalf("no audit entry for the reply: %v", rows)
		}
		var jobArgs []string
		must(t, db.Raw("SELECT CAST(args AS TEXT) FROM river_job").Scan(&jobArgs).Error)
		for _, a := range jobArgs {
			assertNoAuthor(t, a, author)
		}
	})
}

// An author who chose Slack gets a direct message, with the link only.
func TestReplyNoticeByChosenChannel(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db)
		author := f.authors[4]
		must(t, db.Exec("UPDATE people SET slack_user_id = 'U0AUTHOR', notify_channel = 'slack' WHERE id = ?", author.ID).Error)
		must(t, f.svc.Reply(ctx, f.leadA, f.commentOf(t, author), "Thanks, noted."))
		post := f.slack.Wait(t, 1)[0]
		if post.Channel != "U0AUTHOR" || !strings.Contains(post.Text, "http://devpulse.test/me/comments") ||
			strings.Contains(post.Text, "Builds are slow") || strings.Contains(post.Text, "noted") {
			t.Fatalf("slack notice = %+v", post)
		}
		if len(f.smtp.Messages()) != 0 {
			t.Fatal("the author who chose Slack was mailed too")
		}
	})
}

func TestOnlyReadersOfAShownGroupReply(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db)
		id := f.commentOf(t, f.authors[0])
		if err := f.svc.Reply(ctx, f.leadB, id, "Hello"); !errors.Is(err, results.ErrCommentNotFound) {
			t.Fatalf("lead of another team replied: %v", err)
		}
		var fe threads.FieldErrors
		if err := f.svc.Reply(ctx, f.leadA, id, "   "); !errors.As(err, &fe) || fe["body"].ID == "" {
			t.Fatalf("empty reply: %v", err)
		}
		long := strings.Repeat("x", threads.MaxBody+1)
		if err := f.svc.Reply(ctx, f.leadA, id, long); !errors.As(err, &fe) || fe["body"].String() != "Keep the reply to 2000 characters; it has 2001." {
			t.Fatalf("long reply: %v", err)
		}
		var n int64
		must(t, db.Table("comment_replies").Count(&n).Error)
		if n != 0 {
			t.Fatalf("%d replies stored, want 0", n)
		}
	})
}

func TestAuthorReadsAnswersAndDeletes(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db)
		author, other := f.authors[1], f.authors[3]
		id := f.commentOf(t, author)
		if err := f.svc.Answer(ctx, author.ID, id, "Too early"); !errors.Is(err, threads.ErrNoThread) {
			t.Fatalf("answer before any reply: %v", err)
		}
		must(t, f.svc.Reply(ctx, f.leadA, id, "Which builds?"))
		if n, replied, err := f.svc.Replied(ctx, author.ID); err != nil || n != 1 || len(replied) != 1 || replied[0].CommentID != id {
			t.Fatalf("home panel: %d comments, replied %+v, %v", n, replied, err)
		}
		if n, replied, _ := f.svc.Replied(ctx, other.ID); n != 1 || len(replied) != 0 {
			t.Fatalf("another author's home panel: %d comments, replied %+v", n, replied)
		}
		if err := f.svc.Answer(ctx, other.ID, id, "Not mine"); !errors.Is(err, results.ErrCommentNotFound) {
			t.Fatalf("someone else answered: %v", err)
		}
		before := len(auditRows(t, db))
		must(t, f.svc.Answer(ctx, author.ID, id, "The Android ones, every morning."))
		if after := len(auditRows(t, db)); after != before {
			t.Fatalf("the author's answer was audited: %d entries, want %d", after, before)
		}
		f.assertReplierTold(t, author)
		mine, err := f.svc.Mine(ctx, author.ID)
		must(t, err)
		if len(mine) != 1 || len(mine[0].Entries) != 2 || !mine[0].Replied() || !mine[0].Entries[1].FromAuthor {
			t.Fatalf("author's comments = %+v", mine)
		}
		must(t, f.svc.Reply(ctx, f.leadA, id, "Thanks, we will look at those."))
		var threadsStored int64
		must(t, db.Table("comment_threads").Count(&threadsStored).Error)
		if threadsStored != 1 {
			t.Fatalf("%d threads for one comment", threadsStored)
		}
		staff, err := f.svc.ForStaff(ctx, f.leadA, id)
		must(t, err)
		if len(staff.Entries) != 3 || !staff.Entries[1].FromAuthor || staff.Entries[1].Replier != "" || staff.Entries[2].FromAuthor {
			t.Fatalf("staff view = %+v", staff)
		}
		f.assertDeleteRemoves(t, author, id)
	})
}

// assertReplierTold: the author's answer is passed to the replier the next
// morning, and the notice (sent here at once) links to the thread only.
func (f *fixture) assertReplierTold(t *testing.T, author directory.Person) {
	t.Helper()
	var queued []struct {
		Args        string
		ScheduledAt time.Time
	}
	must(t, f.w.DB.Raw("SELECT CAST(args AS TEXT) AS args, scheduled_at FROM river_job WHERE kind = ?",
		threads.NoticeArgs{}.Kind()).Scan(&queued).Error)
	job := queued[0]
	for _, j := range queued {
		if strings.Contains(j.Args, "replier_id") {
			job = j
		}
	}
	tomorrow := time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, 1)
	if !job.ScheduledAt.Equal(tomorrow.Add(threads.NoticeHour*time.Hour)) || !strings.Contains(job.Args, fmt.Sprint(f.leadA.PersonID)) {
		t.Fatalf("replier's notice job %+v, want at %s", job, tomorrow.Add(threads.NoticeHour*time.Hour))
	}
	var args threads.NoticeArgs
	must(t, json.Unmarshal([]byte(job.Args), &args))
	must(t, f.runner.Insert(ctx, args, nil))
	var lead directory.Person
	must(t, f.w.DB.First(&lead, f.leadA.PersonID).Error)
	deadline := time.Now().Add(10 * time.Second)
	for len(f.smtp.To(lead.Email)) == 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	ms := f.smtp.To(lead.Email)
	if len(ms) != 1 {
		t.Fatalf("%d notices to the replier", len(ms))
	}
	text, err := io.ReadAll(quotedprintable.NewReader(strings.NewReader(ms[0].Data)))
	must(t, err)
	link := fmt.Sprintf("http://devpulse.test/comments/%d", f.commentOf(t, author))
	if !strings.Contains(string(text), link) || strings.Contains(string(text), "Android") {
		t.Fatalf("replier's notice:\n%s", text)
	}
}

// assertDeleteRemoves deletes the author's comment and checks it is gone
// from the answers, the dashboard and the threads, with the scores kept.
func (f *fixture) assertDeleteRemoves(t *testing.T, author directory.Person, id int64) {
	t.Helper()
	q := results.Query{TeamID: f.w.Teams["Eng/A"].ID}
	before, err := f.w.Results.Dashboard(ctx, q)
	must(t, err)
	must(t, f.svc.Delete(ctx, author.ID, id))
	after, err := f.w.Results.Dashboard(ctx, q)
	must(t, err)
	if after.CommentTotal != before.CommentTotal-1 || len(after.Comments) != before.CommentTotal-1 {
		t.Fatalf("comments %d -> %d", before.CommentTotal, after.CommentTotal)
	}
	if fmt.Sprint(after.Drivers) != fmt.Sprint(before.Drivers) || after.View != before.View {
		t.Fatal("deleting a comment changed the scores")
	}
	for _, table := range []string{"comment_threads", "comment_replies"} {
		var n int64
		must(t, f.w.DB.Table(table).Count(&n).Error)
		if n != 0 {
			t.Fatalf("%s keeps %d rows", table, n)
		}
	}
	var texts int64
	must(t, f.w.DB.Table("answers").Where("text = ?", body(author)).Count(&texts).Error)
	if texts != 0 {
		t.Fatal("the answer is still stored")
	}
	if _, err := f.svc.ForStaff(ctx, f.leadA, id); !errors.Is(err, results.ErrCommentNotFound) {
		t.Fatalf("deleted comment still readable: %v", err)
	}
	if mine, _ := f.svc.Mine(ctx, author.ID); len(mine) != 0 {
		t.Fatalf("author still lists %+v", mine)
	}
}

func assertNoAuthor(t *testing.T, s string, p directory.Person) {
	t.Helper()
	if strings.Contains(s, p.Name) || strings.Contains(s, p.Email) {
		t.Fatalf("names the author %s: %s", p.Email, s)
	}
}

func auditRows(t *testing.T, db *gorm.DB) []string {
	t.Helper()
	var rows []string
	must(t, db.Raw("SELECT actor || ' ' || action || ' ' || target || ' ' || detail FROM audit_events ORDER BY id").Scan(&rows).Error)
	return rows
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
