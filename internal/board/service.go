package board

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/input"
)

// Audit log actions of board changes.
const (
	ActionToolSave = "board.tool.save"
	ActionItemPost = "board.item.post"
	ActionItemEdit = "board.item.edit"
	ActionWithdraw = "board.item.withdraw"
	ActionStatus   = "board.item.status"
	ActionMerge    = "board.item.merge"
	ActionComment  = "board.comment.post"
	ActionSetShown = "board.reactions.shown"
	maxTitle       = 200
	maxDescription = 5000
	maxReason      = 2000
	maxToolName    = 100
)

// Notifier plans the messages that tell an item's author and voters its
// status changed, inside the transaction that changes it (a job queue).
// Nil sends nothing.
type Notifier interface {
	StatusChanged(ctx context.Context, tx *gorm.DB, change StatusChange) error
}

// Service carries out the board's changes, each in one transaction with
// its audit entry.
type Service struct {
	db     *gorm.DB
	notify Notifier
	now    func() time.Time
	// reacting bounds the vote and reaction transactions in flight. Those
	// on one hot item queue on its counter row anyway; holding more
	// connections for them would only leave none for the people reading.
	reacting chan struct{}
}

// MaxReacting is how many vote and reaction transactions run at once in
// one process; the database pool has database.MaxOpenConns.
const MaxReacting = 3

// NewService returns a Service on db; notify may be nil.
func NewService(db *gorm.DB, notify Notifier) (*Service, error) {
	if db == nil {
		return nil, errors.New("board: service needs a database")
	}
	return &Service{db: db, notify: notify, now: func() time.Time { return time.Now().UTC() },
		reacting: make(chan struct{}, MaxReacting)}, nil
}

// change runs fn in one transaction with an audit log on it.
func (s *Service) change(ctx context.Context, fn func(tx *gorm.DB, log *audit.Log) error) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return fn(tx, audit.New(tx))
	})
}

func itemTarget(id int64) string { return fmt.Sprintf("board_item:%d", id) }

// SaveTool adds a tool (ID 0) or renames it and changes its owning team.
// Only admins keep the list.
func (s *Service) SaveTool(ctx context.Context, by Actor, t Tool) (Tool, error) {
	if !by.Admin {
		return Tool{}, ErrForbidden
	}
	t.Name = strings.TrimSpace(t.Name)
	f := fields{}
	switch {
	case t.Name == "":
		f["name"] = input.M("board.invalid.tool_name_empty")
	case utf8.RuneCountInString(t.Name) > maxToolName:
		f["name"] = input.M("board.invalid.tool_name_long", "Max", maxToolName)
	}
	err := s.change(ctx, func(tx *gorm.DB, log *audit.Log) error {
		var teams int64
		if err := tx.Table("teams").Where("id = ?", t.TeamID).Count(&teams).Error; err != nil {
			return fmt.Errorf("board: tool team: %w", err)
		}
		if teams == 0 {
			f["team"] = input.M("board.invalid.tool_team")
		}
		var clash int64
		if err := tx.Model(&Tool{}).Where("LOWER(name) = LOWER(?) AND id <> ?", t.Name, t.ID).Count(&clash).Error; err != nil {
			return fmt.Errorf("board: tool name: %w", err)
		}
		if clash > 0 {
			f["name"] = input.M("board.invalid.tool_name_taken")
		}
		if err := f.err(); err != nil {
			return err
		}
		if err := saveTool(tx, &t, s.now()); err != nil {
			return err
		}
		return log.Record(ctx, tx, by.Name, ActionToolSave, fmt.Sprintf("board_tool:%d", t.ID), fmt.Sprintf("%s owned by team:%d", t.Name, t.TeamID))
	})
	return t, err
}

func saveTool(tx *gorm.DB, t *Tool, now time.Time) error {
	if t.ID == 0 {
		t.CreatedAt, t.UpdatedAt = now, now
		if err := tx.Create(t).Error; err != nil {
			return fmt.Errorf("board: add tool: %w", err)
		}
		return nil
	}
	res := tx.Model(&Tool{}).Where("id = ?", t.ID).Updates(map[string]any{"name": t.Name, "team_id": t.TeamID, "updated_at": now})
	if res.Error != nil {
		return fmt.Errorf("board: save tool %d: %w", t.ID, res.Error)
	}
	if res.RowsAffected == 0 {
		return ErrNotFound
	}
	return nil
}
