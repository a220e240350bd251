package board

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/input"
)

// ActionActions is the audit log action of linking an item to the action
// plans that answer it.
const ActionActions = "board.item.actions"

// ActionRef is an action plan as an item links to it: its title and its
// status (internal/actions words the status).
type ActionRef struct {
	ID     int64
	Title  string
	Status string
	Reason string
}

// Actions lists every action plan an owner may link an item to, newest
// first.
func (s *Store) Actions(ctx context.Context) ([]ActionRef, error) {
	var out []ActionRef
	err := s.db.WithContext(ctx).Raw(`SELECT id, title, status, reason FROM actions ORDER BY id DESC`).Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("board store: actions: %w", err)
	}
	return out, nil
}

// SetActions links an item to the action plans that answer it, replacing
// the links before: the owners of its tool (and admins) may.
func (s *Service) SetActions(ctx context.Context, by Actor, id int64, actionIDs []int64) error {
	return s.change(ctx, func(tx *gorm.DB, log *audit.Log) error {
		it, err := lockItem(tx, id)
		if err != nil {
			return err
		}
		if err := s.mayAnswer(tx, by, it); err != nil {
			return err
		}
		ids := uniqueIDs(actionIDs)
		var known int64
		if len(ids) > 0 {
			if err := tx.Table("actions").Where("id IN ?", ids).Count(&known).Error; err != nil {
				return fmt.Errorf("board: check actions: %w", err)
			}
		}
		if known != int64(len(ids)) {
			return &ValidationError{Fields: map[string]input.Message{"actions": input.M("board.invalid.actions")}}
		}
		if err := tx.Exec("DELETE FROM board_item_actions WHERE item_id = ?", id).Error; err != nil {
			return fmt.Errorf("board: actions of %d: %w", id, err)
		}
		for _, a := range ids {
			if err := tx.Exec("INSERT INTO board_item_actions (item_id, action_id) VALUES (?, ?)", id, a).Error; err != nil {
				return fmt.Errorf("board: actions of %d: %w", id, err)
			}
		}
		return log.Record(ctx, tx, by.Name, ActionActions, itemTarget(id), fmt.Sprint(ids))
	})
}
