package web

import (
	"context"
	"fmt"
	"html"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/metrics"
	"github.com/devpulse/devpulse/internal/results/resultstest"
	"github.com/devpulse/devpulse/internal/testdb"
)

// aiOrg has n teams of five. In team i, i%6 people use an AI assistant
// daily and rate CI reliability 4 and spend 10*(i%6)% of their time on
// incidents; the rest never use one and rate it 2. The teams' time to
// restore grows with i%6.
func aiOrg(t *testing.T, db *gorm.DB, n int) {
	t.Helper()
	w := resultstest.New(t, db, 5)
	heavy, team := map[int64]bool{}, map[int64]int{}
	for i := 0; i < n; i++ {
		for j, p := range w.Add(t, fmt.Sprintf("Eng/T%d", i), 5, "backend", directory.Remote) {
			heavy[p.ID], team[p.ID] = j < i%6, i
		}
	}
	never, daily := 0, 5
	w.Snapshot(t, "2026 Q4", func(p directory.Person) *resultstest.Answers {
		a := &resultstest.Answers{Ratings: map[string]int{"ci_reliability": 2}, AIFrequency: &never}
		if heavy[p.ID] {
			a.Ratings["ci_reliability"], a.AIFrequency = 4, &daily
		}
		inc := 10 * (team[p.ID] % 6)
		a.Allocation = []int{60 - inc, 40, inc}
		return a
	})
	var vals []metrics.Value
	for i := 0; i < n; i++ {
		for k := 0; k < 3; k++ {
			week := metrics.Week(time.Now().UTC().AddDate(0, 0, -7*k))
			vals = append(vals, metrics.Value{TeamID: w.Teams[fmt.Sprintf("Eng/T%d", i)].ID, Name: metrics.TimeToRestore, ISOWeek: week,
				Value: float64(1 + i%6 + k%2), Unit: "hours"})
		}
	}
	if _, err := metrics.New(db, audit.New(db)).Save(context.Background(), vals, metrics.SourceAPI, "test"); err != nil {
		t.Fatal(err)
	}
}

func pageTable(t *testing.T, body, testid string) string {
	t.Helper()
	_, s, ok := strings.Cut(body, `data-testid="`+testid+`"`)
	if !ok {
		t.Fatalf("no %s on the page", testid)
	}
	s, _, _ = strings.Cut(s, "</table>")
	return s
}

func TestAIUseAndTimeCorrelations(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		aiOrg(t, db, 9)
		body := html.UnescapeString(newAdminClient(t, db).get("/org").Body.String())
		// Team shares of daily users rank exactly as CI reliability scores.
		ai := pageTable(t, body, "ai-correlations")
		row, _, _ := strings.Cut(ai[strings.Index(ai, "CI reliability"):], "</tr>")
		if !strings.Contains(row, ">9<") || !strings.Contains(row, `data-testid="ai-rho">1.00 (`) {
			t.Errorf("CI reliability row: %s", row)
		}
		// 0+1+2+3+4+5+0+1+2 = 18 heavy users of 45, all rating 4.
		split := pageTable(t, body, "ai-split")
		if !strings.Contains(body, "weekly or more (18 respondents)") || !strings.Contains(body, "(27)") {
			t.Errorf("the split does not count 18 heavy and 27 light users")
		}
		row, _, _ = strings.Cut(split[strings.Index(split, "CI reliability"):], "</tr>")
		if !strings.Contains(row, `"num">100<`) || !strings.Contains(row, `"num">0<`) {
			t.Errorf("CI reliability heavy 100, light 0: %s", row)
		}
		_, sent, _ := strings.Cut(body, `data-testid="sentiment-correlations"`)
		if !strings.Contains(sent, "Share of time on incidents and on-call × <code>time_to_restore_hours</code>") ||
			!strings.Contains(sent, "Spearman's ρ = 1.00") || !strings.Contains(sent, "Correlation is not cause") {
			t.Errorf("no incidents × time to restore correlation of 1:\n%s", sent)
		}
		if !strings.Contains(sent, "pr_bug_fix_share") || !strings.Contains(sent, "Not enough data: 0 teams have both") {
			t.Errorf("the bug-fix share has no data and should say so")
		}
	})
}

func TestAIUseWithheldUnderEightTeamsAndSplitUnderK(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		aiOrg(t, db, 3) // 0+1+2 = 3 heavy users: under k
		body := html.UnescapeString(newAdminClient(t, db).get("/org").Body.String())
		ai := pageTable(t, body, "ai-correlations")
		if strings.Contains(ai, `data-testid="ai-rho"`) || !strings.Contains(ai, "withheld: needs 8 teams with both") {
			t.Errorf("three teams must be withheld:\n%s", ai)
		}
		if !strings.Contains(body, `data-testid="ai-split-hidden"`) || strings.Contains(body, `data-testid="ai-split"`) ||
			strings.Contains(body, "respondents), light users") {
			t.Errorf("three heavy users must hide the split, counts included")
		}
	})
}
