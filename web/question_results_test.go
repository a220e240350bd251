package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/internal/results/resultstest"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testdb"
)

// questionBlock returns the part of a page that shows one other question.
func questionBlock(t *testing.T, body, key string, o survey.Outline) string {
	t.Helper()
	for _, q := range o.Questions {
		if q.Key != key {
			continue
		}
		start := strings.Index(body, fmt.Sprintf(`data-question="%d"`, q.ID))
		if start < 0 {
			t.Fatalf("no %s on the page", key)
		}
		rest := body[start:]
		if end := strings.Index(rest[1:], `data-testid="question-result"`); end >= 0 {
			rest = rest[:end+1]
		}
		return rest
	}
	t.Fatalf("no question %s", key)
	return ""
}

// optionPercents lists a question's option labels with their percentages.
func optionPercents(block string) string {
	re := regexp.MustCompile(`<th scope="row">([^<]*)</th>[\s\S]*?data-testid="option-percent">([^<]*)<`)
	var out []string
	for _, m := range re.FindAllStringSubmatch(block, -1) {
		out = append(out, m[1]+" "+m[2])
	}
	return strings.Join(out, ", ")
}

// Eng/A's 6 people all choose Go and report 4 hours of meetings; Eng/B's
// 5 choose Java and 4 of them report 2 hours. B's meetings are under k;
// the organisation shows them, so A's are hidden too (the organisation
// minus A would be B's 4).
func TestOtherQuestionsOnPages(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s := newTestServer(t, db, "http://localhost")
		f, w := sharedWorld(t, db)
		extra := []survey.Question{
			{Kind: survey.KindSingle, Key: "stack", Prompt: "Which language do you write most?", Config: survey.Config{Choices: []string{"Go", "Java"}}},
			{Kind: survey.KindNumber, Key: "meetings", Prompt: "Hours in meetings last week?", Config: survey.Config{Unit: "hours"}},
		}
		skipped := 0
		o := w.SnapshotWith(t, "2026 Q1", extra, func(p directory.Person) *resultstest.Answers {
			a := &resultstest.Answers{Form: map[string][]string{"stack": {"Go"}, "meetings": {"4"}}}
			if *p.TeamID == f.teamB.ID {
				a.Form = map[string][]string{"stack": {"Java"}, "meetings": {"2"}}
				if skipped++; skipped == 1 {
					a.Form["meetings"] = nil
				}
			}
			return a
		})
		page := func(path string, who persona) string {
			t.Helper()
			rec := f.formRequest(t, s, http.MethodGet, path, who, nil)
			if rec.Code != http.StatusOK {
				t.Fatalf("%s: %d", path, rec.Code)
			}
			return rec.Body.String()
		}
		for _, path := range []string{"/org", "/org/readout"} {
			body := page(path, executive)
			stack := questionBlock(t, body, "stack", o)
			if got := optionPercents(stack); got != "Go 55%, Java 45%" || testText(stack, "question-answered") != "11" {
				t.Errorf("%s stack: %s, answered %s", path, got, testText(stack, "question-answered"))
			}
			m := questionBlock(t, body, "meetings", o)
			if testText(m, "question-median") != "4 hours" || testText(m, "question-mean") != "3.2 hours" || testText(m, "question-answered") != "10" {
				t.Errorf("%s meetings: median %q mean %q answered %q", path, testText(m, "question-median"), testText(m, "question-mean"), testText(m, "question-answered"))
			}
			if got := optionPercents(m); got != "2 hours 40%, 4 hours 60%" {
				t.Errorf("%s meetings distribution: %s", path, got)
			}
		}
		body := page(fmt.Sprintf("/teams/%d", f.teamA.ID), leadA)
		if got := optionPercents(questionBlock(t, body, "stack", o)); got != "Go 100%, Java 0%" {
			t.Errorf("A stack: %s", got)
		}
		m := questionBlock(t, body, "meetings", o)
		if !strings.Contains(m, `data-testid="question-hidden"`) || strings.Contains(m, "question-median") {
			t.Errorf("A shows its meetings: %s", m)
		}
		body = page(fmt.Sprintf("/teams/%d", f.teamB.ID), leadB)
		if m := questionBlock(t, body, "meetings", o); !strings.Contains(m, `data-testid="question-hidden"`) || strings.Contains(m, "question-mean") {
			t.Errorf("B shows its meetings answered by 4: %s", m)
		}
		checkQuestionExports(t, s, f, o)
	})
}

// checkQuestionExports: the results exports carry the same figures, and
// suppress what the pages hide.
func checkQuestionExports(t *testing.T, s *Server, f *fixture, o survey.Outline) {
	t.Helper()
	rec := f.formRequest(t, s, http.MethodGet, fmt.Sprintf("/exports/snapshots/%d/results.json", o.Snapshot.ID), executive, nil)
	var out struct {
		Questions []struct {
			Team        string   `json:"team"`
			QuestionKey string   `json:"question_key"`
			Suppressed  *string  `json:"suppressed"`
			Answered    *int     `json:"answered"`
			Median      *float64 `json:"median"`
			Options     []struct {
				Option  string `json:"option"`
				Count   int    `json:"count"`
				Percent *int   `json:"percent"`
			} `json:"options"`
		} `json:"questions"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &out); rec.Code != http.StatusOK || err != nil {
		t.Fatalf("results JSON: %d %v", rec.Code, err)
	}
	seen := 0
	for _, q := range out.Questions {
		switch {
		case q.Team == results.OrgPath && q.QuestionKey == "stack":
			seen++
			if len(q.Options) != 2 || q.Options[0].Count != 6 || *q.Options[0].Percent != 55 || *q.Answered != 11 {
				t.Errorf("organisation stack %+v", q)
			}
		case q.Team == results.OrgPath && q.QuestionKey == "meetings":
			seen++
			if q.Median == nil || *q.Median != 4 || *q.Answered != 10 {
				t.Errorf("organisation meetings %+v", q)
			}
		case q.Team == "Eng/A" && q.QuestionKey == "meetings":
			seen++
			if q.Suppressed == nil || *q.Suppressed != string(results.QuestionTooFew) || q.Answered != nil || len(q.Options) != 0 {
				t.Errorf("A meetings exported: %+v", q)
			}
		}
	}
	if seen != 3 {
		t.Errorf("export questions %+v", out.Questions)
	}
	rec = f.formRequest(t, s, http.MethodGet, fmt.Sprintf("/teams/%d/export.csv?table=questions", f.teamA.ID), leadA, nil)
	records := csvRecords(t, rec)
	want := []string{"2026 Q1", "Eng/A", "stack", "Which language do you write most?", "single_choice", "", "6", "Go", "6", "100", "", "", ""}
	if len(records) < 2 || !slices.Equal(records[0], results.QuestionHeader) || !slices.ContainsFunc(records, func(r []string) bool { return slices.Equal(r, want) }) {
		t.Errorf("team questions CSV: %q", records)
	}
	for _, r := range records {
		if r[1] == "Eng/A" && r[2] == "meetings" && (r[5] != string(results.QuestionTooFew) || r[6] != "") {
			t.Errorf("A meetings in CSV: %q", r)
		}
	}
}
