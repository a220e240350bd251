package audit_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/testdb"
)

func TestQueryFiltersAndPages(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		log := audit.New(db)
		// 7 entries, oldest first: token.create 0, 1, 3, 4, 6 and token.revoke 2, 5.
		for i := range 7 {
			action := "token.create"
			if i%3 == 2 {
				action = "token.revoke"
			}
			target := fmt.Sprintf("%s-%d", action, i)
			if err := log.Record(ctx, nil, "admin@example.com", action, target, ""); err != nil {
				t.Fatal(err)
			}
		}
		targets := func(p audit.Page) string {
			var out []string
			for _, e := range p.Events {
				out = append(out, e.Target)
			}
			return strings.Join(out, " ")
		}
		tests := []struct {
			name            string
			filter          audit.Filter
			number, size    int
			wantTargets     string
			wantTotal       int64
			wantNum, wantOf int
		}{
			{"all, first page", audit.Filter{}, 1, 3, "token.create-6 token.revoke-5 token.create-4", 7, 1, 3},
			{"all, last page", audit.Filter{}, 3, 3, "token.create-0", 7, 3, 3},
			{"past the end gives the last page", audit.Filter{}, 9, 3, "token.create-0", 7, 3, 3},
			{"below 1 gives the first page", audit.Filter{}, 0, 3, "token.create-6 token.revoke-5 token.create-4", 7, 1, 3},
			{"one action", audit.Filter{Action: "token.revoke"}, 1, 50, "token.revoke-5 token.revoke-2", 2, 1, 1},
			{"one action, second page", audit.Filter{Action: "token.create"}, 2, 3, "token.create-1 token.create-0", 5, 2, 2},
			{"unknown action", audit.Filter{Action: "nope"}, 1, 50, "", 0, 1, 1},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				p, err := log.Query(ctx, tt.filter, tt.number, tt.size)
				if err != nil {
					t.Fatal(err)
				}
				if got := targets(p); got != tt.wantTargets {
					t.Errorf("entries %q, want %q", got, tt.wantTargets)
				}
				if p.Total != tt.wantTotal || p.Number != tt.wantNum || p.Pages != tt.wantOf {
					t.Errorf("total %d page %d of %d, want %d, %d of %d", p.Total, p.Number, p.Pages, tt.wantTotal, tt.wantNum, tt.wantOf)
				}
			})
		}
	})
}

func TestActions(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		log := audit.New(db)
		if got, err := log.Actions(ctx); err != nil || len(got) != 0 {
			t.Fatalf("empty log: %v %v", got, err)
		}
		for _, a := range []string{"token.revoke", "person.create", "token.revoke", "token.create"} {
			if err := log.Record(ctx, nil, audit.Scheduler, a, "", ""); err != nil {
				t.Fatal(err)
			}
		}
		got, err := log.Actions(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(got, " ") != "person.create token.create token.revoke" {
			t.Fatalf("actions %v", got)
		}
	})
}

func TestRecordInTransaction(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		log := audit.New(db)
		_ = db.Transaction(func(tx *gorm.DB) error {
			if err := log.Record(ctx, tx, "cli", "token.create", "t", ""); err != nil {
				t.Fatal(err)
			}
			return fmt.Errorf("roll back")
		})
		p, err := log.Query(ctx, audit.Filter{}, 1, 10)
		if err != nil || p.Total != 0 {
			t.Fatalf("a rolled-back change must leave no entry: %+v %v", p, err)
		}
	})
}
