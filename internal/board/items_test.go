package board_test

import (
	"errors"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/board"
	"github.com/devpulse/devpulse/internal/testdb"
)

func TestToolsAreKeptByAdmins(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db, 1)
		if _, err := f.svc.SaveTool(ctx, f.authors[0], board.Tool{Name: "Deploys", TeamID: f.team.ID}); !errors.Is(err, board.ErrForbidden) {
			t.Fatalf("an engineer added a tool: %v", err)
		}
		_, err := f.svc.SaveTool(ctx, f.admin, board.Tool{Name: " ci PIPELINE ", TeamID: 9999})
		var verr *board.ValidationError
		if !errors.As(err, &verr) || verr.Fields["name"].ID == "" || verr.Fields["team"].ID == "" {
			t.Fatalf("duplicate name and missing team: got %v", err)
		}
		renamed := f.tool
		renamed.Name = "Build pipeline"
		_, err = f.svc.SaveTool(ctx, f.admin, renamed)
		must(t, err)
		tools, err := f.store.Tools(ctx)
		must(t, err)
		if len(tools) != 1 || tools[0].Name != "Build pipeline" {
			t.Fatalf("tools = %+v", tools)
		}
	})
}

func TestPostEditWithdraw(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db, 2)
		_, err := f.svc.Post(ctx, f.authors[0], board.ItemInput{ToolID: 0, Title: "  "})
		var verr *board.ValidationError
		if !errors.As(err, &verr) || verr.Fields["title"].ID == "" || verr.Fields["tool"].ID == "" {
			t.Fatalf("empty post: %v", err)
		}
		it := f.post(t, f.authors[0], "Builds are slow", true)
		edit := board.ItemInput{ToolID: f.tool.ID, Title: "Builds take 40 minutes", Description: "see https://ci.example.com"}
		if err := f.svc.Edit(ctx, f.authors[1], it.ID, edit); !errors.Is(err, board.ErrForbidden) {
			t.Fatalf("someone else edited: %v", err)
		}
		must(t, f.svc.Edit(ctx, f.authors[0], it.ID, edit))
		got, err := f.store.Item(ctx, it.ID)
		must(t, err)
		if got.Title != "Builds take 40 minutes" || !got.Anonymous {
			t.Fatalf("after edit: %+v", got)
		}
		_, err = f.svc.SetStatus(ctx, f.lead, it.ID, board.StatusUnderReview, "")
		must(t, err)
		if err := f.svc.Edit(ctx, f.authors[0], it.ID, edit); !errors.Is(err, board.ErrAnswered) {
			t.Fatalf("edit after the owners responded: %v", err)
		}
		must(t, f.svc.Withdraw(ctx, f.authors[0], it.ID))
		got, _ = f.store.Item(ctx, it.ID)
		if !got.Withdrawn {
			t.Fatal("not withdrawn")
		}
		for _, line := range auditDetails(t, db) {
			if strings.Contains(line, f.authors[0].Name) {
				t.Fatalf("the audit log names the anonymous author: %q", line)
			}
		}
	})
}

func TestOwnersSetStatusWithReasons(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db, 2)
		it := f.post(t, f.authors[0], "Flaky tests", false)
		if _, err := f.svc.SetStatus(ctx, f.authors[1], it.ID, board.StatusPlanned, ""); !errors.Is(err, board.ErrForbidden) {
			t.Fatalf("an engineer set a status: %v", err)
		}
		otherLead := board.Actor{Name: "x@example.com", PersonID: f.authors[1].PersonID, LeadOf: []int64{f.team.ID + 100}}
		if _, err := f.svc.SetStatus(ctx, otherLead, it.ID, board.StatusPlanned, ""); !errors.Is(err, board.ErrForbidden) {
			t.Fatalf("another team's lead set a status: %v", err)
		}
		for _, s := range []board.Status{board.StatusDone, board.StatusWontDo} {
			_, err := f.svc.SetStatus(ctx, f.lead, it.ID, s, "  ")
			var verr *board.ValidationError
			if !errors.As(err, &verr) || verr.Fields["reason"].ID == "" {
				t.Fatalf("%s without a reason: %v", s, err)
			}
		}
		if _, err := f.svc.SetStatus(ctx, f.lead, it.ID, "shipped", ""); !errors.Is(err, board.ErrInvalid) {
			t.Fatalf("unknown status: %v", err)
		}
		_, err := f.svc.SetStatus(ctx, f.lead, it.ID, board.StatusPlanned, "")
		must(t, err)
		_, err = f.svc.SetStatus(ctx, f.admin, it.ID, board.StatusWontDo, "Replaced by the new runner in Q3.")
		must(t, err)
		h, err := f.store.History(ctx, it.ID)
		must(t, err)
		if len(h) != 2 || h[0].Status != board.StatusPlanned || h[1].Status != board.StatusWontDo || h[1].Reason != "Replaced by the new runner in Q3." {
			t.Fatalf("history = %+v", h)
		}
		got, _ := f.store.Item(ctx, it.ID)
		if got.Status != board.StatusWontDo || !got.Responded {
			t.Fatalf("item = %+v", got)
		}
	})
}
