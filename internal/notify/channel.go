package notify

// Channels a person is reached on.
const (
	ChannelEmail = "email"
	ChannelSlack = "slack"
)

// Recipient is how one person can be reached: their address on each
// channel and the channel they prefer ("" for whatever is set up).
type Recipient struct {
	Email       string
	SlackUserID string
	Prefers     string
}

// PickChannel is the one rule for reaching a person: the channel they
// prefer when it is configured and they have an address on it, else Slack
// when it is, else email when it is, else "" (nothing reaches them).
// Invitations, board notices and pulse asks all follow it.
func PickChannel(mailer *Mailer, slack *Slack, r Recipient) string {
	slackOK := slack.Configured() && r.SlackUserID != ""
	mailOK := mailer.Configured() && r.Email != ""
	switch {
	case r.Prefers == ChannelEmail && mailOK:
		return ChannelEmail
	case slackOK:
		return ChannelSlack
	case mailOK:
		return ChannelEmail
	}
	return ""
}
