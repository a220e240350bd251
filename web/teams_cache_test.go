package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/internal/testdb"
)

// TestTeamPageCacheKeepsReadersApart: the executive's read of Eng/A fills
// the dashboard cache; a respondent, the lead of B, a filter, a held
// snapshot and a comment its author deleted are then each seen as they
// would be without the cache.
func TestTeamPageCacheKeepsReadersApart(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s := newTestServer(t, db, "http://localhost")
		f, w := sharedWorld(t, db)
		w.Snapshot(t, "2026 Q1", snapshotAnswers(4))
		q2 := w.Snapshot(t, "2026 Q2", snapshotAnswers(2)).Snapshot
		page := func(path string, who persona) (int, string) {
			rec := f.formRequest(t, s, http.MethodGet, path, who, nil)
			return rec.Code, rec.Body.String()
		}
		const comment = "Builds are slow on Mondays"
		a := fmt.Sprintf("/teams/%d", f.teamA.ID)
		code, body := page(a, executive)
		if code != http.StatusOK || !strings.Contains(body, `data-testid="comment-author"`) || !strings.Contains(body, "2026 Q2") {
			t.Fatalf("executive on Eng/A: %d, author shown %v", code, strings.Contains(body, `data-testid="comment-author"`))
		}
		if err := w.Surveys.SetHoldResults(context.Background(), q2.ID, true, "test"); err != nil {
			t.Fatal(err)
		}
		code, body = page(a, respondent)
		if code != http.StatusOK || !strings.Contains(body, comment) || strings.Contains(body, `data-testid="comment-author"`) || strings.Contains(body, "2026 Q2") {
			t.Errorf("respondent on Eng/A after the hold: %d, comment %v, author %v, Q2 %v", code, strings.Contains(body, comment),
				strings.Contains(body, `data-testid="comment-author"`), strings.Contains(body, "2026 Q2"))
		}
		// The lead of B belongs to A: B's lead reads A as its people do.
		code, body = page(a, leadB)
		if code != http.StatusOK || strings.Contains(body, `data-testid="comment-author"`) || strings.Contains(body, "2026 Q2") {
			t.Errorf("lead of B on Eng/A: %d, author %v, Q2 %v", code, strings.Contains(body, `data-testid="comment-author"`), strings.Contains(body, "2026 Q2"))
		}
		if _, body := page(a, leadA); !strings.Contains(body, `data-testid="comment-author"`) || !strings.Contains(body, "2026 Q2") {
			t.Error("the lead of A does not see the held snapshot or the author")
		}
		if _, body := page(a+"?segment=work_arrangement:remote", executive); strings.Contains(body, comment) {
			t.Error("a filtered page lists comments")
		}
		// Its author deletes Q2's comment (Q1's stays on Q1's page).
		var c struct{ ResponseID, QuestionID int64 }
		if err := db.Raw("SELECT response_id, question_id FROM result_comments WHERE body = ? AND snapshot_id = ?", comment, q2.ID).Scan(&c).Error; err != nil {
			t.Fatal(err)
		}
		if err := results.DeleteComment(db, c.ResponseID, c.QuestionID); err != nil {
			t.Fatal(err)
		}

		if _, body := page(a, executive); strings.Contains(body, comment) || !strings.Contains(body, "2026 Q2") {
			t.Errorf("executive on Eng/A after the deletion: comment %v", strings.Contains(body, comment))
		}
	})
}
