package board_test

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/devpulse/devpulse/internal/board"
	"github.com/devpulse/devpulse/internal/testdb"
)

// statements counts the SQL statements run through a gorm session.
type statements struct {
	logger.Interface
	n atomic.Int64
}

func (s *statements) Trace(context.Context, time.Time, func() (string, int64), error) { s.n.Add(1) }

func counted(db *gorm.DB) (*board.Store, *statements) {
	st := &statements{Interface: logger.Discard}
	return board.NewStore(db.Session(&gorm.Session{Logger: st})), st
}

// TestPageReadsInTwoQueries: the item's page reads everything it shows
// in two statements whatever the number of comments, and what it reads
// is right for the viewer: counts, their vote and reactions, named
// reactors only, anonymous authors as "an engineer", the drivers.
func TestPageReadsInTwoQueries(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db, 4)
		drivers, err := f.store.Drivers(ctx)
		must(t, err)
		in := board.ItemInput{ToolID: f.tool.ID, Title: "Slow builds", Anonymous: true, DriverIDs: []int64{drivers[1].ID}}
		it, err := f.svc.Post(ctx, f.authors[0], in)
		must(t, err)
		viewer := f.authors[1]
		_, err = f.svc.ToggleVote(ctx, viewer, it.ID)
		must(t, err)
		_, err = f.svc.React(ctx, viewer, board.KindItem, it.ID, board.ReactionHeart, false)
		must(t, err)
		_, err = f.svc.React(ctx, f.authors[2], board.KindItem, it.ID, board.ReactionHeart, true)
		must(t, err)
		store, st := counted(db)
		p, err := store.Page(ctx, it.ID, viewer)
		must(t, err)
		alone := st.n.Load()
		for i := range 3 {
			c, err := f.svc.AddComment(ctx, f.authors[i], it.ID, "same here", i == 0)
			must(t, err)
			_, err = f.svc.React(ctx, f.authors[3], board.KindComment, c.ID, board.ReactionPlusOne, false)
			must(t, err)
			if i == 0 { // the viewer's own anonymous reaction: theirs, never listed
				_, err = f.svc.React(ctx, viewer, board.KindComment, c.ID, board.ReactionCelebrate, true)
				must(t, err)
			}
		}
		_, err = f.svc.SetStatus(ctx, f.lead, it.ID, board.StatusPlanned, "Next sprint.")
		must(t, err)
		st.n.Store(0)
		p, err = store.Page(ctx, it.ID, viewer)
		must(t, err)
		if alone != 2 || st.n.Load() != 2 {
			t.Fatalf("the page took %d statements alone and %d with 3 comments, want 2", alone, st.n.Load())
		}
		checkPage(t, p, drivers[1])
		if _, err := store.Page(ctx, 999999, viewer); err != board.ErrNotFound {
			t.Fatalf("missing item: %v", err)
		}
	})
}

func checkPage(t *testing.T, p board.ItemPage, driver board.DriverRef) {
	t.Helper()
	if p.AuthorName != board.AnonymousName || p.Votes != 1 || !p.Voted || p.Tool.Name != "CI pipeline" {
		t.Fatalf("page = author %q, votes %d, voted %v, tool %q", p.AuthorName, p.Votes, p.Voted, p.Tool.Name)
	}
	r := p.Reactions
	if r.Counts[board.ReactionHeart] != 2 || r.Mine != board.ReactionHeart || len(r.Reactors) != 1 || r.Reactors[0].Name != "Engineer 1" {
		t.Fatalf("item reactions = %+v", r)
	}
	if len(p.History) != 1 || p.History[0].Reason != "Next sprint." || p.History[0].Status != board.StatusPlanned ||
		p.History[0].CreatedAt.IsZero() || p.History[0].ByName != "lead@example.com" {
		t.Fatalf("history = %+v", p.History)
	}
	if len(p.Comments) != 3 || p.Comments[0].AuthorName != board.AnonymousName || p.Comments[1].AuthorName != "Engineer 1" ||
		p.Comments[2].CreatedAt.IsZero() || p.Comments[2].Body != "same here" {
		t.Fatalf("comments = %+v", p.Comments)
	}
	for i, c := range p.Comments {
		if c.Reactions.Counts[board.ReactionPlusOne] != 1 || len(c.Reactions.Reactors) != 1 || c.Reactions.Reactors[0].Name != "Engineer 3" {
			t.Fatalf("comment %d reactions = %+v", c.ID, c.Reactions)
		}
		want := board.ReactionType("")
		if i == 0 {
			want = board.ReactionCelebrate
		}
		if c.Reactions.Mine != want || (i == 0 && c.Reactions.Counts[board.ReactionCelebrate] != 1) {
			t.Fatalf("comment %d: viewer's reaction = %q, counts %v", c.ID, c.Reactions.Mine, c.Reactions.Counts)
		}
	}
	if len(p.Drivers) != 1 || p.Drivers[0] != driver || strings.TrimSpace(driver.Key) == "" {
		t.Fatalf("drivers = %+v, want %+v", p.Drivers, driver)
	}
}
