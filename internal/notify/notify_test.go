package notify_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/devpulse/devpulse/internal/notify"
	"github.com/devpulse/devpulse/internal/testslack"
	"github.com/devpulse/devpulse/internal/testsmtp"
)

func TestMailReachesSMTPServer(t *testing.T) {
	srv := testsmtp.Start(t)
	m, err := notify.NewMailer(srv.URL(), "devpulse@example.com")
	if err != nil {
		t.Fatal(err)
	}
	err = m.Send(context.Background(), notify.Mail{To: "ada@example.com", Subject: "Your survey", Text: "plain body", HTML: "<p>html body</p>"})
	if err != nil {
		t.Fatal(err)
	}
	msgs := srv.Wait(t, 1)
	got := msgs[0]
	if got.From != "devpulse@example.com" || len(got.To) != 1 || got.To[0] != "ada@example.com" {
		t.Fatalf("envelope %+v", got)
	}
	for _, want := range []string{"Subject: Your survey", "plain body", "<p>html body</p>", "multipart/alternative"} {
		if !strings.Contains(got.Data, want) {
			t.Errorf("message lacks %q", want)
		}
	}
}

func TestMailerSettings(t *testing.T) {
	if _, err := notify.NewMailer("http://mail.example.com", "a@example.com"); err == nil || !strings.HasPrefix(err.Error(), "DEVPULSE_SMTP_URL") {
		t.Errorf("bad scheme: %v", err)
	}
	if _, err := notify.NewMailer("smtp://mail.example.com", ""); err == nil || !strings.HasPrefix(err.Error(), "DEVPULSE_MAIL_FROM") {
		t.Errorf("no sender: %v", err)
	}
	m, err := notify.NewMailer("", "")
	if err != nil || m.Configured() {
		t.Fatalf("empty URL: %v", err)
	}
	if err := m.Send(context.Background(), notify.Mail{To: "a@example.com"}); !errors.Is(err, notify.ErrNotConfigured) {
		t.Fatalf("send unconfigured: %v", err)
	}
}

func TestSlackPostReachesWebAPI(t *testing.T) {
	srv := testslack.Start(t)
	s := notify.NewSlack("xoxb-test", srv.APIURL())
	if err := s.Post(context.Background(), "U123", "Your survey is open"); err != nil {
		t.Fatal(err)
	}
	posts := srv.Wait(t, 1)
	if posts[0].Channel != "U123" || posts[0].Text != "Your survey is open" || posts[0].Token != "xoxb-test" {
		t.Fatalf("post %+v", posts[0])
	}
	if err := notify.NewSlack("", "").Post(context.Background(), "U1", "x"); !errors.Is(err, notify.ErrNotConfigured) {
		t.Fatalf("unconfigured: %v", err)
	}
}
