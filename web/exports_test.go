package web

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/results/resultstest"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testdb"
)

// exportWorld adds to the fixture (five people in Eng/A) one more in A,
// five in B and two in C, and runs one snapshot everyone answers. A (6)
// shows; C (2) has too few, so B (5) is hidden as its complement.
func exportWorld(t *testing.T, db *gorm.DB) (*fixture, *resultstest.World, survey.Outline) {
	t.Helper()
	f := newFixture(t, db)
	w := resultstest.New(t, db, 5)
	w.Add(t, "Eng/A", 1, "backend", directory.Remote)
	w.Add(t, "Eng/B", 5, "frontend", directory.Hybrid)
	w.Add(t, "Eng/C", 2, "backend", directory.Remote)
	o := w.Snapshot(t, "2026 Q1", func(p directory.Person) *resultstest.Answers {
		return &resultstest.Answers{Ratings: map[string]int{"local_env": 4}, Comment: "=cmd|' /C calc'!A0"}
	})
	return f, w, o
}

func csvRecords(t *testing.T, rec *httptest.ResponseRecorder) [][]string {
	t.Helper()
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/csv") {
		t.Fatalf("status %d, type %q: %s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
	}
	records, err := csv.NewReader(strings.NewReader(rec.Body.String())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return records
}

// column lists a CSV column's distinct values in order of appearance.
func column(records [][]string, name string) []string {
	i := slices.Index(records[0], name)
	var out []string
	for _, r := range records[1:] {
		if !slices.Contains(out, r[i]) {
			out = append(out, r[i])
		}
	}
	return out
}

func TestExports(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s := newTestServer(t, db, "http://localhost")
		f, w, o := exportWorld(t, db)
		id := o.Snapshot.ID

		// The team page and the admin's snapshot page link the exports.
		page := f.formRequest(t, s, http.MethodGet, fmt.Sprintf("/teams/%d", f.teamA.ID), leadA, nil).Body.String()
		if !strings.Contains(page, fmt.Sprintf(`href="/teams/%d/export.csv?snapshot=%d"`, f.teamA.ID, id)) {
			t.Error("the team page does not link its CSV export")
		}
		if !strings.Contains(page, "for this team:") { // A has no sub-teams
			t.Error("the team page's export line does not say the file holds this team")
		}
		page = f.formRequest(t, s, http.MethodGet, fmt.Sprintf("/admin/snapshots/%d", id), admin, nil).Body.String()
		if !strings.Contains(page, fmt.Sprintf(`href="/admin/snapshots/%d/responses.csv"`, id)) || !strings.Contains(page, `data-testid="snapshot-export-json"`) {
			t.Error("the snapshot page does not link the exports")
		}

		// A lead exports their own team, and nothing above or beside it.
		path := fmt.Sprintf("/teams/%d/export.csv", f.teamA.ID)
		rec := f.formRequest(t, s, http.MethodGet, path, leadA, nil)
		records := csvRecords(t, rec)
		if cd := rec.Header().Get("Content-Disposition"); cd != `attachment; filename="devpulse-2026-q1-eng-a-results.csv"` {
			t.Errorf("content disposition %q", cd)
		}
		if got := fmt.Sprint(column(records, "team")); got != "[Eng/A]" {
			t.Fatalf("lead of A exports %s", got)
		}
		if e := lastAudit(t, db); e.Action != "export.team_results" || e.Actor != "lead.of.a@example.com" ||
			e.Target != fmt.Sprintf("snapshot %d, team Eng/A", id) || e.Detail != fmt.Sprintf("csv, %d rows", len(records)-1) {
			t.Errorf("audit %+v", e)
		}
		if rec := f.formRequest(t, s, http.MethodGet, fmt.Sprintf("/teams/%d/export.csv", f.teamB.ID), leadA, nil); rec.Code != http.StatusForbidden {
			t.Errorf("lead of A exporting B: %d", rec.Code)
		}
		if rec := f.formRequest(t, s, http.MethodGet, path+"?snapshot=x", leadA, nil); rec.Code != http.StatusBadRequest {
			t.Errorf("bad snapshot: %d", rec.Code)
		}

		checkOrgExport(t, s, f, db, id)
		checkResponsesExport(t, s, f, db, id)

		// A snapshot that has not closed has nothing to export yet.
		draft, err := w.Surveys.CreateSnapshot(context.Background(), survey.NewSnapshot{Title: "Draft", Start: survey.StartTemplate, TimeZone: "UTC"}, "test")
		if err != nil {
			t.Fatal(err)
		}
		before := lastAudit(t, db).ID
		for _, p := range []string{"/exports/snapshots/%d/results.csv", "/admin/snapshots/%d/responses.csv"} {
			if rec := f.formRequest(t, s, http.MethodGet, fmt.Sprintf(p, draft.ID), admin, nil); rec.Code != http.StatusConflict {
				t.Errorf("%s of a draft: %d", p, rec.Code)
			}
		}
		if rec := f.formRequest(t, s, http.MethodGet, path+fmt.Sprintf("?snapshot=%d", draft.ID), leadA, nil); rec.Code != http.StatusConflict {
			t.Errorf("team export of a draft: %d", rec.Code)
		}
		if lastAudit(t, db).ID != before {
			t.Error("a refused export was recorded")
		}
	})
}

