// Package audit records who did what: admin actions, snapshot transitions
// and exports. Entries are append-only.
package audit

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// Scheduler is the actor recorded for changes the job runner makes.
const Scheduler = "scheduler"

// Event is one audit log entry.
type Event struct {
	ID        int64
	CreatedAt time.Time
	// Actor is the email of the person who acted, "scheduler", or "token:NAME".
	Actor  string
	Action string
	Target string
	Detail string
}

// TableName keeps the table name independent of the type name.
func (Event) TableName() string { return "audit_events" }

// Log writes and reads the audit log.
type Log struct {
	db *gorm.DB
}

// New returns a Log on db.
func New(db *gorm.DB) *Log { return &Log{db: db} }

// Record appends an entry. Pass a transaction handle as tx to record the
// entry together with the change it describes; nil uses the log's own handle.
func (l *Log) Record(ctx context.Context, tx *gorm.DB, actor, action, target, detail string) error {
	if tx == nil {
		tx = l.db
	}
	e := Event{Actor: actor, Action: action, Target: target, Detail: detail}
	if err := tx.WithContext(ctx).Create(&e).Error; err != nil {
		return fmt.Errorf("audit: record %s: %w", action, err)
	}
	return nil
}

// Recent returns up to limit entries, newest first, skipping offset entries.
func (l *Log) Recent(ctx context.Context, limit, offset int) ([]Event, error) {
	var events []Event
	err := l.db.WithContext(ctx).Order("id DESC").Limit(limit).Offset(offset).Find(&events).Error
	if err != nil {
		return nil, fmt.Errorf("audit: recent: %w", err)
	}
	return events, nil
}
