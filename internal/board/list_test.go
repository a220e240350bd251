package board_test

import (
	"errors"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/board"
	"github.com/devpulse/devpulse/internal/testdb"
)

func titles(items []board.ListItem) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Title
	}
	return out
}

func vote(t *testing.T, f *fixture, it board.Item, voters ...board.Actor) {
	t.Helper()
	for _, v := range voters {
		voted, err := f.svc.ToggleVote(ctx, v, it.ID)
		must(t, err)
		if !voted {
			t.Fatal("a vote was taken back")
		}
	}
}

func TestListSortsFiltersSearches(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db, 4)
		a, e := f.authors, f.authors
		old := f.post(t, a[0], "Old favourite: slow checkout", false)
		hot := f.post(t, a[1], "Hot: flaky deploys", true)
		quiet := f.post(t, a[2], "Quiet 100%_match docs", false)
		vote(t, f, old, e[1], e[2], e[3])
		vote(t, f, hot, e[0], e[2])
		// The old favourite's votes are a month old: not trending.
		must(t, db.Exec("UPDATE board_votes SET created_at = ? WHERE item_id = ?", time.Now().AddDate(0, -1, 0), old.ID).Error)
		_, err := f.svc.AddComment(ctx, e[3], quiet.ID, "bump", false)
		must(t, err)
		cases := []struct {
			name string
			q    board.Query
			want []string
		}{
			{"votes", board.Query{Sort: board.SortVotes}, []string{old.Title, hot.Title, quiet.Title}},
			{"recent", board.Query{Sort: board.SortRecent}, []string{quiet.Title, hot.Title, old.Title}},
			{"trending", board.Query{Sort: board.SortTrending}, []string{hot.Title, old.Title, quiet.Title}},
			{"mine", board.Query{Mine: a[1].PersonID}, []string{hot.Title}},
			{"search title", board.Query{Search: "FLAKY"}, []string{hot.Title}},
			{"search description", board.Query{Search: "details"}, []string{old.Title, hot.Title, quiet.Title}},
			{"search wildcard literally", board.Query{Search: "100%_"}, []string{quiet.Title}},
			{"search percent literally", board.Query{Search: "%"}, []string{quiet.Title}},
			{"search no match", board.Query{Search: "zzz"}, []string{}},
			{"other tool", board.Query{ToolID: f.tool.ID + 1}, []string{}},
			{"status", board.Query{Status: board.StatusNew, ToolID: f.tool.ID, Search: "old"}, []string{old.Title}},
		}
		for _, c := range cases {
			got, err := f.store.List(ctx, c.q)
			must(t, err)
			if len(got) != len(c.want) || (len(got) > 0 && !equal(titles(got), c.want)) {
				t.Errorf("%s: got %q, want %q", c.name, titles(got), c.want)
			}
		}
		got, _ := f.store.List(ctx, board.Query{Search: "flaky"})
		if got[0].AuthorName != board.AnonymousName || got[0].Votes != 2 {
			t.Fatalf("anonymous row = %+v", got[0])
		}
	})
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestMergeMovesVotesWithoutDoubleCounting(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db, 4)
		e := f.authors
		keep := f.post(t, e[0], "Builds are slow", false)
		dup := f.post(t, e[1], "Slow builds again", true)
		vote(t, f, keep, e[1], e[2])
		vote(t, f, dup, e[2], e[3]) // e[2] voted for both
		if err := f.svc.Merge(ctx, e[0], dup.ID, keep.ID); !errors.Is(err, board.ErrForbidden) {
			t.Fatalf("an engineer merged: %v", err)
		}
		if err := f.svc.Merge(ctx, f.lead, keep.ID, keep.ID); !errors.Is(err, board.ErrInvalid) {
			t.Fatalf("merge into itself: %v", err)
		}
		must(t, f.svc.Merge(ctx, f.lead, dup.ID, keep.ID))
		counts, _ := f.store.Counts(ctx, board.KindItem, []int64{keep.ID, dup.ID})
		if counts[keep.ID].Votes != 3 || counts[dup.ID].Votes != 0 {
			t.Fatalf("after merge: keep %d, dup %d votes; want 3 and 0", counts[keep.ID].Votes, counts[dup.ID].Votes)
		}
		assertCountsMatchRows(t, f, keep.ID)
		assertCountsMatchRows(t, f, dup.ID)
		list, _ := f.store.List(ctx, board.Query{})
		if len(list) != 1 || list[0].ID != keep.ID {
			t.Fatalf("list after merge = %q", titles(list))
		}
		got, _ := f.store.Item(ctx, dup.ID)
		if got.MergedIntoID == nil || *got.MergedIntoID != keep.ID {
			t.Fatalf("duplicate = %+v", got)
		}
		if _, err := f.svc.ToggleVote(ctx, e[0], dup.ID); !errors.Is(err, board.ErrForbidden) {
			t.Fatalf("vote on a merged item: %v", err)
		}
	})
}

// TestSimilarAndDrivers: the duplicate hint finds open items sharing the
// title's words, most shared first, and nothing for an unrelated title;
// drivers are chosen by the author or the owners only.
func TestSimilarAndDrivers(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db, 3)
		both := f.post(t, f.authors[0], "Flaky integration tests", false)
		one := f.post(t, f.authors[1], "Integration environment is down", false)
		gone := f.post(t, f.authors[2], "Flaky integration suite", false)
		must(t, f.svc.Withdraw(ctx, f.authors[2], gone.ID))
		got, err := f.store.Similar(ctx, "Integration tests are flaky")
		must(t, err)
		if len(got) != 2 || got[0].ID != both.ID || got[1].ID != one.ID {
			t.Fatalf("similar = %+v", got)
		}
		if got, err := f.store.Similar(ctx, "Laptop battery"); err != nil || len(got) != 0 {
			t.Fatalf("unrelated: %+v %v", got, err)
		}
		drivers, err := f.store.Drivers(ctx)
		must(t, err)
		ids := []int64{drivers[0].ID, drivers[2].ID, drivers[0].ID}
		if err := f.svc.SetDrivers(ctx, f.authors[1], both.ID, ids); !errors.Is(err, board.ErrForbidden) {
			t.Fatalf("someone else chose drivers: %v", err)
		}
		must(t, f.svc.SetDrivers(ctx, f.authors[0], both.ID, ids))
		must(t, f.svc.SetDrivers(ctx, f.lead, one.ID, ids[1:2]))
		if err := f.svc.SetDrivers(ctx, f.lead, one.ID, []int64{-1}); !errors.Is(err, board.ErrInvalid) {
			t.Fatalf("unknown driver: %v", err)
		}
		list, err := f.store.List(ctx, board.Query{DriverID: drivers[0].ID})
		must(t, err)
		if len(list) != 1 || list[0].ID != both.ID || len(list[0].Drivers) != 2 {
			t.Fatalf("by driver = %+v", list)
		}
	})
}
