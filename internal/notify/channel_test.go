package notify

import "testing"

func TestPickChannel(t *testing.T) {
	mailer, err := NewMailer("smtp://127.0.0.1:2525", "devpulse@example.com")
	if err != nil {
		t.Fatal(err)
	}
	slack := NewSlack("xoxb-test", "http://127.0.0.1:1/")
	none, _ := NewMailer("", "")
	both := Recipient{Email: "a@example.com", SlackUserID: "U1"}
	tests := []struct {
		name   string
		mailer *Mailer
		slack  *Slack
		r      Recipient
		want   string
	}{
		{"no preference takes Slack", mailer, slack, both, ChannelSlack},
		{"prefers email", mailer, slack, Recipient{Email: "a@example.com", SlackUserID: "U1", Prefers: ChannelEmail}, ChannelEmail},
		{"prefers slack", mailer, slack, Recipient{Email: "a@example.com", SlackUserID: "U1", Prefers: ChannelSlack}, ChannelSlack},
		{"prefers slack without a Slack ID", mailer, slack, Recipient{Email: "a@example.com", Prefers: ChannelSlack}, ChannelEmail},
		{"prefers email without SMTP", none, slack, Recipient{Email: "a@example.com", SlackUserID: "U1", Prefers: ChannelEmail}, ChannelSlack},
		{"Slack not set up", mailer, NewSlack("", ""), both, ChannelEmail},
		{"nothing set up", none, NewSlack("", ""), both, ""},
		{"no addresses", mailer, slack, Recipient{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PickChannel(tt.mailer, tt.slack, tt.r); got != tt.want {
				t.Errorf("PickChannel = %q, want %q", got, tt.want)
			}
		})
	}
}
