package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testdb"
)

func TestSnapshotAPI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		s := newTestServer(t, db, "http://localhost")
		_, secret, err := auth.NewTokens(db).Create(ctx, "dashboards", []string{auth.ScopeResultsRead}, "test")
		if err != nil {
			t.Fatal(err)
		}
		call := func(path string, into any) int {
			req := httptest.NewRequest(http.MethodGet, path, nil)
			req.Header.Set("Authorization", "Bearer "+secret)
			rec := httptest.NewRecorder()
			s.Handler().ServeHTTP(rec, req)
			if ct := rec.Header().Get("Content-Type"); ct != "application/json" && ct != "application/json; charset=UTF-8" {
				t.Errorf("%s: content type %q", path, ct)
			}
			if err := json.Unmarshal(rec.Body.Bytes(), into); err != nil {
				t.Fatalf("%s: %v: %s", path, err, rec.Body)
			}
			return rec.Code
		}

		snap, err := s.surveys.CreateSnapshot(ctx, survey.NewSnapshot{Title: "2026 Q4", Start: survey.StartTemplate, TimeZone: "Europe/Berlin"}, "a")
		if err != nil {
			t.Fatal(err)
		}
		opens := time.Date(2026, 10, 5, 9, 0, 0, 0, snap.Location())
		closes := opens.AddDate(0, 0, 14)
		if err := s.surveys.UpdateSettings(ctx, snap.ID, survey.Settings{Title: snap.Title, TimeZone: snap.TimeZone, OpensAt: &opens, ClosesAt: &closes, AudienceAll: true}, "a"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.surveys.CreateSnapshot(ctx, survey.NewSnapshot{Title: "Blank", Start: survey.StartBlank}, "a"); err != nil {
			t.Fatal(err)
		}

		var list struct {
			Snapshots []map[string]any `json:"snapshots"`
		}
		if code := call("/api/v1/snapshots", &list); code != http.StatusOK || len(list.Snapshots) != 2 {
			t.Fatalf("list: %d %v", code, list)
		}
		first := list.Snapshots[1]
		if first["title"] != "2026 Q4" || first["state"] != "draft" || first["time_zone"] != "Europe/Berlin" ||
			first["opens_at"] != "2026-10-05T07:00:00Z" || first["closes_at"] != "2026-10-19T07:00:00Z" {
			t.Errorf("list entry %v", first)
		}
		if blank := list.Snapshots[0]; blank["opens_at"] != nil {
			t.Errorf("unset times should be null: %v", blank)
		}

		checkSnapshotDetail(t, call, snap.ID)

		var notFound map[string]string
		if code := call("/api/v1/snapshots/99999", &notFound); code != http.StatusNotFound || notFound["error"] == "" {
			t.Errorf("unknown snapshot: %d %v", code, notFound)
		}
	})
}

// checkSnapshotDetail reads one snapshot's sections and questions through
// the API.
func checkSnapshotDetail(t *testing.T, call func(path string, into any) int, id int64) {
	t.Helper()
	var detail struct {
		ID       int64 `json:"id"`
		Sections []struct {
			Title     string `json:"title"`
			Questions []struct {
				Kind          string         `json:"kind"`
				Key           string         `json:"key"`
				Prompt        string         `json:"prompt"`
				Required      bool           `json:"required"`
				DriverKey     *string        `json:"driver_key"`
				Config        map[string]any `json:"config"`
				AudienceRoles []string       `json:"audience_roles"`
			} `json:"questions"`
		} `json:"sections"`
	}
	if code := call(fmt.Sprintf("/api/v1/snapshots/%d", id), &detail); code != http.StatusOK || len(detail.Sections) != 5 {
		t.Fatalf("detail: %d %+v", code, detail)
	}
	q := detail.Sections[0].Questions[0]
	if q.Kind != "rating" || q.DriverKey == nil || *q.DriverKey != q.Key || !q.Required || q.AudienceRoles == nil {
		t.Errorf("first question %+v", q)
	}
	alloc := detail.Sections[2].Questions[0]
	if alloc.Kind != "allocation" || alloc.DriverKey != nil || len(alloc.Config["categories"].([]any)) != len(survey.TimeCategories) {
		t.Errorf("allocation %+v", alloc)
	}
}
