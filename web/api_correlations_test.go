package web

import (
	"fmt"
	"net/http"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/metrics"
	"github.com/devpulse/devpulse/internal/testdb"
)

// The correlations API gives what the organisation page shows below the
// driver–metric pairs: AI-assistant use against each driver, and each
// share of time against its system figure, rho only where shown.
func TestCorrelationsAPIHasAIUseAndTimeShares(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		aiOrg(t, db, 9)
		var snap int64
		db.Raw("SELECT id FROM snapshots").Scan(&snap)
		l := startLive(t, db, nil)
		status, out := l.apiCall(t, "GET", fmt.Sprintf("/api/v1/snapshots/%d/correlations", snap), apiToken(t, db, auth.ScopeResultsRead), "", nil)
		if status != http.StatusOK {
			t.Fatalf("status %d: %v", status, out)
		}
		ci := pairIn(t, out, "ai_use", func(m map[string]any) bool { return m["driver"] == "ci_reliability" })
		if ci["shown"] != true || ci["n"] != 9.0 || ci["rho"] != 1.0 || len(ci["interval_95"].([]any)) != 2 {
			t.Errorf("AI use × CI reliability: %v", ci)
		}
		restore := pairIn(t, out, "time_shares", func(m map[string]any) bool { return m["metric"] == metrics.TimeToRestore })
		if restore["shown"] != true || restore["n"] != 9.0 || restore["rho"] != 1.0 {
			t.Errorf("incidents × time to restore: %v", restore)
		}
		bugs := pairIn(t, out, "time_shares", func(m map[string]any) bool { return m["metric"] == metrics.PRBugFixShare })
		if bugs["shown"] != false || bugs["n"] != 0.0 || bugs["rho"] != nil || bugs["interval_95"] != nil {
			t.Errorf("bug-fix share without data: %v", bugs)
		}
	})
}

func pairIn(t *testing.T, out map[string]any, list string, match func(map[string]any) bool) map[string]any {
	t.Helper()
	xs, _ := out[list].([]any)
	for _, x := range xs {
		if m := x.(map[string]any); match(m) {
			return m
		}
	}
	t.Fatalf("no such pair in %s: %v", list, xs)
	return nil
}
