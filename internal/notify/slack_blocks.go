package notify

import (
	"context"
	"fmt"

	"github.com/slack-go/slack"
)

// PostBlocks sends a message with Block Kit blocks (text is the fallback
// for notifications) and returns where it landed, so it can be updated.
func (s *Slack) PostBlocks(ctx context.Context, channel, text string, blocks []slack.Block) (string, string, error) {
	if !s.Configured() {
		return "", "", ErrNotConfigured
	}
	ch, ts, err := s.client.PostMessageContext(ctx, channel, slack.MsgOptionText(text, false),
		slack.MsgOptionBlocks(blocks...), slack.MsgOptionDisableLinkUnfurl())
	if err != nil {
		return "", "", fmt.Errorf("notify: slack: %w", err)
	}
	return ch, ts, nil
}

// Update replaces a message sent before with new text and blocks.
func (s *Slack) Update(ctx context.Context, channel, ts, text string, blocks []slack.Block) error {
	if !s.Configured() {
		return ErrNotConfigured
	}
	_, _, _, err := s.client.UpdateMessageContext(ctx, channel, ts, slack.MsgOptionText(text, false), slack.MsgOptionBlocks(blocks...))
	if err != nil {
		return fmt.Errorf("notify: slack update: %w", err)
	}
	return nil
}
