package demo_test

import (
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/board"
	"github.com/devpulse/devpulse/internal/demo"
)

// The demo board has items in every status, popular and quiet, named and
// anonymous, reactions, comments, a merge and a "won't do" with a reason,
// and its counters equal its rows.
func TestDemoBoard(t *testing.T) {
	demoBuilt.Each(t, func(t *testing.T, db *gorm.DB, _ demo.Result) {
		var statuses []string
		must(t, db.Raw("SELECT DISTINCT status FROM board_items WHERE merged_into_id IS NULL").Scan(&statuses).Error)
		if len(statuses) != len(board.Statuses) {
			t.Fatalf("statuses %v, want all %d", statuses, len(board.Statuses))
		}
		var n struct{ Anon, Named, Merged, Comments, Reactions, Reasoned, Drivers int64 }
		must(t, db.Raw(`SELECT
			(SELECT COUNT(*) FROM board_items WHERE anonymous) AS anon,
			(SELECT COUNT(*) FROM board_items WHERE NOT anonymous) AS named,
			(SELECT COUNT(*) FROM board_items WHERE merged_into_id IS NOT NULL) AS merged,
			(SELECT COUNT(*) FROM board_comments) AS comments,
			(SELECT COUNT(*) FROM board_reactions) AS reactions,
			(SELECT COUNT(*) FROM board_status_changes WHERE status = 'wont_do' AND reason <> '') AS reasoned,
			(SELECT COUNT(DISTINCT driver_id) FROM board_item_drivers) AS drivers`).Scan(&n).Error)
		if n.Anon == 0 || n.Named == 0 || n.Merged != 1 || n.Comments == 0 || n.Reactions == 0 || n.Reasoned != 1 || n.Drivers < 5 {
			t.Fatalf("demo board: %+v", n)
		}
		var bad int64
		must(t, db.Raw(`SELECT COUNT(*) FROM board_items i LEFT JOIN board_counts c
			ON c.object_kind = 'item' AND c.object_id = i.id AND c.name = 'vote'
			WHERE COALESCE(c.n, 0) <> (SELECT COUNT(*) FROM board_votes v WHERE v.item_id = i.id)`).Scan(&bad).Error)
		if bad != 0 {
			t.Fatalf("%d items' vote counters differ from their rows", bad)
		}
	})
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
