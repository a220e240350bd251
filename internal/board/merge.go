package board

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/input"
)

// Merge folds the duplicate item dupID into intoID: the duplicate's voters
// vote for the other item (someone who voted for both counts once), the
// duplicate leaves the list and points to the other. Only owners of both
// items' tools merge; both must be open.
func (s *Service) Merge(ctx context.Context, by Actor, dupID, intoID int64) error {
	if dupID == intoID {
		return &ValidationError{Fields: map[string]input.Message{"into": input.M("board.invalid.merge_self")}}
	}
	return s.change(ctx, func(tx *gorm.DB, log *audit.Log) error {
		items, err := lockPair(tx, dupID, intoID)
		if err != nil {
			return err
		}
		for _, it := range items {
			if err := s.mayAnswer(tx, by, it); err != nil {
				return err
			}
			if !it.Open() {
				return &ValidationError{Fields: map[string]input.Message{"into": input.M("board.invalid.merge_closed", "ID", it.ID)}}
			}
		}
		if err := moveVotes(tx, dupID, intoID); err != nil {
			return err
		}
		now := s.now()
		err = tx.Model(&Item{}).Where("id = ?", dupID).Updates(map[string]any{"merged_into_id": intoID, "updated_at": now}).Error
		if err != nil {
			return fmt.Errorf("board: merge %d: %w", dupID, err)
		}
		if err := tx.Model(&Item{}).Where("id = ?", intoID).Update("activity_at", now).Error; err != nil {
			return fmt.Errorf("board: merge into %d: %w", intoID, err)
		}
		return log.Record(ctx, tx, by.Name, ActionMerge, itemTarget(dupID), "into "+itemTarget(intoID))
	})
}

// lockPair locks two items in id order, so two merges never deadlock.
func lockPair(tx *gorm.DB, a, b int64) ([]Item, error) {
	lo, hi := min(a, b), max(a, b)
	first, err := lockItem(tx, lo)
	if err != nil {
		return nil, err
	}
	second, err := lockItem(tx, hi)
	if err != nil {
		return nil, err
	}
	return []Item{first, second}, nil
}

// moveVotes gives the duplicate's voters a vote on the other item unless
// they have one, removes the duplicate's votes, and changes both counters
// by exactly the rows added and removed.
func moveVotes(tx *gorm.DB, dupID, intoID int64) error {
	res := tx.Exec(`INSERT INTO board_votes (item_id, person_id, created_at)
		SELECT ?, person_id, created_at FROM board_votes WHERE item_id = ?
		ON CONFLICT (item_id, person_id) DO NOTHING`, intoID, dupID)
	if res.Error != nil {
		return fmt.Errorf("board: move votes of %d: %w", dupID, res.Error)
	}
	added := res.RowsAffected
	res = tx.Exec("DELETE FROM board_votes WHERE item_id = ?", dupID)
	if res.Error != nil {
		return fmt.Errorf("board: move votes of %d: %w", dupID, res.Error)
	}
	if err := bump(tx, KindItem, intoID, map[string]int64{counterVote: added}); err != nil {
		return err
	}
	return bump(tx, KindItem, dupID, map[string]int64{counterVote: -res.RowsAffected})
}
