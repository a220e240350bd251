package board_test

import (
	"io"
	"log/slog"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/board"
	"github.com/devpulse/devpulse/internal/jobs"
	"github.com/devpulse/devpulse/internal/notify"
	"github.com/devpulse/devpulse/internal/testdb"
	"github.com/devpulse/devpulse/internal/testslack"
	"github.com/devpulse/devpulse/internal/testsmtp"
)

// startNotices runs a job runner with the board's workers and returns a
// service whose status changes notify through the test servers.
func startNotices(t *testing.T, db *gorm.DB, f *fixture) (*testsmtp.Server, *testslack.Server) {
	t.Helper()
	smtp, slack := testsmtp.Start(t), testslack.Start(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	mailer, err := notify.NewMailer(smtp.URL(), "devpulse@example.com")
	must(t, err)
	queue, err := jobs.New(db, nil, log)
	must(t, err)
	notices := board.NewNotices(db, queue, mailer, notify.NewSlack("xoxb-test", slack.APIURL()), "http://devpulse.test")
	workers := jobs.NewWorkers()
	board.RegisterWorkers(workers, notices)
	runner, err := jobs.New(db, workers, log)
	must(t, err)
	must(t, runner.Start(ctx))
	t.Cleanup(func() { _ = runner.Stop(ctx) })
	f.svc, err = board.NewService(db, notices)
	must(t, err)
	return smtp, slack
}

func TestAnswerNotifiesAuthorAndVoters(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db, 3)
		smtp, slack := startNotices(t, db, f)
		// The first voter prefers Slack; the author and the other voter get email.
		must(t, db.Exec("UPDATE people SET slack_user_id = 'U1', notify_channel = 'slack' WHERE id = ?", f.authors[1].PersonID).Error)
		it := f.post(t, f.authors[0], "Slow builds", true)
		for _, v := range f.authors[1:] {
			_, err := f.svc.ToggleVote(ctx, v, it.ID)
			must(t, err)
		}
		_, err := f.svc.ToggleVote(ctx, f.authors[0], it.ID) // the author voting too is told once
		must(t, err)
		_, err = f.svc.SetStatus(ctx, f.lead, it.ID, board.StatusWontDo, "The new runner replaces it in Q3.")
		must(t, err)
		mails := smtp.Wait(t, 2)
		posts := slack.Wait(t, 1)
		if len(smtp.To("eng0@example.com")) != 1 || len(smtp.To("eng2@example.com")) != 1 || len(smtp.To("eng1@example.com")) != 0 {
			t.Fatalf("mails to %v", recipients(mails))
		}
		author := smtp.To("eng0@example.com")[0].Data
		if !strings.Contains(author, "Your feedback") || !strings.Contains(author, "The new runner replaces it in Q3.") ||
			!strings.Contains(author, "Won't do") {
			t.Fatalf("author's mail:\n%s", author)
		}
		if posts[0].Channel != "U1" || !strings.Contains(posts[0].Text, "Feedback you voted for") || !strings.Contains(posts[0].Text, "Q3") {
			t.Fatalf("slack DM = %+v", posts[0])
		}
		for _, m := range mails {
			if strings.Contains(m.Data, "Engineer 0") && !strings.Contains(m.Data, "Hello Engineer 0") {
				t.Fatal("a voter's message names the anonymous author")
			}
		}
	})
}

func recipients(ms []testsmtp.Message) [][]string {
	var out [][]string
	for _, m := range ms {
		out = append(out, m.To)
	}
	return out
}
