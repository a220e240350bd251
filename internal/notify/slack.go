package notify

import (
	"context"
	"fmt"

	"github.com/slack-go/slack"
)

// Slack posts messages through the Slack Web API (chat.postMessage).
type Slack struct {
	client *slack.Client
}

// NewSlack returns a poster for a bot token. apiURL overrides Slack's
// address (a proxy, or a local server in tests); empty means Slack itself.
// An empty token gives a poster that refuses with ErrNotConfigured.
func NewSlack(token, apiURL string) *Slack {
	if token == "" {
		return &Slack{}
	}
	var opts []slack.Option
	if apiURL != "" {
		opts = append(opts, slack.OptionAPIURL(apiURL))
	}
	return &Slack{client: slack.New(token, opts...)}
}

// Configured reports whether Slack messages can be sent.
func (s *Slack) Configured() bool { return s != nil && s.client != nil }

// Post sends text (Slack mrkdwn) to a channel, or as a direct message when
// channel is a user ID.
func (s *Slack) Post(ctx context.Context, channel, text string) error {
	if !s.Configured() {
		return ErrNotConfigured
	}
	_, _, err := s.client.PostMessageContext(ctx, channel, slack.MsgOptionText(text, false), slack.MsgOptionDisableLinkUnfurl())
	if err != nil {
		return fmt.Errorf("notify: slack: %w", err)
	}
	return nil
}
