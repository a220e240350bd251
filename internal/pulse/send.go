package pulse

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/notify"
)

// send delivers an ask that has come due on the person's channel. A job
// for an ask that was moved to a later time (a later event of the same
// flow) or closed does nothing.
func (s *Service) send(ctx context.Context, a SendArgs) error {
	db := s.db.WithContext(ctx)
	var ask Ask
	if err := db.First(&ask, a.AskID).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return nil
		}
		return fmt.Errorf("pulse: ask %d: %w", a.AskID, err)
	}
	if ask.State != StateScheduled || !ask.SendAt.Equal(dbTime(a.Due)) {
		return nil
	}
	var person directory.Person
	var prog Programme
	var prefs Prefs
	if err := db.First(&person, ask.PersonID).Error; err != nil {
		return fmt.Errorf("pulse: person of ask %d: %w", ask.ID, err)
	}
	if err := db.First(&prog, ask.ProgrammeID).Error; err != nil {
		return fmt.Errorf("pulse: programme of ask %d: %w", ask.ID, err)
	}
	db.Where("person_id = ?", person.ID).Limit(1).Find(&prefs)
	if !person.Active {
		return db.Model(&ask).Update("state", StateCancelled).Error
	}
	channel := s.channelFor(person, Channel(prefs.Channel))
	set := map[string]any{"state": StateOpen, "sent_at": s.now(), "channel": string(channel), "send_error": ""}
	var err error
	switch channel {
	case ChanEmail:
		err = s.sendMail(ctx, ask, person, prog, set)
	case ChanSlack:
		err = s.sendSlack(ctx, ask, person, prog, set)
	}
	if err != nil {
		db.Model(&ask).Update("send_error", err.Error())
		return err
	}
	if err := db.Model(&ask).Where("state = ?", StateScheduled).Updates(set).Error; err != nil {
		return fmt.Errorf("pulse: mark ask %d sent: %w", ask.ID, err)
	}
	return nil
}

// channelFor picks where the ask goes: the tools or the page when the
// person chose them, else by the one rule in notify (their choice when it
// reaches them, else Slack, else email), else only the page.
func (s *Service) channelFor(p directory.Person, chosen Channel) Channel {
	if chosen == ChanTools || chosen == ChanPage {
		return chosen
	}
	r := notify.Recipient{Email: p.Email, SlackUserID: p.SlackUserID, Prefers: string(chosen)}
	if ch := notify.PickChannel(s.mailer, s.slack, r); ch != "" {
		return Channel(ch)
	}
	return ChanPage
}

func (s *Service) sendMail(ctx context.Context, ask Ask, p directory.Person, prog Programme, set map[string]any) error {
	token := auth.RandomToken()
	hash := auth.Hash(token)
	if err := s.db.WithContext(ctx).Model(&ask).Update("token_hash", hash).Error; err != nil {
		return fmt.Errorf("pulse: token of ask %d: %w", ask.ID, err)
	}
	m, err := mailMessage(s.baseURL, token, p, prog, ask)
	if err != nil {
		return err
	}
	return s.mailer.Send(ctx, m)
}

func (s *Service) sendSlack(ctx context.Context, ask Ask, p directory.Person, prog Programme, set map[string]any) error {
	text, blocks := slackAsk(s.baseURL, ask, prog, i18n.For(p.Language))
	ch, ts, err := s.slack.PostBlocks(ctx, p.SlackUserID, text, blocks)
	if err != nil {
		return err
	}
	set["slack_channel"], set["slack_ts"] = ch, ts
	return nil
}
