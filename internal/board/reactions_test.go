package board_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/board"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/testdb"
)

func TestVoteToggles(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db, 3)
		it := f.post(t, f.authors[0], "Slow builds", false)
		for i, want := range []bool{true, false, true} {
			voted, err := f.svc.ToggleVote(ctx, f.authors[1], it.ID)
			must(t, err)
			if voted != want {
				t.Fatalf("toggle %d: voted = %v", i, voted)
			}
		}
		_, err := f.svc.ToggleVote(ctx, f.authors[2], it.ID)
		must(t, err)
		assertCountsMatchRows(t, f, it.ID)
		counts, _ := f.store.Counts(ctx, board.KindItem, []int64{it.ID})
		if counts[it.ID].Votes != 2 {
			t.Fatalf("votes = %d, want 2", counts[it.ID].Votes)
		}
		mine, _ := f.store.Voted(ctx, f.authors[1].PersonID, []int64{it.ID})
		if !mine[it.ID] {
			t.Fatal("my vote not seen")
		}
		must(t, f.svc.Withdraw(ctx, f.authors[0], it.ID))
		if _, err := f.svc.ToggleVote(ctx, f.authors[1], it.ID); !errors.Is(err, board.ErrForbidden) {
			t.Fatalf("vote on a withdrawn item: %v", err)
		}
	})
}

func TestReactSetsChangesRemoves(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db, 3)
		it := f.post(t, f.authors[0], "Slow builds", true)
		steps := []struct {
			by   board.Actor
			typ  board.ReactionType
			anon bool
			want board.ReactionType
		}{
			{f.authors[1], board.ReactionPlusOne, false, board.ReactionPlusOne},
			{f.authors[1], board.ReactionHeart, false, board.ReactionHeart}, // changed
			{f.authors[2], board.ReactionHeart, true, board.ReactionHeart},  // anonymous
			{f.authors[0], board.ReactionPlusOne, false, board.ReactionPlusOne},
			{f.authors[0], board.ReactionPlusOne, false, ""}, // the same again removes
		}
		for i, st := range steps {
			got, err := f.svc.React(ctx, st.by, board.KindItem, it.ID, st.typ, st.anon)
			must(t, err)
			if got != st.want {
				t.Fatalf("step %d: reaction = %q, want %q", i, got, st.want)
			}
		}
		counts, _ := f.store.Counts(ctx, board.KindItem, []int64{it.ID})
		if c := counts[it.ID].ByType; c[board.ReactionHeart] != 2 || c[board.ReactionPlusOne] != 0 {
			t.Fatalf("counts = %v", c)
		}
		r, err := f.store.ReactionsOf(ctx, f.authors[2].PersonID, board.KindItem, it.ID)
		must(t, err)
		if r.Mine != board.ReactionHeart {
			t.Fatalf("the viewer's own reaction = %q", r.Mine)
		}
		if rs := r.Reactors; len(rs) != 1 || rs[0].Name != "Engineer 1" || rs[0].Type != board.ReactionHeart {
			t.Fatalf("reactors = %+v (the anonymous one must not be listed)", r.Reactors)
		}
		assertCountsMatchRows(t, f, it.ID)
	})
}

