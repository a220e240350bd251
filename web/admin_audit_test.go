package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/testdb"
)

func TestAuditPage(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		s, f := newTestServer(t, db, "http://localhost"), newFixture(t, db)
		log := audit.New(db)
		// 120 entries: every third one a revoke.
		for i := 1; i <= 120; i++ {
			action := "token.create"
			if i%3 == 0 {
				action = "token.revoke"
			}
			if err := log.Record(ctx, nil, "admin@example.com", action, fmt.Sprintf("entry-%03d", i), ""); err != nil {
				t.Fatal(err)
			}
		}
		cet := time.FixedZone("CET", 3600)
		last := audit.Event{CreatedAt: time.Date(2026, 3, 1, 10, 4, 5, 0, cet), Actor: "cli", Action: "person.update", Target: "entry-121", Detail: "<script>x</script>"}
		if err := db.Create(&last).Error; err != nil {
			t.Fatal(err)
		}

		tests := []struct {
			query       string
			rows        int
			first, page string
		}{
			{"", 50, "entry-121", "page 1 of 3"},
			{"?page=2", 50, "entry-071", "page 2 of 3"},
			{"?page=3", 21, "entry-021", "page 3 of 3"},
			{"?page=99", 21, "entry-021", "page 3 of 3"},
			{"?page=x", 50, "entry-121", "page 1 of 3"},
			{"?action=token.revoke", 40, "entry-120", "40 entries with action token.revoke"},
			{"?action=token.create&page=2", 30, "entry-044", "page 2 of 2"},
			{"?action=person.update", 1, "entry-121", "1 entry with action person.update"},
		}
		for _, tt := range tests {
			t.Run(tt.query, func(t *testing.T) {
				rec := tokensRequest(t, s, f, admin, http.MethodGet, "/admin/audit"+tt.query, nil)
				body := rec.Body.String()
				if rec.Code != http.StatusOK {
					t.Fatalf("status %d", rec.Code)
				}
				if n := strings.Count(body, `data-testid="audit-row"`); n != tt.rows {
					t.Errorf("%d rows, want %d", n, tt.rows)
				}
				if i := strings.Index(body, "entry-"); i < 0 || body[i:i+9] != tt.first {
					t.Errorf("first entry is not %s: newest first", tt.first)
				}
				if !strings.Contains(body, tt.page) {
					t.Errorf("page lacks %q", tt.page)
				}
			})
		}

		body := tokensRequest(t, s, f, admin, http.MethodGet, "/admin/audit?action=person.update", nil).Body.String()
		for _, want := range []string{
			`<option value="person.update" selected>`, `<option value="token.revoke">`,
			"1 Mar 2026 09:04:05", "&lt;script&gt;x&lt;/script&gt;",
		} {
			if !strings.Contains(body, want) {
				t.Errorf("filtered page lacks %q", want)
			}
		}
		body = tokensRequest(t, s, f, admin, http.MethodGet, "/admin/audit?action=token.create&page=2", nil).Body.String()
		if !strings.Contains(body, `href="/admin/audit?action=token.create"`) || strings.Contains(body, `rel="next"`) {
			t.Error("the pager keeps the filter and has no next page on the last one")
		}
	})
}

func TestAuditPageEmpty(t *testing.T) {
	db := testdb.SQLite(t)
	s, f := newTestServer(t, db, "http://localhost"), newFixture(t, db)
	for query, want := range map[string]string{"": "Nothing has been recorded yet.", "?action=nope": "No entries with action nope."} {
		rec := tokensRequest(t, s, f, admin, http.MethodGet, "/admin/audit"+query, nil)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), want) || strings.Contains(rec.Body.String(), `data-testid="audit-table"`) {
			t.Errorf("%q: status %d, want a page saying %q", query, rec.Code, want)
		}
	}
}
