package board

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/input"
)

// ReactionType is one of the fixed kinds of reaction. The data model
// accepts every type in reactionTypes; admins choose which are shown.
type ReactionType string

// Reaction types the data model accepts.
const (
	ReactionPlusOne    ReactionType = "plus_one"
	ReactionHeart      ReactionType = "heart"
	ReactionCelebrate  ReactionType = "celebrate"
	ReactionInsightful ReactionType = "insightful"
	ReactionConfused   ReactionType = "confused"
	ReactionSad        ReactionType = "sad"
	ReactionAngry      ReactionType = "angry"
	ReactionLaugh      ReactionType = "laugh"
	ReactionEyes       ReactionType = "eyes"
	ReactionRocket     ReactionType = "rocket"
)

type reactionInfo struct{ label, symbol string }

var reactionTypes = map[ReactionType]reactionInfo{
	ReactionPlusOne:    {"+1", "👍"},
	ReactionHeart:      {"Love it", "❤️"},
	ReactionCelebrate:  {"Celebrate", "🎉"},
	ReactionInsightful: {"Insightful", "💡"},
	ReactionConfused:   {"Confused", "😕"},
	ReactionSad:        {"Sad", "😢"},
	ReactionAngry:      {"Frustrated", "😠"},
	ReactionLaugh:      {"Funny", "😄"},
	ReactionEyes:       {"Watching", "👀"},
	ReactionRocket:     {"Ship it", "🚀"},
}

// ReactionTypes lists every accepted type in display order.
var ReactionTypes = []ReactionType{ReactionPlusOne, ReactionHeart, ReactionCelebrate, ReactionInsightful,
	ReactionConfused, ReactionSad, ReactionAngry, ReactionLaugh, ReactionEyes, ReactionRocket}

// DefaultShown are the types shown until an admin chooses others.
var DefaultShown = []ReactionType{ReactionPlusOne, ReactionHeart, ReactionCelebrate, ReactionInsightful, ReactionConfused}

// Valid reports whether t is an accepted type.
func (t ReactionType) Valid() bool { _, ok := reactionTypes[t]; return ok }

// Label is the type in words, in English (logs); pages show LabelIn.
func (t ReactionType) Label() string { return reactionTypes[t].label }

// LabelIn is the type in words in the reader's language.
func (t ReactionType) LabelIn(ctx context.Context) string {
	return i18n.T(ctx, "board.reaction."+string(t))
}

// Symbol is the emoji that stands for the type.
func (t ReactionType) Symbol() string { return reactionTypes[t].symbol }

const shownKey = "reactions.shown"

// ShownTypes returns the reaction types people can choose now, in order.
func (s *Store) ShownTypes(ctx context.Context) ([]ReactionType, error) {
	var value string
	err := s.db.WithContext(ctx).Table("board_settings").Select("value").Where("key = ?", shownKey).Row().Scan(&value)
	if errors.Is(err, sql.ErrNoRows) {
		return DefaultShown, nil
	}
	if err != nil {
		return nil, fmt.Errorf("board store: shown reactions: %w", err)
	}
	return shownFrom(&value), nil
}

// shownFrom reads the stored setting (nil when none is stored), in the
// code's order whatever order was stored.
func shownFrom(value *string) []ReactionType {
	if value == nil {
		return DefaultShown
	}
	var shown []ReactionType
	for _, t := range ReactionTypes {
		if slices.Contains(strings.Split(*value, ","), string(t)) {
			shown = append(shown, t)
		}
	}
	return shown
}

// SetShownTypes chooses which reaction types are shown (admins only); at
// least one. Reactions of hidden types stay stored and counted.
func (s *Service) SetShownTypes(ctx context.Context, by Actor, types []ReactionType) error {
	if !by.Admin {
		return ErrForbidden
	}
	var names []string
	for _, t := range ReactionTypes {
		if slices.Contains(types, t) {
			names = append(names, string(t))
		}
	}
	if len(names) == 0 {
		return &ValidationError{Fields: map[string]input.Message{"types": input.M("board.invalid.shown_none")}}
	}
	value := strings.Join(names, ",")
	return s.change(ctx, func(tx *gorm.DB, log *audit.Log) error {
		err := tx.Table("board_settings").Clauses(clause.OnConflict{
			Columns: []clause.Column{{Name: "key"}}, DoUpdates: clause.AssignmentColumns([]string{"value"}),
		}).Create(map[string]any{"key": shownKey, "value": value}).Error
		if err != nil {
			return fmt.Errorf("board: set shown reactions: %w", err)
		}
		return log.Record(ctx, tx, by.Name, ActionSetShown, "board_settings", value)
	})
}