func TestShownTypesChangeWithoutMigration(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		f := newFixture(t, db, 1)
		it := f.post(t, f.authors[0], "Slow builds", false)
		if _, err := f.svc.React(ctx, f.authors[0], board.KindItem, it.ID, board.ReactionRocket, false); !errors.Is(err, board.ErrInvalid) {
			t.Fatalf("a hidden type was accepted: %v", err)
		}
		if _, err := f.svc.React(ctx, f.authors[0], board.KindItem, it.ID, "thumbs_sideways", false); !errors.Is(err, board.ErrInvalid) {
			t.Fatalf("an unknown type was accepted: %v", err)
		}
		if err := f.svc.SetShownTypes(ctx, f.authors[0], []board.ReactionType{board.ReactionRocket}); !errors.Is(err, board.ErrForbidden) {
			t.Fatalf("an engineer chose the shown types: %v", err)
		}
		if err := f.svc.SetShownTypes(ctx, f.admin, nil); !errors.Is(err, board.ErrInvalid) {
			t.Fatalf("no shown types accepted: %v", err)
		}
		must(t, f.svc.SetShownTypes(ctx, f.admin, []board.ReactionType{board.ReactionRocket, board.ReactionPlusOne}))
		shown, _ := f.store.ShownTypes(ctx)
		if len(shown) != 2 || shown[0] != board.ReactionPlusOne || shown[1] != board.ReactionRocket {
			t.Fatalf("shown = %v", shown)
		}
		_, err := f.svc.React(ctx, f.authors[0], board.KindItem, it.ID, board.ReactionRocket, false)
		must(t, err)
	})
}

// A burst of concurrent votes and reactions on one hot item, many by the
// same people at once, leaves every counter equal to its rows.
func TestBurstKeepsCountsExact(t *testing.T) {
	db := testdb.Postgres(t)
	const people, actions = 1000, 5000
	f := newFixture(t, db, 0)
	ids := bulkPeople(t, db, people)
	it := f.post(t, board.Actor{Name: "a", PersonID: ids[0]}, "Hot item", false)
	types := []board.ReactionType{board.ReactionPlusOne, board.ReactionHeart, board.ReactionCelebrate}
	start := time.Now()
	var wg sync.WaitGroup
	errs := make(chan error, actions)
	for i := range actions {
		wg.Add(1)
		go func() {
			defer wg.Done()
			by := board.Actor{Name: "p", PersonID: ids[rand.IntN(people)]}
			var err error
			if i%2 == 0 {
				_, err = f.svc.ToggleVote(ctx, by, it.ID)
			} else {
				_, err = f.svc.React(ctx, by, board.KindItem, it.ID, types[rand.IntN(len(types))], i%3 == 0)
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		must(t, err)
	}
	t.Logf("%d actions by %d people in %v", actions, people, time.Since(start))
	assertCountsMatchRows(t, f, it.ID)
}

func bulkPeople(t testing.TB, db *gorm.DB, n int) []int64 {
	t.Helper()
	ps := make([]directory.Person, n)
	for i := range ps {
		ps[i] = directory.Person{Email: fmt.Sprintf("p%d@example.com", i), Name: fmt.Sprintf("Person %d", i), Active: true,
			CreatedAt: time.Now(), UpdatedAt: time.Now()}
	}
	must(t, db.CreateInBatches(&ps, 200).Error)
	ids := make([]int64, n)
	for i, p := range ps {
		ids[i] = p.ID
	}
	return ids
}

// assertCountsMatchRows compares an item's kept counters with COUNT(*).
func assertCountsMatchRows(t *testing.T, f *fixture, itemID int64) {
	t.Helper()
	counts, err := f.store.Counts(ctx, board.KindItem, []int64{itemID})
	must(t, err)
	var votes int64
	must(t, f.db.Raw("SELECT COUNT(*) FROM board_votes WHERE item_id = ?", itemID).Scan(&votes).Error)
	if counts[itemID].Votes != votes {
		t.Errorf("vote counter %d, rows %d", counts[itemID].Votes, votes)
	}
	var rows []struct {
		Type string
		N    int64
	}
	must(t, f.db.Raw(`SELECT type, COUNT(*) AS n FROM board_reactions WHERE object_kind = 'item' AND object_id = ?
		GROUP BY type`, itemID).Scan(&rows).Error)
	byRows := map[board.ReactionType]int64{}
	for _, r := range rows {
		byRows[board.ReactionType(r.Type)] = r.N
	}
	for _, typ := range board.ReactionTypes {
		if counts[itemID].ByType[typ] != byRows[typ] {
			t.Errorf("%s counter %d, rows %d", typ, counts[itemID].ByType[typ], byRows[typ])
		}
	}
	t.Logf("votes %d, reactions %v", votes, byRows)
}
