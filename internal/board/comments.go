package board

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/input"
)

const maxComment = 5000

// AddComment adds the person's comment to an open item, named or
// anonymous, and marks the item active.
func (s *Service) AddComment(ctx context.Context, by Actor, itemID int64, body string, anonymous bool) (Comment, error) {
	if by.PersonID == 0 {
		return Comment{}, ErrForbidden
	}
	body = strings.TrimSpace(body)
	f := fields{}
	switch {
	case body == "":
		f["body"] = input.M("board.invalid.comment_empty")
	case utf8.RuneCountInString(body) > maxComment:
		f["body"] = input.M("board.invalid.comment_long", "Max", maxComment)
	}
	if err := f.err(); err != nil {
		return Comment{}, err
	}
	var c Comment
	err := s.change(ctx, func(tx *gorm.DB, log *audit.Log) error {
		if err := openItem(tx, itemID); err != nil {
			return err
		}
		now := s.now()
		c = Comment{ItemID: itemID, AuthorID: by.PersonID, Anonymous: anonymous, Body: body, CreatedAt: now}
		if err := tx.Create(&c).Error; err != nil {
			return fmt.Errorf("board: comment on %d: %w", itemID, err)
		}
		if err := tx.Model(&Item{}).Where("id = ?", itemID).Update("activity_at", now).Error; err != nil {
			return fmt.Errorf("board: comment on %d: %w", itemID, err)
		}
		return log.Record(ctx, tx, by.auditName(anonymous), ActionComment, itemTarget(itemID), fmt.Sprintf("comment:%d", c.ID))
	})
	return c, err
}
