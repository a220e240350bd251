package threads_test

import (
	"io/fs"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/results/resultstest"
	"github.com/devpulse/devpulse/internal/testdb"
	"github.com/devpulse/devpulse/migrations"
)

// Comments materialised before replies existed get their response from
// migration 00054 where exactly one answer matches them; two identical
// comments of people alike stay without one (and cannot be replied to).
func TestMigrationFindsTheResponsesOfOlderComments(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		w := resultstest.New(t, db, 3)
		people := w.Add(t, "Eng/A", 5, "backend", "remote")
		w.Snapshot(t, "2026 Q3", func(p directory.Person) *resultstest.Answers {
			if p.ID == people[0].ID || p.ID == people[1].ID {
				return &resultstest.Answers{Comment: "+1"} // the same words from two people alike
			}
			return &resultstest.Answers{Comment: body(p)}
		})
		want := map[string]int64{}
		var rows []struct {
			Body       string
			ResponseID int64
		}
		must(t, db.Raw("SELECT body, response_id FROM result_comments").Scan(&rows).Error)
		for _, r := range rows {
			want[r.Body] = r.ResponseID
		}
		must(t, db.Exec("UPDATE result_comments SET response_id = NULL").Error)
		must(t, db.Exec(backfillSQL(t, db.Dialector.Name())).Error)
		must(t, db.Raw("SELECT body, COALESCE(response_id, 0) AS response_id FROM result_comments").Scan(&rows).Error)
		for _, r := range rows {
			switch {
			case r.Body == "+1" && r.ResponseID != 0:
				t.Errorf("an ambiguous comment got response %d", r.ResponseID)
			case r.Body != "+1" && r.ResponseID != want[r.Body]:
				t.Errorf("%q: response %d, want %d", r.Body, r.ResponseID, want[r.Body])
			}
		}
	})
}

// backfillSQL is the UPDATE statement of migration 00054 for the dialect.
func backfillSQL(t *testing.T, dialect string) string {
	t.Helper()
	src, err := fs.ReadFile(migrations.For(dialect), "00054_comment_threads.sql")
	must(t, err)
	s := string(src)
	start := strings.Index(s, "UPDATE result_comments")
	end := strings.Index(s[start:], ";")
	if start < 0 || end < 0 {
		t.Fatal("migration 00054 has no backfill")
	}
	return s[start : start+end]
}
