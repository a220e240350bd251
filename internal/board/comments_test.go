package board_test

import (
	"errors"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/board"
	"github.com/devpulse/devpulse/internal/testdb"
)

func TestCommentsTakeTheSameReactions(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db, 3)
		it := f.post(t, f.authors[0], "Slow builds", false)
		if _, err := f.svc.AddComment(ctx, f.authors[1], it.ID, "  ", false); !errors.Is(err, board.ErrInvalid) {
			t.Fatalf("empty comment: %v", err)
		}
		c, err := f.svc.AddComment(ctx, f.authors[1], it.ID, "Same here, 30 minutes", true)
		must(t, err)
		_, err = f.svc.React(ctx, f.authors[2], board.KindComment, c.ID, board.ReactionPlusOne, false)
		must(t, err)
		_, err = f.svc.React(ctx, f.authors[0], board.KindComment, c.ID, board.ReactionPlusOne, true)
		must(t, err)
		counts, _ := f.store.Counts(ctx, board.KindComment, []int64{c.ID})
		if counts[c.ID].ByType[board.ReactionPlusOne] != 2 {
			t.Fatalf("comment counts = %+v", counts[c.ID])
		}
		r, err := f.store.ReactionsOf(ctx, 0, board.KindComment, c.ID)
		must(t, err)
		if rs := r.Reactors; len(rs) != 1 || rs[0].Name != "Engineer 2" {
			t.Fatalf("reactors = %+v", r.Reactors)
		}
		cs, _ := f.store.Comments(ctx, it.ID)
		if len(cs) != 1 || !cs[0].Anonymous {
			t.Fatalf("comments = %+v", cs)
		}
		if _, err := f.svc.React(ctx, f.authors[2], board.KindComment, 999999, board.ReactionPlusOne, false); !errors.Is(err, board.ErrNotFound) {
			t.Fatalf("reaction on a missing comment: %v", err)
		}
		for _, line := range auditDetails(t, db) {
			if strings.Contains(line, f.authors[1].Name) {
				t.Fatalf("the audit log names the anonymous commenter: %q", line)
			}
		}
	})
}
