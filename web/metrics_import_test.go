package web

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/metrics"
	"github.com/devpulse/devpulse/internal/testdb"
)

func metricRows(t *testing.T, db *gorm.DB) []metrics.Value {
	t.Helper()
	var out []metrics.Value
	if err := db.Order("name, iso_week").Find(&out).Error; err != nil {
		t.Fatal(err)
	}
	return out
}

func TestMetricsAPI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		l := startLive(t, db, nil)
		f := newFixture(t, db) // teams Eng/A and Eng/B
		tok := apiToken(t, db, auth.ScopeMetricsWrite)
		good := `{"metrics": [{"team": "Eng/A", "name": "flaky_test_rate", "week": "2026-W40", "value": 0.031, "unit": "ratio"},
			{"team": "Eng/B", "name": "flaky_test_rate", "week": "2026-W40", "value": 0.01, "unit": "ratio"}]}`
		if status, _ := l.apiCall(t, "POST", "/api/v1/metrics", apiToken(t, db, auth.ScopeEventsWrite), good, nil); status != http.StatusForbidden {
			t.Fatalf("a token without metrics:write: %d", status)
		}
		status, out := l.apiCall(t, "POST", "/api/v1/metrics", tok, good, nil)
		if status != http.StatusOK || out["stored"] != 2.0 || out["new"] != 2.0 {
			t.Fatalf("good batch: %d %v", status, out)
		}
		bad := `{"metrics": [{"team": "Eng/A", "name": "flaky_test_rate", "week": "2026-W40", "value": 0.5},
			{"team": "Eng/C", "name": "flaky_test_rate", "week": "2026-W41", "value": 0.2}]}`
		status, out = l.apiCall(t, "POST", "/api/v1/metrics", tok, bad, nil)
		errs, _ := out["errors"].([]any)
		if status != http.StatusUnprocessableEntity || len(errs) != 1 {
			t.Fatalf("bad batch: %d %v", status, out)
		}
		if e := errs[0].(map[string]any); e["index"] != 1.0 || e["field"] != "team" || !strings.Contains(e["message"].(string), `"Eng/C" is not a team`) {
			t.Fatalf("error %v", e)
		}
		if rows := metricRows(t, db); len(rows) != 2 || rows[0].Value+rows[1].Value != 0.041 {
			t.Fatalf("the refused batch changed values: %+v", rows)
		}
		again := `{"metrics": [{"team": "Eng/A", "name": "flaky_test_rate", "week": "2026-W40", "value": 0.5, "unit": "ratio"}]}`
		status, out = l.apiCall(t, "POST", "/api/v1/metrics", tok, again, nil)
		if status != http.StatusOK || out["replaced"] != 1.0 {
			t.Fatalf("replace: %d %v", status, out)
		}
		rows := metricRows(t, db)
		if len(rows) != 2 || !(rows[0].TeamID == f.teamA.ID && rows[0].Value == 0.5 || rows[1].TeamID == f.teamA.ID && rows[1].Value == 0.5) {
			t.Fatalf("after replacing: %+v", rows)
		}
		if status, out := l.apiCall(t, "POST", "/api/v1/metrics", tok, `{"metric": []}`, nil); status != http.StatusBadRequest {
			t.Fatalf("unknown field: %d %v", status, out)
		}
	})
}

func TestMetricsImportPreviewApply(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s := newTestServer(t, db, "http://localhost")
		f := newFixture(t, db)
		page := f.request(t, s, http.MethodGet, "/admin/metrics", admin).Body.String()
		if !strings.Contains(page, `data-testid="metrics-upload"`) {
			t.Fatalf("no upload form:\n%s", page)
		}
		bad := "team,name,week,value,unit\nEng/A,review_wait_hours,2026-W40,5,hours\nEng/Z,review_wait_hours,2026-W40,5,hours\nEng/A,review_wait_hours,2026-W41,,hours\n"
		rec := f.post(t, s, "/admin/metrics/preview", admin, map[string]string{"file": bad})
		body := rec.Body.String()
		if rec.Code != http.StatusUnprocessableEntity || strings.Count(body, `data-testid="metrics-error"`) != 2 ||
			!strings.Contains(body, `data-testid="metrics-error-line">3<`) || !strings.Contains(body, `data-testid="metrics-error-line">4<`) {
			t.Fatalf("bad file: %d\n%s", rec.Code, body)
		}
		good := "team,name,week,value,unit\nEng/A,review_wait_hours,2026-W40,5,hours\nEng/B,review_wait_hours,2026-W40,7.5,hours\n"
		rec = f.post(t, s, "/admin/metrics/preview", admin, map[string]string{"csv_text": good, "filename": "wait.csv"})
		body = rec.Body.String()
		if rec.Code != http.StatusOK || !strings.Contains(body, `data-testid="metrics-plan-new">2<`) || len(metricRows(t, db)) != 0 {
			t.Fatalf("preview: %d\n%s", rec.Code, body)
		}
		fields := hiddenFields(t, body, "metrics-apply-form")
		rec = f.post(t, s, "/admin/metrics/apply", admin, fields)
		if rec.Code != http.StatusSeeOther || len(metricRows(t, db)) != 2 {
			t.Fatalf("apply: %d, %d rows", rec.Code, len(metricRows(t, db)))
		}
		entries, _ := audit.New(db).Recent(context.Background(), 1, 0)
		if len(entries) != 1 || entries[0].Action != metrics.ActionImport || !strings.HasPrefix(entries[0].Detail, "import: 2 values") {
			t.Fatalf("audit %+v", entries)
		}
	})
}

// Events sent through the API refresh the weekly figures of the sender's
// team in the same request (app.New wires the hook).
func TestEventsAPIRefreshesFigures(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		l := startLive(t, db, nil)
		f := newFixture(t, db)
		tok := apiToken(t, db, auth.ScopeEventsWrite)
		var email string
		db.Raw("SELECT email FROM people WHERE team_id = ? ORDER BY id LIMIT 1", f.teamA.ID).Scan(&email)
		batch := `{"events": [
			{"type": "ci.finished", "person": "` + email + `", "key": "ci-1", "occurred_at": "2026-11-17T10:00:00Z", "context": {"outcome": "failure", "duration_seconds": 600}},
			{"type": "ci.finished", "person": "` + email + `", "key": "ci-2", "occurred_at": "2026-11-18T10:00:00Z", "context": {"outcome": "success", "duration_seconds": 1200}}]}`
		if status, out := l.apiCall(t, "POST", "/api/v1/events", tok, batch, nil); status != http.StatusAccepted {
			t.Fatalf("events: %d %v", status, out)
		}
		got := map[string]float64{}
		for _, v := range metricRows(t, db) {
			if v.TeamID == f.teamA.ID && v.ISOWeek == "2026-W47" {
				got[v.Name] = v.Value
			}
		}
		if got[metrics.CIFailureRate] != 0.5 || got[metrics.CIDurationP50] != 15 {
			t.Fatalf("figures %v", got)
		}
	})
}
