package board_test

import (
	"math/rand/v2"
	"slices"
	"sync"
	"syscall"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/board"
	"github.com/devpulse/devpulse/internal/testdb"
)

// BenchmarkHotItem is the skew the board is built for: one item takes a
// burst of 5,000 concurrent votes and reactions from 1,000 people (50 at a
// time, the size of a busy replica's pool) while four readers load its
// page with board.Store.Page. It reports the burst's duration, the
// client's CPU per action and the p50/p99 of the reads; the counts are
// checked against the rows by TestBurstKeepsCountsExact. The old
// statements (legacyPage) are compared with the page in BenchmarkItemPage,
// where they do not add their own load to the burst.
func BenchmarkHotItem(b *testing.B) {
	db := testdb.Postgres(b)
	f := newFixture(b, db, 0)
	ids := bulkPeople(b, db, 1000)
	it, err := f.svc.Post(ctx, board.Actor{Name: "a", PersonID: ids[0]}, board.ItemInput{ToolID: f.tool.ID, Title: "Hot item"})
	must(b, err)
	types := []board.ReactionType{board.ReactionPlusOne, board.ReactionHeart, board.ReactionCelebrate}
	b.ResetTimer()
	for range b.N {
		var reads []time.Duration
		var mu sync.Mutex
		done := make(chan struct{})
		var readers sync.WaitGroup
		for range 4 {
			readers.Add(1)
			go func() {
				defer readers.Done()
				for {
					select {
					case <-done:
						return
					default:
					}
					viewer := ids[rand.IntN(len(ids))]
					start := time.Now()
					readPage(b, f, it.ID, viewer, false)
					mu.Lock()
					reads = append(reads, time.Since(start))
					mu.Unlock()
				}
			}()
		}
		cpu := cpuTime()
		start := time.Now()
		burst(b, f, it.ID, ids, types)
		elapsed := time.Since(start)
		close(done)
		readers.Wait()
		b.ReportMetric(float64(elapsed.Milliseconds()), "burst-ms")
		b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/5000, "client-cpu-µs/action")
		slices.Sort(reads)
		b.ReportMetric(float64(reads[len(reads)/2].Microseconds())/1000, "page-p50-ms")
		b.ReportMetric(float64(reads[len(reads)*99/100].Microseconds())/1000, "page-p99-ms")
		b.ReportMetric(float64(len(reads)), "page-reads")
	}
}

// BenchmarkItemPage reads a popular item's page (1,000 votes and
// reactions, five comments) with nothing else running, and reports the
// client's CPU time per read beside legacyPage's.
func BenchmarkItemPage(b *testing.B) {
	db := testdb.Postgres(b)
	f := newFixture(b, db, 0)
	ids := bulkPeople(b, db, 1000)
	it, err := f.svc.Post(ctx, board.Actor{Name: "a", PersonID: ids[0]}, board.ItemInput{ToolID: f.tool.ID, Title: "Hot item"})
	must(b, err)
	for i, p := range ids {
		by := board.Actor{Name: "p", PersonID: p}
		_, err = f.svc.React(ctx, by, board.KindItem, it.ID, board.ReactionHeart, i%3 == 0)
		must(b, err)
		if i < 5 {
			_, err = f.svc.AddComment(ctx, by, it.ID, "same here", false)
			must(b, err)
		}
	}
	for _, legacy := range []bool{false, true} {
		name := map[bool]string{false: "page", true: "legacy"}[legacy]
		b.Run(name, func(b *testing.B) {
			cpu := cpuTime()
			for n := range b.N {
				readPage(b, f, it.ID, ids[n%len(ids)], legacy)
			}
			b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/float64(b.N), "client-cpu-µs/read")
		})
	}
}

func readPage(b *testing.B, f *fixture, itemID, viewer int64, legacy bool) {
	if legacy {
		must(b, legacyPage(f.db, itemID, viewer))
		return
	}
	_, err := f.store.Page(ctx, itemID, board.Actor{PersonID: viewer})
	must(b, err)
}

// legacyPage replays the statements the item's page made before
// 2026-12-05 (one per piece, and three more per comment): the baseline
// Page is compared with in the same run.
func legacyPage(db *gorm.DB, itemID, viewer int64) error {
	db = db.WithContext(ctx)
	var comments []int64
	var sink []map[string]any
	steps := []func() error{
		func() error { return db.Raw("SELECT * FROM board_items WHERE id = ?", itemID).Scan(&sink).Error },
		func() error {
			return db.Raw("SELECT * FROM board_tools WHERE id = (SELECT tool_id FROM board_items WHERE id = ?)", itemID).Scan(&sink).Error
		},
		func() error {
			return db.Raw("SELECT name FROM people WHERE id = (SELECT author_id FROM board_items WHERE id = ?)", itemID).Scan(&sink).Error
		},
		func() error {
			return db.Raw("SELECT * FROM board_status_changes WHERE item_id = ? ORDER BY id", itemID).Scan(&sink).Error
		},
		func() error {
			return db.Raw("SELECT value FROM board_settings WHERE key = 'reactions.shown'").Scan(&sink).Error
		},
		func() error {
			return db.Raw("SELECT c.id FROM board_comments c JOIN people p ON p.id = c.author_id WHERE c.item_id = ? ORDER BY c.id", itemID).Scan(&comments).Error
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	if err := legacyReactions(db, "item", []int64{itemID}, viewer); err != nil {
		return err
	}
	if err := db.Raw("SELECT item_id FROM board_votes WHERE person_id = ? AND item_id IN ?", viewer, []int64{itemID}).Scan(&sink).Error; err != nil {
		return err
	}
	if len(comments) == 0 {
		return nil
	}
	return legacyReactions(db, "comment", comments, viewer)
}

// legacyReactions: counts, the viewer's reactions, then the reactors of
// each object one by one, as the reactions component was read before.
func legacyReactions(db *gorm.DB, kind string, ids []int64, viewer int64) error {
	var sink []map[string]any
	if err := db.Raw("SELECT object_id, name, n FROM board_counts WHERE object_kind = ? AND object_id IN ? AND n <> 0", kind, ids).Scan(&sink).Error; err != nil {
		return err
	}
	if err := db.Raw("SELECT object_id, type FROM board_reactions WHERE person_id = ? AND object_kind = ? AND object_id IN ?", viewer, kind, ids).Scan(&sink).Error; err != nil {
		return err
	}
	for _, id := range ids {
		err := db.Raw(`SELECT p.name AS name, r.type AS type FROM board_reactions r JOIN people p ON p.id = r.person_id
			WHERE r.object_kind = ? AND r.object_id = ? AND NOT r.anonymous ORDER BY r.created_at, r.person_id LIMIT 50`, kind, id).Scan(&sink).Error
		if err != nil {
			return err
		}
	}
	return nil
}

// cpuTime is the CPU time (user and system) this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func burst(b *testing.B, f *fixture, itemID int64, ids []int64, types []board.ReactionType) {
	sem := make(chan struct{}, 50)
	var wg sync.WaitGroup
	for i := range 5000 {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			by := board.Actor{Name: "p", PersonID: ids[rand.IntN(len(ids))]}
			var err error
			if i%2 == 0 {
				_, err = f.svc.ToggleVote(ctx, by, itemID)
			} else {
				_, err = f.svc.React(ctx, by, board.KindItem, itemID, types[rand.IntN(len(types))], false)
			}
			must(b, err)
		}()
	}
	wg.Wait()
}
