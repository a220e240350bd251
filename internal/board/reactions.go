package board

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/devpulse/devpulse/internal/input"
)

// ObjectKind names what a reaction is on.
type ObjectKind string

// Object kinds that take reactions.
const (
	KindItem    ObjectKind = "item"
	KindComment ObjectKind = "comment"
)

// counterVote is the name of an item's vote counter beside the reaction
// types' counters.
const counterVote = "vote"

// errRetry says a concurrent change by the same person won a race; the
// transaction is run again on what it left.
var errRetry = errors.New("board: concurrent change, retry")

const maxRetries = 5

// retry runs fn in a fresh transaction until it does not ask to retry.
func (s *Service) retry(ctx context.Context, fn func(tx *gorm.DB) error) error {
	select {
	case s.reacting <- struct{}{}:
		defer func() { <-s.reacting }()
	case <-ctx.Done():
		return ctx.Err()
	}
	var err error
	for range maxRetries {
		err = s.db.WithContext(ctx).Transaction(fn)
		if !errors.Is(err, errRetry) {
			return err
		}
	}
	return err
}

// bump changes counters of one object by deltas, in the order of their
// names, so two transactions never wait on each other's counters.
func bump(tx *gorm.DB, kind ObjectKind, id int64, deltas map[string]int64) error {
	names := make([]string, 0, len(deltas))
	for n := range deltas {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		err := tx.Exec(`INSERT INTO board_counts (object_kind, object_id, name, n) VALUES (?, ?, ?, ?)
			ON CONFLICT (object_kind, object_id, name) DO UPDATE SET n = board_counts.n + excluded.n`,
			kind, id, n, deltas[n]).Error
		if err != nil {
			return fmt.Errorf("board: count %s %d %s: %w", kind, id, n, err)
		}
	}
	return nil
}

// ToggleVote adds the person's "me too" vote to an open item, or takes it
// back; voted says which. The counter changes in the same transaction.
func (s *Service) ToggleVote(ctx context.Context, by Actor, itemID int64) (voted bool, err error) {
	if by.PersonID == 0 {
		return false, ErrForbidden
	}
	err = s.retry(ctx, func(tx *gorm.DB) error {
		if err := openItem(tx, itemID); err != nil {
			return err
		}
		res := tx.Exec("DELETE FROM board_votes WHERE item_id = ? AND person_id = ?", itemID, by.PersonID)
		if res.Error != nil {
			return fmt.Errorf("board: unvote %d: %w", itemID, res.Error)
		}
		if res.RowsAffected == 1 {
			voted = false
			return bump(tx, KindItem, itemID, map[string]int64{counterVote: -1})
		}
		res = tx.Exec(`INSERT INTO board_votes (item_id, person_id, created_at) VALUES (?, ?, ?)
			ON CONFLICT (item_id, person_id) DO NOTHING`, itemID, by.PersonID, s.now())
		if res.Error != nil {
			return fmt.Errorf("board: vote %d: %w", itemID, res.Error)
		}
		if res.RowsAffected == 0 {
			return errRetry
		}
		voted = true
		return bump(tx, KindItem, itemID, map[string]int64{counterVote: 1})
	})
	return voted, err
}

// openItem refuses an item that is missing, withdrawn or merged. On
// PostgreSQL it holds a share lock, so a merge or withdrawal waits for
// the votes and reactions in flight and they wait for it.
func openItem(tx *gorm.DB, id int64) error {
	var it Item
	q := tx.Select("id", "withdrawn", "merged_into_id")
	if tx.Dialector.Name() == "postgres" {
		q = q.Clauses(clause.Locking{Strength: "SHARE"})
	}
	if err := first(q, &it, id, "item"); err != nil {
		return err
	}
	if !it.Open() {
		return ErrForbidden
	}
	return nil
}

// objectExists refuses a reaction on something that does not take one.
func objectExists(tx *gorm.DB, kind ObjectKind, id int64) error {
	switch kind {
	case KindItem:
		return openItem(tx, id)
	case KindComment:
		var c Comment
		if err := first(tx.Select("id", "item_id"), &c, id, "comment"); err != nil {
			return err
		}
		return openItem(tx, c.ItemID)
	}
	return ErrNotFound
}

// React sets the person's one reaction on an object to typ; the same type
// again removes it, another type replaces it. now is the reaction left
// ("" when removed). Anonymous reactions are counted, never listed.
func (s *Service) React(ctx context.Context, by Actor, kind ObjectKind, id int64, typ ReactionType, anonymous bool) (now ReactionType, err error) {
	if by.PersonID == 0 {
		return "", ErrForbidden
	}
	shown, err := NewStore(s.db).ShownTypes(ctx)
	if err != nil {
		return "", err
	}
	if !slices.Contains(shown, typ) {
		return "", &ValidationError{Fields: map[string]input.Message{"type": input.M("board.invalid.reaction")}}
	}
	err = s.retry(ctx, func(tx *gorm.DB) error {
		if err := objectExists(tx, kind, id); err != nil {
			return err
		}
		var deltas map[string]int64
		var err error
		now, deltas, err = s.setReaction(tx, by.PersonID, kind, id, typ, anonymous)
		if err != nil {
			return err
		}
		return bump(tx, kind, id, deltas)
	})
	return now, err
}

// setReaction changes the reaction row and returns the counter deltas.
func (s *Service) setReaction(tx *gorm.DB, person int64, kind ObjectKind, id int64, typ ReactionType, anonymous bool) (ReactionType, map[string]int64, error) {
	where := "object_kind = ? AND object_id = ? AND person_id = ?"
	lock := ""
	if tx.Dialector.Name() == "postgres" {
		lock = " FOR UPDATE"
	}
	var old []string
	if err := tx.Raw("SELECT type FROM board_reactions WHERE "+where+lock, kind, id, person).Scan(&old).Error; err != nil {
		return "", nil, fmt.Errorf("board: reaction on %s %d: %w", kind, id, err)
	}
	switch {
	case len(old) == 1 && old[0] == string(typ):
		err := tx.Exec("DELETE FROM board_reactions WHERE "+where, kind, id, person).Error
		return "", map[string]int64{string(typ): -1}, wrap(err, "remove reaction")
	case len(old) == 1:
		err := tx.Exec("UPDATE board_reactions SET type = ?, anonymous = ? WHERE "+where, typ, anonymous, kind, id, person).Error
		return typ, map[string]int64{old[0]: -1, string(typ): 1}, wrap(err, "change reaction")
	}
	res := tx.Exec(`INSERT INTO board_reactions (object_kind, object_id, person_id, type, anonymous, created_at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (object_kind, object_id, person_id) DO NOTHING`,
		kind, id, person, typ, anonymous, s.now())
	if res.Error != nil {
		return "", nil, wrap(res.Error, "add reaction")
	}
	if res.RowsAffected == 0 {
		return "", nil, errRetry
	}
	return typ, map[string]int64{string(typ): 1}, nil
}

func wrap(err error, what string) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("board: %s: %w", what, err)
}
