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

// Filter narrows a query of the log; zero fields match everything.
type Filter struct {
	// Action matches entries with exactly this action.
	Action string
}

// Page is one page of entries, newest first, and where it lies in the whole.
type Page struct {
	Events []Event
	// Total counts the entries matching the filter on every page.
	Total int64
	// Number is the page shown, from 1; Pages is how many there are (at least 1).
	Number int
	Pages  int
}

// Query returns page number of the entries matching f, size to a page,
// newest first. A number past the last page gives the last page; below 1,
// the first.
func (l *Log) Query(ctx context.Context, f Filter, number, size int) (Page, error) {
	if size < 1 {
		size = 1
	}
	var total int64
	if err := l.filtered(ctx, f).Model(&Event{}).Count(&total).Error; err != nil {
		return Page{}, fmt.Errorf("audit: count: %w", err)
	}
	p := Page{Total: total, Pages: max(1, int((total+int64(size)-1)/int64(size)))}
	p.Number = min(max(number, 1), p.Pages)
	err := l.filtered(ctx, f).Order("id DESC").Limit(size).Offset((p.Number - 1) * size).Find(&p.Events).Error
	if err != nil {
		return Page{}, fmt.Errorf("audit: query: %w", err)
	}
	return p, nil
}

// Actions lists the distinct actions the log holds, sorted, for a filter menu.
func (l *Log) Actions(ctx context.Context) ([]string, error) {
	var actions []string
	err := l.db.WithContext(ctx).Model(&Event{}).Distinct("action").Order("action").Pluck("action", &actions).Error
	if err != nil {
		return nil, fmt.Errorf("audit: actions: %w", err)
	}
	return actions, nil
}

func (l *Log) filtered(ctx context.Context, f Filter) *gorm.DB {
	q := l.db.WithContext(ctx)
	if f.Action != "" {
		q = q.Where("action = ?", f.Action)
	}
	return q
}
