package board

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/input"
)

// ItemInput is what an author writes.
type ItemInput struct {
	ToolID      int64
	Title       string
	Description string
	Anonymous   bool
	// DriverIDs are the drivers the item concerns (may be none).
	DriverIDs []int64
}

// check trims the input and lists what is wrong with it.
func (in *ItemInput) check(tx *gorm.DB) (fields, error) {
	in.Title = strings.TrimSpace(in.Title)
	in.Description = strings.TrimSpace(in.Description)
	f := fields{}
	switch {
	case in.Title == "":
		f["title"] = input.M("board.invalid.title_empty")
	case utf8.RuneCountInString(in.Title) > maxTitle:
		f["title"] = input.M("board.invalid.title_long", "Max", maxTitle)
	}
	if utf8.RuneCountInString(in.Description) > maxDescription {
		f["description"] = input.M("board.invalid.description_long", "Max", maxDescription)
	}
	var tools int64
	if err := tx.Model(&Tool{}).Where("id = ?", in.ToolID).Count(&tools).Error; err != nil {
		return nil, fmt.Errorf("board: check tool: %w", err)
	}
	if tools == 0 {
		f["tool"] = input.M("board.invalid.tool")
	}
	return f, checkDrivers(tx, in.DriverIDs, f)
}

// Post adds an item by the signed-in person, named or anonymous.
func (s *Service) Post(ctx context.Context, by Actor, in ItemInput) (Item, error) {
	if by.PersonID == 0 {
		return Item{}, ErrForbidden
	}
	var it Item
	err := s.change(ctx, func(tx *gorm.DB, log *audit.Log) error {
		f, err := in.check(tx)
		if err != nil {
			return err
		}
		if err := f.err(); err != nil {
			return err
		}
		now := s.now()
		it = Item{ToolID: in.ToolID, AuthorID: by.PersonID, Anonymous: in.Anonymous, Title: in.Title,
			Description: in.Description, Status: StatusNew, CreatedAt: now, UpdatedAt: now, ActivityAt: now}
		if err := tx.Create(&it).Error; err != nil {
			return fmt.Errorf("board: post item: %w", err)
		}
		if err := saveDrivers(tx, it.ID, in.DriverIDs); err != nil {
			return err
		}
		return log.Record(ctx, tx, by.auditName(in.Anonymous), ActionItemPost, itemTarget(it.ID), "")
	})
	return it, err
}

// lockItem loads an item for change, locking its row on PostgreSQL.
func lockItem(tx *gorm.DB, id int64) (Item, error) {
	var it Item
	q := tx
	if tx.Dialector.Name() == "postgres" {
		q = tx.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	return it, first(q, &it, id, "item")
}

// Edit changes the author's own item until the owners respond
// (ErrAnswered). Whether it is anonymous stays as posted.
func (s *Service) Edit(ctx context.Context, by Actor, id int64, in ItemInput) error {
	return s.change(ctx, func(tx *gorm.DB, log *audit.Log) error {
		it, err := lockItem(tx, id)
		if err != nil {
			return err
		}
		if it.AuthorID != by.PersonID || !it.Open() {
			return ErrForbidden
		}
		if it.Responded {
			return ErrAnswered
		}
		f, err := in.check(tx)
		if err != nil {
			return err
		}
		if err := f.err(); err != nil {
			return err
		}
		now := s.now()
		err = tx.Model(&Item{}).Where("id = ?", id).Updates(map[string]any{"tool_id": in.ToolID, "title": in.Title,
			"description": in.Description, "updated_at": now, "activity_at": now}).Error
		if err != nil {
			return fmt.Errorf("board: edit item %d: %w", id, err)
		}
		if err := saveDrivers(tx, id, in.DriverIDs); err != nil {
			return err
		}
		return log.Record(ctx, tx, by.auditName(it.Anonymous), ActionItemEdit, itemTarget(id), "")
	})
}

// Withdraw takes the author's own item off the board; its rows stay.
func (s *Service) Withdraw(ctx context.Context, by Actor, id int64) error {
	return s.change(ctx, func(tx *gorm.DB, log *audit.Log) error {
		it, err := lockItem(tx, id)
		if err != nil {
			return err
		}
		if it.AuthorID != by.PersonID || it.Withdrawn {
			return ErrForbidden
		}
		err = tx.Model(&Item{}).Where("id = ?", id).Updates(map[string]any{"withdrawn": true, "updated_at": s.now()}).Error
		if err != nil {
			return fmt.Errorf("board: withdraw item %d: %w", id, err)
		}
		return log.Record(ctx, tx, by.auditName(it.Anonymous), ActionWithdraw, itemTarget(id), "")
	})
}

// CanAnswer reports whether the actor sets the status of items on tool.
func (s *Service) CanAnswer(ctx context.Context, by Actor, toolID int64) (bool, error) {
	t, err := NewStore(s.db).Tool(ctx, toolID)
	if err != nil {
		return false, err
	}
	return by.owns(t.TeamID), nil
}

// SetStatus records the owners' answer: the owning team's leads and admins
// set a status, "done" and "won't do" with a reason. The author and the
// voters are told (Notifier) in the same transaction.
func (s *Service) SetStatus(ctx context.Context, by Actor, id int64, status Status, reason string) (StatusChange, error) {
	reason = strings.TrimSpace(reason)
	f := fields{}
	switch {
	case !status.Valid():
		f["status"] = input.M("board.invalid.status")
	case status.NeedsReason() && reason == "":
		f["reason"] = input.M("board.invalid.reason_" + string(status))
	case utf8.RuneCountInString(reason) > maxReason:
		f["reason"] = input.M("board.invalid.reason_long", "Max", maxReason)
	}
	if err := f.err(); err != nil {
		return StatusChange{}, err
	}
	var ch StatusChange
	err := s.change(ctx, func(tx *gorm.DB, log *audit.Log) error {
		it, err := lockItem(tx, id)
		if err != nil {
			return err
		}
		if err := s.mayAnswer(tx, by, it); err != nil {
			return err
		}
		now := s.now()
		ch = StatusChange{ItemID: id, Status: status, Reason: reason, ByName: by.Name, CreatedAt: now}
		if err := tx.Create(&ch).Error; err != nil {
			return fmt.Errorf("board: status of %d: %w", id, err)
		}
		err = tx.Model(&Item{}).Where("id = ?", id).Updates(map[string]any{"status": status, "responded": true,
			"updated_at": now, "activity_at": now}).Error
		if err != nil {
			return fmt.Errorf("board: status of %d: %w", id, err)
		}
		if s.notify != nil {
			if err := s.notify.StatusChanged(ctx, tx, ch); err != nil {
				return err
			}
		}
		return log.Record(ctx, tx, by.Name, ActionStatus, itemTarget(id), string(status)+": "+reason)
	})
	return ch, err
}

// mayAnswer refuses an actor who does not answer for the item's tool.
func (s *Service) mayAnswer(tx *gorm.DB, by Actor, it Item) error {
	var t Tool
	if err := first(tx, &t, it.ToolID, "tool"); err != nil {
		return err
	}
	if !by.owns(t.TeamID) || it.Withdrawn {
		return ErrForbidden
	}
	return nil
}
