package web

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/actions"
	"github.com/devpulse/devpulse/internal/testdb"
)

// TestFeedbackLinksToActions: the tool's owners link an item to the action
// plans that answer it; everyone reading the item, and the API, sees them
// with their status. Others may not link, and an unknown action is refused.
func TestFeedbackLinksToActions(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s, f := newTestServer(t, db, "http://localhost"), newFixture(t, db)
		tool := f.boardTool(t, s)
		item := f.formRequest(t, s, http.MethodPost, "/feedback", respondent, form("title", "CI queues for an hour", "tool", fmt.Sprint(tool.ID))).Header().Get("Location")
		if rec := f.formRequest(t, s, http.MethodPost, "/actions", executive, newActionForm(0, "Faster CI runners", "k-ci")); rec.Code != http.StatusSeeOther {
			t.Fatalf("create action: %d", rec.Code)
		}
		var act actions.Action
		if err := db.Where("title = ?", "Faster CI runners").First(&act).Error; err != nil {
			t.Fatal(err)
		}

		if rec := f.formRequest(t, s, http.MethodPost, item+"/actions", leadB, form("action", fmt.Sprint(act.ID))); rec.Code != http.StatusForbidden {
			t.Fatalf("another team's lead linked an action: %d", rec.Code)
		}
		if rec := f.formRequest(t, s, http.MethodPost, item+"/actions", leadA, form("action", "999999")); rec.Code != http.StatusUnprocessableEntity ||
			!strings.Contains(rec.Body.String(), "Choose actions from the list.") {
			t.Fatalf("an unknown action: %d", rec.Code)
		}
		if rec := f.formRequest(t, s, http.MethodPost, item+"/actions", leadA, form("action", fmt.Sprint(act.ID))); rec.Code != http.StatusSeeOther {
			t.Fatalf("the owner linked an action: %d", rec.Code)
		}
		var links int64
		db.Table("board_item_actions").Where("action_id = ?", act.ID).Count(&links)
		if links != 1 {
			t.Fatalf("%d links stored", links)
		}

		page := pageText(f.formRequest(t, s, http.MethodGet, item, respondent, nil).Body.String())
		if !strings.Contains(page, "Being acted on Faster CI runners Planned") {
			t.Errorf("the item page does not show its action:\n%s", page)
		}
		id := item[strings.LastIndex(item, "/")+1:]
		rec := bearerGet(t, s, "/api/v1/feedback/"+id, apiReader(t, db))
		want := fmt.Sprintf(`"actions":[{"id":%d,"title":"Faster CI runners","status":"planned"}]`, act.ID)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), want) {
			t.Errorf("API item: %d %s", rec.Code, rec.Body)
		}
	})
}
