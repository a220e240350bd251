package board

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"
)

// Store reads the board.
type Store struct {
	db *gorm.DB
}

// NewStore returns a Store on db.
func NewStore(db *gorm.DB) *Store { return &Store{db: db} }

// Tools lists every tool by name.
func (s *Store) Tools(ctx context.Context) ([]Tool, error) {
	var tools []Tool
	if err := s.db.WithContext(ctx).Order("name").Find(&tools).Error; err != nil {
		return nil, fmt.Errorf("board store: tools: %w", err)
	}
	return tools, nil
}

// Tool returns one tool.
func (s *Store) Tool(ctx context.Context, id int64) (Tool, error) {
	var t Tool
	return t, first(s.db.WithContext(ctx), &t, id, "tool")
}

// Item returns one item.
func (s *Store) Item(ctx context.Context, id int64) (Item, error) {
	var it Item
	return it, first(s.db.WithContext(ctx), &it, id, "item")
}

// History returns an item's status changes, oldest first.
func (s *Store) History(ctx context.Context, itemID int64) ([]StatusChange, error) {
	var h []StatusChange
	err := s.db.WithContext(ctx).Where("item_id = ?", itemID).Order("id").Find(&h).Error
	if err != nil {
		return nil, fmt.Errorf("board store: history of %d: %w", itemID, err)
	}
	return h, nil
}

// Comments returns an item's comments, oldest first.
func (s *Store) Comments(ctx context.Context, itemID int64) ([]Comment, error) {
	var cs []Comment
	err := s.db.WithContext(ctx).Where("item_id = ?", itemID).Order("id").Find(&cs).Error
	if err != nil {
		return nil, fmt.Errorf("board store: comments of %d: %w", itemID, err)
	}
	return cs, nil
}

// Comment returns one comment.
func (s *Store) Comment(ctx context.Context, id int64) (Comment, error) {
	var c Comment
	return c, first(s.db.WithContext(ctx), &c, id, "comment")
}

// first loads the record with id into dest; a missing one is ErrNotFound.
func first(db *gorm.DB, dest any, id int64, what string) error {
	err := db.First(dest, id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("board store: %s %d: %w", what, id, err)
	}
	return nil
}