// checkOrgExport: executives export the organisation, and hidden groups
// carry no scores.
func checkOrgExport(t *testing.T, s *Server, f *fixture, db *gorm.DB, id int64) {
	t.Helper()
	// Executives export the organisation; hidden groups carry no scores.
	rec := f.formRequest(t, s, http.MethodGet, fmt.Sprintf("/exports/snapshots/%d/results.json", id), executive, nil)
	var out struct {
		K    int              `json:"k"`
		Rows []map[string]any `json:"rows"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &out); rec.Code != http.StatusOK || err != nil {
		t.Fatalf("org JSON: %d %v", rec.Code, err)
	}
	teams := map[string]map[string]any{}
	for _, r := range out.Rows {
		if r["driver_key"] == "local_env" {
			teams[r["team"].(string)] = r
		}
	}
	if org := teams["(organisation)"]; org == nil || org["team_id"] != nil || org["score"] != 100.0 || org["responses"] != 13.0 {
		t.Errorf("organisation %v", org)
	}
	if b := teams["Eng/B"]; b["suppressed"] != "complementary" || b["score"] != nil || b["mean"] != nil || b["responses"] != 5.0 {
		t.Errorf("B %v", b)
	}
	if c := teams["Eng/C"]; c["suppressed"] != "too_few" || c["score"] != nil {
		t.Errorf("C %v", c)
	}
	if e := lastAudit(t, db); e.Action != "export.results" || e.Actor != "executive@example.com" || e.Detail != fmt.Sprintf("json, %d rows", len(out.Rows)) {
		t.Errorf("audit %+v", e)
	}
	for _, who := range []persona{leadA, respondent} {
		if rec := f.formRequest(t, s, http.MethodGet, fmt.Sprintf("/exports/snapshots/%d/results.csv", id), who, nil); rec.Code != http.StatusForbidden {
			t.Errorf("%s exporting the organisation: %d", who, rec.Code)
		}
	}
}

// checkResponsesExport: admins export responses with no people, teams only
// for shown groups, and comments neutralised.
func checkResponsesExport(t *testing.T, s *Server, f *fixture, db *gorm.DB, id int64) {
	t.Helper()
	// Admins export responses: no people, teams only for shown groups,
	// comments neutralised.
	rec := f.formRequest(t, s, http.MethodGet, fmt.Sprintf("/admin/snapshots/%d/responses.csv", id), admin, nil)
	records := csvRecords(t, rec)
	body := rec.Body.String()
	if strings.Contains(body, "@example.com") || strings.Contains(body, "lead of A") || len(records) != 14 {
		t.Fatalf("responses export:\n%s", body)
	}
	if got := fmt.Sprint(column(records, "team")); got != "[Eng Eng/A]" && got != "[Eng/A Eng]" {
		t.Errorf("teams %s", got)
	}
	if got := column(records, "comments"); fmt.Sprint(got) != "['=cmd|' /C calc'!A0]" {
		t.Errorf("comments %q", got)
	}
	if e := lastAudit(t, db); e.Action != "export.responses" || e.Actor != "admin@example.com" || e.Detail != "csv, 13 rows" {
		t.Errorf("audit %+v", e)
	}
	if rec := f.formRequest(t, s, http.MethodGet, fmt.Sprintf("/admin/snapshots/%d/responses.csv", id), executive, nil); rec.Code != http.StatusForbidden {
		t.Errorf("executive exporting responses: %d", rec.Code)
	}
}

func TestResultsAPI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s := newTestServer(t, db, "http://localhost")
		_, _, o := exportWorld(t, db)
		_, secret, err := auth.NewTokens(db).Create(context.Background(), "bi", []string{auth.ScopeResultsRead}, "test")
		if err != nil {
			t.Fatal(err)
		}
		call := func(path string) *httptest.ResponseRecorder {
			req := httptest.NewRequest(http.MethodGet, path, nil)
			req.Header.Set("Authorization", "Bearer "+secret)
			rec := httptest.NewRecorder()
			s.Handler().ServeHTTP(rec, req)
			return rec
		}
		rec := call(fmt.Sprintf("/api/v1/snapshots/%d/results", o.Snapshot.ID))
		var out struct {
			Snapshot struct {
				ID    int64  `json:"id"`
				Title string `json:"title"`
			} `json:"snapshot"`
			K    int              `json:"k"`
			Rows []map[string]any `json:"rows"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &out); rec.Code != http.StatusOK || err != nil {
			t.Fatalf("%d %v %s", rec.Code, err, rec.Body)
		}
		if out.Snapshot.ID != o.Snapshot.ID || out.K != 5 || len(out.Rows) == 0 {
			t.Fatalf("results %+v", out)
		}
		for _, r := range out.Rows {
			if hidden := r["suppressed"] != nil; hidden != (r["team"] == "Eng/B" || r["team"] == "Eng/C") || (hidden && r["score"] != nil) {
				t.Fatalf("row %v", r)
			}
		}
		if e := lastAudit(t, db); e.Action != "export.results" || e.Actor != "token:bi" {
			t.Errorf("audit %+v", e)
		}
		records := csvRecords(t, call(fmt.Sprintf("/api/v1/snapshots/%d/results.csv", o.Snapshot.ID)))
		if got := fmt.Sprint(column(records, "team")); got != "[(organisation) Eng Eng/A Eng/B Eng/C]" {
			t.Errorf("CSV teams %s", got)
		}
		if rec := call("/api/v1/snapshots/999999/results"); rec.Code != http.StatusNotFound || !strings.Contains(rec.Body.String(), `"error"`) {
			t.Errorf("unknown snapshot: %d %s", rec.Code, rec.Body)
		}
	})
}
