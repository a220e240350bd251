// Package org holds what executives read: the organisation's dashboard,
// the printable readout and the present mode of the executive summary.
package org

import (
	"context"
	"fmt"
	"net/url"
	"strconv"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"

	"github.com/devpulse/devpulse/internal/goals"
	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/insight"
	"github.com/devpulse/devpulse/internal/readout"
	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/internal/survey"
	actionviews "github.com/devpulse/devpulse/templates/actions"
	pulseviews "github.com/devpulse/devpulse/templates/pulse"
	"github.com/devpulse/devpulse/templates/systemmetrics"
)

// View is the organisation's dashboard page.
type View struct {
	Org results.OrgDashboard
	// Mode is what the heatmap shows: "score", "delta" or "benchmark".
	Mode string
	// ScoreChart is the ECharts option of the driver scores, as JSON.
	ScoreChart string
	Summary    []readout.Finding
	// SlideCharts are present mode's charts (ECharts options as JSON) by
	// finding key; "scores" is the slide of scores by driver.
	SlideCharts map[string]string
	// ReadOnly: the reader is a respondent, who reads the shared results
	// and not the executive summary's readout or present mode.
	ReadOnly bool
	// Goals are the teams' goals around this snapshot (goals.templ).
	Goals []goals.TeamJudged
	// Pulse is the organisation's pulse between quarters.
	Pulse pulseviews.TeamPulseView
	// Actions are the actions the reader may see; YouSaid links the
	// snapshot's "you said, we did".
	Actions actionviews.Panel
	YouSaid string
	// Metrics is DORA's four keys per team (templates/systemmetrics).
	Metrics systemmetrics.DORAView
}

// Modes lists the heatmap's views; Label is the catalog message naming it.
var Modes = []struct{ Key, Label string }{
	{"score", "org.mode.score"},
	{"delta", "org.mode.delta"},
	{"benchmark", "org.mode.benchmark"},
}

func (v View) link(path string, set ...string) string {
	q := url.Values{}
	if v.Org.Snapshot.ID != 0 {
		q.Set("snapshot", strconv.FormatInt(v.Org.Snapshot.ID, 10))
	}
	if v.Org.Compare != nil {
		q.Set("compare", strconv.FormatInt(v.Org.Compare.ID, 10))
	}
	if v.Mode != "" && v.Mode != "score" {
		q.Set("view", v.Mode)
	}
	for i := 0; i+1 < len(set); i += 2 {
		q.Set(set[i], set[i+1])
	}
	return path + "?" + q.Encode()
}

func score(s insight.Score) string { return s.String() }

func pct(s insight.Score) string { return s.Percent() }

func signed(n int) string { return insight.Signed(n) }

func itoa(n int) string { return strconv.Itoa(n) }

// num writes a count in the reader's language.
func num(ctx context.Context, n int) string { return i18n.From(ctx).Number(n) }

// compareTitle is the title of the snapshot compared with, "" for none.
func compareTitle(v View) string {
	if v.Org.Compare == nil {
		return ""
	}
	return v.Org.Compare.Title
}

func indent(level int) string { return fmt.Sprintf("tree-level-%d", min(level, 6)) }

func heatClass(s insight.Score) string {
	switch {
	case !s.OK:
		return "heat heat-none"
	case s.Value >= 85:
		return "heat heat-5"
	case s.Value >= 70:
		return "heat heat-4"
	case s.Value >= 55:
		return "heat heat-3"
	case s.Value >= 40:
		return "heat heat-2"
	}
	return "heat heat-1"
}

func deltaCellClass(d insight.Delta) string {
	switch {
	case !d.OK:
		return "heat heat-none"
	case d.Significant && d.Points > 0:
		return "heat heat-5"
	case d.Significant && d.Points < 0:
		return "heat heat-1"
	}
	return "heat heat-3"
}

// bandClass colours a benchmark band from below p25 (1) to above p90 (5).
func bandClass(b results.Benchmark) string {
	if !b.OK {
		return "heat heat-none"
	}
	return fmt.Sprintf("heat heat-%d", int(b.Band)+1)
}

// cellBenchmark places a team's cell against the external benchmark when
// the driver has one, else among the organisation's teams.
func (v View) cellBenchmark(i int, c results.OrgCell) results.Benchmark {
	key := v.Org.Drivers[i].Key
	if b, ok := v.Org.Benchmarks[key]; ok && b.OK && c.Score.OK {
		b.Band = insight.Position(c.Score.Value, b.Percentiles)
		return b
	}
	return c.Internal
}

func bandText(ctx context.Context, b results.Benchmark) string {
	if !b.OK {
		return "–"
	}
	return i18n.T(ctx, "org.band."+strconv.Itoa(int(b.Band)))
}

func hiddenShort(ctx context.Context, g results.GroupView) string {
	switch g.Hidden {
	case results.Complementary:
		return i18n.T(ctx, "org.hidden.complementary")
	case results.TeamHidden:
		return i18n.T(ctx, "org.hidden.team")
	}
	return i18n.T(ctx, "org.hidden.too_few")
}

func participation(g results.GroupView) string {
	return pct(insight.Participation(g.Submitted, g.Invited))
}

// fixed writes f with exactly digits decimals in l's language ("0.20",
// "0,20"), so correlations line up.
func fixed(l *i18n.Localizer, f float64, digits int) string {
	return message.NewPrinter(language.Make(l.Lang())).Sprint(number.Decimal(f, number.Scale(digits)))
}

func benchmarkSource(o results.OrgDashboard) string {
	for _, b := range o.Benchmarks {
		if b.OK {
			return b.Source
		}
	}
	return ""
}

// besidePanels leaves out the questions the org page draws in panels of
// their own (the AI assistants panel), so none is drawn twice.
func besidePanels(qs []results.QuestionResult) []results.QuestionResult {
	var out []results.QuestionResult
	for _, q := range qs {
		if q.Key != survey.KeyAIFrequency && q.Key != survey.KeyAIHoursSaved {
			out = append(out, q)
		}
	}
	return out
}
