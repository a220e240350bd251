package teams

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/devpulse/devpulse/internal/insight"
	"github.com/devpulse/devpulse/internal/results"
)

func TestNPSPanel(t *testing.T) {
	render := func(rows []results.NPSRow) string {
		t.Helper()
		var buf bytes.Buffer
		if err := NPSPanel(rows, 5).Render(context.Background(), &buf); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	if html := render(nil); strings.TrimSpace(html) != "" {
		t.Errorf("no net promoter question draws %q", html)
	}
	shown := results.NPSRow{QuestionID: 3, Prompt: "Recommend us?", Shown: true,
		NPS: insight.NetPromoter(insight.NPSCounts{0: 1, 3: 1, 8: 2, 9: 1, 10: 2})}
	hidden := results.NPSRow{QuestionID: 4, Prompt: "Recommend the platform?"}
	html := render([]results.NPSRow{shown, hidden})
	for _, want := range []string{
		`data-testid="nps-score" aria-label="Net promoter score +14">+14<`,
		`data-testid="nps-promoters">43% <span class="small muted">(3)`,
		`data-testid="nps-passives">28% <span class="small muted">(2)`,
		`data-testid="nps-detractors">29% <span class="small muted">(2)`,
		`data-testid="nps-answered">7<`,
		`aria-label="43% promoters, 28% passives, 29% detractors, of 7 answers"`,
		`data-testid="nps-hidden">Fewer than 5 people answered this question: no score is shown.`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("the panel lacks %s:\n%s", want, html)
		}
	}
	if strings.Count(html, `data-testid="nps-score"`) != 1 {
		t.Error("the hidden question shows a score")
	}
	negative := results.NPSRow{QuestionID: 5, Prompt: "Recommend?", Shown: true, NPS: insight.NetPromoter(insight.NPSCounts{2: 3, 9: 1})}
	if html := render([]results.NPSRow{negative}); !strings.Contains(html, `>−50<`) {
		t.Errorf("a negative score is not shown with a minus sign:\n%s", html)
	}
}
