package board_test

import (
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/devpulse/devpulse/internal/board"
	"github.com/devpulse/devpulse/internal/testdb"
)

// BenchmarkHotItem is the skew the board is built for: one item takes a
// burst of 5,000 concurrent votes and reactions from 1,000 people (50 at a
// time, the size of a busy replica's pool) while readers load its page.
// It reports the burst's duration and the p50/p99 of reading the page
// during it; the counts are checked against the rows afterwards.
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
					start := time.Now()
					_, err := f.store.Page(ctx, it.ID, board.Actor{PersonID: ids[rand.IntN(len(ids))]})
					must(b, err)
					mu.Lock()
					reads = append(reads, time.Since(start))
					mu.Unlock()
				}
			}()
		}
		start := time.Now()
		burst(b, f, it.ID, ids, types)
		elapsed := time.Since(start)
		close(done)
		readers.Wait()
		slices.Sort(reads)
		b.ReportMetric(float64(elapsed.Milliseconds()), "burst-ms")
		b.ReportMetric(float64(reads[len(reads)/2].Microseconds())/1000, "read-p50-ms")
		b.ReportMetric(float64(reads[len(reads)*99/100].Microseconds())/1000, "read-p99-ms")
		b.ReportMetric(float64(len(reads)), "reads")
	}
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
