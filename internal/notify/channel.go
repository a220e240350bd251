package notify

// Channel names how a person is reached.
const (
	ChannelEmail = "email"
	ChannelSlack = "slack"
)

// Pick chooses how to reach a person from their chosen channel
// (directory.Person.NotifyChannel: "", "email" or "slack"): that channel
// when it is set up for them, else Slack when they have a Slack user ID,
// else email. "" means no channel reaches them.
func Pick(m *Mailer, s *Slack, chosen, email, slackUserID string) string {
	slackOK := s.Configured() && slackUserID != ""
	mailOK := m.Configured() && email != ""
	switch {
	case chosen == ChannelEmail && mailOK, chosen != ChannelSlack && !slackOK && mailOK:
		return ChannelEmail
	case slackOK:
		return ChannelSlack
	case mailOK:
		return ChannelEmail
	}
	return ""
}
