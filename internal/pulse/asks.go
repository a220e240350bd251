package pulse

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/events"
	"github.com/devpulse/devpulse/internal/i18n"
)

// AskView is an ask with what a person needs to answer it.
type AskView struct {
	Ask
	Programme Programme
	Questions Questions
	// Context is the event's context, shown to the person asked.
	Context   map[string]any
	EventType string
	// Answer is set once answered.
	Answer *Answer
}

// Pending returns the person's open asks that have not expired, newest first.
func (s *Service) Pending(ctx context.Context, personID int64) ([]AskView, error) {
	var asks []Ask
	err := s.db.WithContext(ctx).Where("person_id = ? AND state = ? AND expires_at > ?", personID, StateOpen, s.now()).
		Order("sent_at DESC, id DESC").Limit(20).Find(&asks).Error
	if err != nil {
		return nil, fmt.Errorf("pulse: pending of %d: %w", personID, err)
	}
	return s.views(ctx, asks)
}

// History returns the person's asks that were sent, newest first.
func (s *Service) History(ctx context.Context, personID int64, limit int) ([]AskView, error) {
	var asks []Ask
	err := s.db.WithContext(ctx).Where("person_id = ? AND state IN ?", personID, []string{StateOpen, StateAnswered}).
		Order("created_at DESC, id DESC").Limit(limit).Find(&asks).Error
	if err != nil {
		return nil, fmt.Errorf("pulse: history of %d: %w", personID, err)
	}
	return s.views(ctx, asks)
}

// AskOf returns one of the person's asks; another person's is ErrNotFound.
func (s *Service) AskOf(ctx context.Context, personID, askID int64) (AskView, error) {
	var a Ask
	err := s.db.WithContext(ctx).Where("id = ? AND person_id = ?", askID, personID).First(&a).Error
	return s.one(ctx, a, err)
}

// AskByToken returns the ask an emailed link stands for.
func (s *Service) AskByToken(ctx context.Context, token string) (AskView, error) {
	var a Ask
	err := s.db.WithContext(ctx).Where("token_hash = ?", auth.Hash(token)).First(&a).Error
	return s.one(ctx, a, err)
}

func (s *Service) one(ctx context.Context, a Ask, err error) (AskView, error) {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return AskView{}, ErrNotFound
	}
	if err != nil {
		return AskView{}, fmt.Errorf("pulse: ask: %w", err)
	}
	vs, err := s.views(ctx, []Ask{a})
	if err != nil {
		return AskView{}, err
	}
	return vs[0], nil
}

// views loads each ask's programme, event and answer.
func (s *Service) views(ctx context.Context, asks []Ask) ([]AskView, error) {
	out := make([]AskView, 0, len(asks))
	db := s.db.WithContext(ctx)
	progs := map[int64]Programme{}
	for _, a := range asks {
		p, ok := progs[a.ProgrammeID]
		if !ok {
			if err := db.First(&p, a.ProgrammeID).Error; err != nil {
				return nil, fmt.Errorf("pulse: programme %d: %w", a.ProgrammeID, err)
			}
			progs[a.ProgrammeID] = p
		}
		var ev events.Event
		if err := db.First(&ev, a.EventID).Error; err != nil {
			return nil, fmt.Errorf("pulse: event %d: %w", a.EventID, err)
		}
		v := AskView{Ask: a, Programme: p, Questions: p.ParsedQuestions(), EventType: ev.Type}
		_ = json.Unmarshal([]byte(ev.Context), &v.Context)
		if a.State == StateAnswered {
			var ans Answer
			if err := db.Where("ask_id = ?", a.ID).First(&ans).Error; err == nil {
				v.Answer = &ans
			}
		}
		out = append(out, v)
	}
	return out, nil
}

// Expired reports whether the ask can no longer be answered at t.
func (v AskView) Expired(t time.Time) bool { return v.State == StateOpen && !t.Before(v.ExpiresAt) }

// Now is the service's clock, for pages that compare with it.
func (s *Service) Now() time.Time { return s.now() }

// PrefsOf returns the person's pulse settings (defaults when never set).
func (s *Service) PrefsOf(ctx context.Context, personID int64) (Prefs, error) {
	p := Prefs{PersonID: personID}
	if err := s.db.WithContext(ctx).Where("person_id = ?", personID).Limit(1).Find(&p).Error; err != nil {
		return p, fmt.Errorf("pulse: prefs of %d: %w", personID, err)
	}
	return p, nil
}

// SetPrefs stores how often and where the person wants to be asked.
func (s *Service) SetPrefs(ctx context.Context, personID int64, freq, channel string) error {
	if err := CheckPrefs(freq, channel); err != nil {
		return err
	}
	p := Prefs{PersonID: personID, Frequency: freq, Channel: channel, UpdatedAt: s.now()}
	if err := s.db.WithContext(ctx).Save(&p).Error; err != nil {
		return fmt.Errorf("pulse: save prefs of %d: %w", personID, err)
	}
	return nil
}

// AnswerFromSlack records a rating button press: the ask must have been
// sent to that Slack user. The message is then updated to say thanks.
func (s *Service) AnswerFromSlack(ctx context.Context, askID int64, slackUser string, rating int) error {
	var a Ask
	err := s.db.WithContext(ctx).Where("id = ?", askID).First(&a).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("pulse: ask %d: %w", askID, err)
	}
	var p directory.Person
	if err := s.db.WithContext(ctx).First(&p, a.PersonID).Error; err != nil {
		return fmt.Errorf("pulse: person of ask %d: %w", askID, err)
	}
	if p.SlackUserID == "" || p.SlackUserID != slackUser {
		return ErrNotFound
	}
	if _, err := s.Answer(ctx, askID, Reply{Rating: rating, Channel: string(ChanSlack)}); err != nil {
		return err
	}
	var prog Programme
	if err := s.db.WithContext(ctx).First(&prog, a.ProgrammeID).Error; err != nil {
		return fmt.Errorf("pulse: programme of ask %d: %w", askID, err)
	}
	if a.SlackChannel != "" && a.SlackTS != "" {
		text, blocks := slackThanks(s.baseURL, rating, prog, i18n.For(p.Language))
		if err := s.slack.Update(ctx, a.SlackChannel, a.SlackTS, text, blocks); err != nil {
			return fmt.Errorf("%w: %w", ErrSlackUpdate, err)
		}
	}
	return nil
}
