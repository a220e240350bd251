package teams

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/a-h/templ"

	"github.com/devpulse/devpulse/internal/insight"
	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/internal/threads"
)

// score shows a favorable score, or a dash when there is none.
func score(s insight.Score) string { return s.String() }

func percent(s insight.Score) string { return s.Percent() }

// signed writes a change with its sign; the minus is a real minus sign.
func signed(n int) string { return insight.Signed(n) }

func deltaClass(d insight.Delta) string {
	switch {
	case !d.Significant:
		return "delta delta-muted"
	case d.Points > 0:
		return "delta delta-up"
	case d.Points < 0:
		return "delta delta-down"
	}
	return "delta"
}

// deltaLabel is what a screen reader hears for a change.
func deltaLabel(d insight.Delta) string {
	if !d.OK {
		return "no comparison"
	}
	s := signed(d.Points) + " points since the previous snapshot"
	if d.Significant {
		return s + ", a significant change"
	}
	return s + ", within what chance could explain"
}

// noise explains the noise band beside a delta.
func noise(d insight.Delta) string {
	if !d.OK {
		return ""
	}
	if !d.NoiseOK {
		return "too few answers for any change to be significant"
	}
	return fmt.Sprintf("±%d", d.Noise)
}

func noiseTitle(d insight.Delta) string {
	if !d.NoiseOK {
		return "With this many answers no change of up to 100 points would be significant."
	}
	return fmt.Sprintf("With this many answers, a change smaller than %d points in this direction could be chance.", d.Noise)
}

// heatClass colours a heatmap cell by score band.
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

// heatCells writes a shown heatmap row's score cells, as
// <td class={ heatClass(s) }>{ score(s) }</td> would. It is plain Go
// because a large tree's heatmap has tens of thousands of cells, and
// templ's class and escaping machinery per cell was a fifth of the page's
// time; every class and number here comes from a fixed set that needs no
// escaping.
func heatCells(scores []insight.Score) templ.Component {
	return templ.ComponentFunc(func(_ context.Context, w io.Writer) error {
		buf := make([]byte, 0, 32*len(scores))
		for _, s := range scores {
			buf = append(buf, `<td class="`...)
			buf = append(buf, heatClass(s)...)
			buf = append(buf, `">`...)
			if s.OK {
				buf = strconv.AppendInt(buf, int64(s.Value), 10)
			} else {
				buf = append(buf, score(s)...)
			}
			buf = append(buf, `</td>`...)
		}
		_, err := w.Write(buf)
		return err
	})
}

// hiddenText says why a group shows no scores, without its size when the
// size itself would tell something (a filtered group, or one hidden to
// protect another).
func hiddenText(g results.GroupView, k int) string {
	switch g.Hidden {
	case results.Complementary:
		return "Hidden so that a smaller group's answers cannot be worked out from it and the groups shown around it."
	case results.TeamHidden:
		return "The team as a whole is hidden, so none of its filtered groups is shown either."
	}
	if g.Responses != g.Submitted {
		return fmt.Sprintf("Fewer than %d responses in this group: not enough to show scores.", k)
	}
	return fmt.Sprintf("Not enough responses to show scores: %d, and the minimum is %d.", g.Responses, k)
}

func hiddenShort(g results.GroupView) string {
	switch g.Hidden {
	case results.Complementary:
		return "hidden to protect a smaller group"
	case results.TeamHidden:
		return "the team is hidden"
	}
	return "not enough responses"
}

func tooFewAnswered(k int) string {
	return fmt.Sprintf("fewer than %d answered", k)
}

// bar is one segment of the distribution bar.
type bar struct {
	X, Width int
	Class    string
	Label    string
}

var agreement = []string{"strongly disagree", "disagree", "neutral", "agree", "strongly agree"}

func bars(r results.DriverRow) []bar {
	var out []bar
	x := 0
	for i, w := range r.Bars {
		out = append(out, bar{X: x, Width: w, Class: fmt.Sprintf("dist-%d", i+1), Label: fmt.Sprintf("%d%% %s", w, agreement[i])})
		x += w
	}
	return out
}

func barsLabel(r results.DriverRow) string {
	var parts []string
	for _, b := range bars(r) {
		parts = append(parts, b.Label)
	}
	if na := r.Distribution.NotApplicable(); na > 0 {
		parts = append(parts, fmt.Sprintf("%d not applicable", na))
	}
	return strings.Join(parts, ", ")
}

func itoa(n int) string { return strconv.Itoa(n) }

func mean(r results.DriverRow) string {
	if !r.MeanOK {
		return "–"
	}
	return strconv.FormatFloat(r.Mean, 'f', 1, 64)
}

func segmentLabel(key string) string {
	for _, s := range results.Segments {
		if s.Key == key {
			return s.Label
		}
	}
	return key
}

func filterLabel(f results.Filter) string {
	return segmentLabel(f.Segment) + ": " + f.Value
}

func driverName(d results.Dashboard, key string) string {
	for _, r := range d.Drivers {
		if r.Key == key {
			return r.Name
		}
	}
	return key
}

// trendRow is one line of the trend table.
type trendRow struct{ Key, Name string }

func trendRows(d results.Dashboard) []trendRow {
	var out []trendRow
	if d.Overall != nil {
		out = append(out, trendRow{d.Overall.Key, d.Overall.Name})
	}
	for _, r := range d.Drivers {
		out = append(out, trendRow{r.Key, r.Name})
	}
	return out
}

func indent(level int) string { return fmt.Sprintf("tree-level-%d", min(level, 6)) }

func participation(g results.GroupView) string {
	return percent(insight.Participation(g.Submitted, g.Invited))
}

func caption(d results.Dashboard) string {
	s := "Favorable score per driver, " + d.Snapshot.Title
	if d.Previous != nil {
		s += ", change since " + d.Previous.Title
	}
	return s
}

func commentCount(d results.Dashboard) string {
	s := fmt.Sprintf("%d comments", d.CommentTotal)
	if d.CommentTotal == 1 {
		s = "1 comment"
	}
	if d.CommentTotal > len(d.Comments) {
		s += fmt.Sprintf(", the first %d shown", len(d.Comments))
	}
	return s + "."
}

func openText(o OpenSnapshot) string {
	return fmt.Sprintf("Answered so far: %s of %d invited people here.", o.Live, o.Count.Invited)
}

func bandClass(b results.Benchmark) string {
	return fmt.Sprintf("band band-%d", int(b.Band)+1)
}

func benchmarkTitle(b results.Benchmark) string {
	p := b.Percentiles
	return fmt.Sprintf("p25 %d, median %d, p75 %d, p90 %d (%s)", p.P25, p.P50, p.P75, p.P90, b.Source)
}

func benchmarkSource(d results.Dashboard) string {
	for _, r := range d.Drivers {
		if r.Benchmark.OK {
			return r.Benchmark.Source
		}
	}
	return ""
}

// replyLabel is a comment's reply link: "Reply", or what its thread holds.
func replyLabel(t threads.Summary) string {
	n := fmt.Sprintf("%d messages", t.Replies)
	switch {
	case t.Replies == 0:
		return "Reply"
	case t.Replies == 1:
		n = "1 message"
	}
	if t.Answers > 0 {
		return "Thread (" + n + "), the author answered"
	}
	return "Thread (" + n + "): read or reply"
}
