package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/metrics"
	"github.com/devpulse/devpulse/internal/testdb"
)

func TestMetricLinks(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s := newTestServer(t, db, "http://localhost")
		f := newFixture(t, db)
		store := metrics.New(db, nil)
		links, err := store.Links(context.Background())
		if err != nil || len(links) != 4 {
			t.Fatalf("default links %+v %v", links, err)
		}
		want := map[string]string{"ci_reliability": "ci_failure_rate", "build_test_speed": "ci_duration_p50_minutes", "onboarding": "days_to_10th_pr", "deploy_process": "change_failure_rate"}
		for _, l := range links {
			if want[l.DriverKey] != l.MetricName || l.Direction != metrics.Lower {
				t.Errorf("default link %+v", l)
			}
		}
		page := f.request(t, s, http.MethodGet, "/admin/metrics/links", admin).Body.String()
		if strings.Count(page, `data-testid="metric-link"`) != 4 {
			t.Fatalf("links page:\n%s", page)
		}
		var ci int64
		db.Raw("SELECT id FROM drivers WHERE key = 'ci_reliability'").Scan(&ci)
		add := func(name, dir string) int {
			v := url.Values{"driver": {fmt.Sprint(ci)}, "metric": {name}, "direction": {dir}}
			return f.formRequest(t, s, http.MethodPost, "/admin/metrics/links", admin, v).Code
		}
		if code := add("flaky_test_rate", metrics.Lower); code != http.StatusSeeOther {
			t.Fatalf("add: %d", code)
		}
		if code := add("ci_duration_p50_minutes", metrics.Higher); code != http.StatusSeeOther {
			t.Fatalf("add a third: %d", code)
		}
		rec := f.formRequest(t, s, http.MethodPost, "/admin/metrics/links", admin,
			url.Values{"driver": {fmt.Sprint(ci)}, "metric": {"deploy_frequency"}, "direction": {metrics.Lower}})
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "already has 3 metrics") {
			t.Fatalf("a fourth: %d\n%s", rec.Code, rec.Body.String())
		}
		if code := add("Bad Name", "sideways"); code != http.StatusUnprocessableEntity {
			t.Fatalf("bad form: %d", code)
		}
		if n := countRows(t, db, &metrics.Link{}, "driver_id = ?", ci); n != 3 {
			t.Fatalf("%d links of CI reliability, want 3", n)
		}
		var id int64
		db.Raw("SELECT id FROM metric_links WHERE metric_name = 'flaky_test_rate'").Scan(&id)
		if rec := f.formRequest(t, s, http.MethodPost, fmt.Sprintf("/admin/metrics/links/%d/delete", id), admin, url.Values{}); rec.Code != http.StatusSeeOther {
			t.Fatalf("remove: %d", rec.Code)
		}
		if rec := f.formRequest(t, s, http.MethodPost, fmt.Sprintf("/admin/metrics/links/%d/delete", id), admin, url.Values{}); rec.Code != http.StatusNotFound {
			t.Fatalf("remove again: %d", rec.Code)
		}
	})
}
