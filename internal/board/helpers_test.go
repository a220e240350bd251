package board_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/board"
	"github.com/devpulse/devpulse/internal/directory"
)

// fixture is a small organisation: a team owning one tool, its lead, an
// admin and engineers.
type fixture struct {
	db      *gorm.DB
	svc     *board.Service
	store   *board.Store
	team    directory.Team
	tool    board.Tool
	lead    board.Actor
	admin   board.Actor
	authors []board.Actor
}

var ctx = context.Background()

func newFixture(t testing.TB, db *gorm.DB, engineers int) *fixture {
	t.Helper()
	svc, err := board.NewService(db, nil)
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{db: db, svc: svc, store: board.NewStore(db)}
	f.team = directory.Team{Name: "Platform", Path: "Platform", CreatedAt: time.Now()}
	must(t, db.Create(&f.team).Error)
	f.admin = board.Actor{Name: "admin@example.com", PersonID: person(t, db, "admin@example.com", "Ada Admin"), Admin: true}
	f.lead = board.Actor{Name: "lead@example.com", PersonID: person(t, db, "lead@example.com", "Lee Lead"), LeadOf: []int64{f.team.ID}}
	for i := range engineers {
		email := fmt.Sprintf("eng%d@example.com", i)
		f.authors = append(f.authors, board.Actor{Name: email, PersonID: person(t, db, email, fmt.Sprintf("Engineer %d", i))})
	}
	f.tool, err = svc.SaveTool(ctx, f.admin, board.Tool{Name: "CI pipeline", TeamID: f.team.ID})
	must(t, err)
	return f
}

func person(t testing.TB, db *gorm.DB, email, name string) int64 {
	t.Helper()
	p := directory.Person{Email: email, Name: name, Active: true, CreatedAt: time.Now(), UpdatedAt: time.Now()}
	must(t, db.Create(&p).Error)
	return p.ID
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func (f *fixture) post(t *testing.T, by board.Actor, title string, anonymous bool) board.Item {
	t.Helper()
	it, err := f.svc.Post(ctx, by, board.ItemInput{ToolID: f.tool.ID, Title: title, Description: "details", Anonymous: anonymous})
	must(t, err)
	return it
}

func auditDetails(t *testing.T, db *gorm.DB) []string {
	t.Helper()
	var rows []string
	must(t, db.Raw("SELECT actor || ' ' || action || ' ' || target || ' ' || detail FROM audit_events ORDER BY id").Scan(&rows).Error)
	return rows
}
