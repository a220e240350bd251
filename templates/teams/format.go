package teams

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/a-h/templ"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/insight"
	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/internal/threads"
)

// score shows a favorable score, or a dash when there is none.
func score(s insight.Score) string { return s.String() }

func percent(s insight.Score) string { return s.Percent() }

// signed writes a change with its sign; the minus is a real minus sign.
func signed(n int) string { return insight.Signed(n) }

// noiseTitle says how large a change would have to be to be more than
// chance, with this many answers.
func noiseTitle(ctx context.Context, d insight.Delta) string {
	if !d.NoiseOK {
		return i18n.T(ctx, "teams.noise.none")
	}
	return i18n.T(ctx, "teams.noise.band", "Points", d.Noise)
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
func hiddenText(ctx context.Context, g results.GroupView, k int) string {
	switch g.Hidden {
	case results.Complementary:
		return i18n.T(ctx, "teams.hidden.complementary")
	case results.TeamHidden:
		return i18n.T(ctx, "teams.hidden.team")
	}
	if g.Responses != g.Submitted {
		return i18n.T(ctx, "teams.hidden.filtered", "K", k)
	}
	return i18n.T(ctx, "teams.hidden.too_few", "Responses", g.Responses, "K", k)
}

func hiddenShort(ctx context.Context, g results.GroupView) string {
	switch g.Hidden {
	case results.Complementary:
		return i18n.T(ctx, "teams.hidden.short.complementary")
	case results.TeamHidden:
		return i18n.T(ctx, "teams.hidden.short.team")
	}
	return i18n.T(ctx, "teams.hidden.short.too_few")
}

func tooFewAnswered(ctx context.Context, k int) string {
	return i18n.T(ctx, "teams.too_few_answered", "K", k)
}

// bar is one segment of the distribution bar.
type bar struct {
	X, Width int
	Class    string
	Label    string
}

// agreement names the five answers of the scale, lowest first, in the
// words of the distribution's legend.
var agreement = []string{"teams.dist.1", "teams.dist.2", "teams.dist.3", "teams.dist.4", "teams.dist.5"}

func bars(ctx context.Context, r results.DriverRow) []bar {
	var out []bar
	x := 0
	for i, w := range r.Bars {
		out = append(out, bar{X: x, Width: w, Class: fmt.Sprintf("dist-%d", i+1),
			Label: i18n.T(ctx, "teams.bar", "Percent", w, "Answer", i18n.T(ctx, agreement[i]))})
		x += w
	}
	return out
}

func barsLabel(ctx context.Context, r results.DriverRow) string {
	var parts []string
	for _, b := range bars(ctx, r) {
		parts = append(parts, b.Label)
	}
	if na := r.Distribution.NotApplicable(); na > 0 {
		parts = append(parts, i18n.T(ctx, "teams.bar.not_applicable", "Count", na))
	}
	return strings.Join(parts, ", ")
}

func itoa(n int) string { return strconv.Itoa(n) }

// num writes a count in the reader's language (1,234 or 1.234).
func num(ctx context.Context, n int) string { return i18n.From(ctx).Number(n) }

func mean(ctx context.Context, r results.DriverRow) string {
	if !r.MeanOK {
		return "–"
	}
	return fixed(ctx, r.Mean, 1)
}

// fixed writes v with exactly digits decimals in the reader's language
// (4.0, 4,0).
func fixed(ctx context.Context, v float64, digits int) string {
	l := i18n.From(ctx)
	s := l.Decimal(v, digits)
	sep := l.Decimal(1.5, 1)[1:2]
	i := strings.LastIndex(s, sep)
	if i < 0 {
		s += sep
		i = len(s) - 1
	}
	return s + strings.Repeat("0", max(0, digits-(len(s)-i-1)))
}

// segmentLabel names a segment (work arrangement, role, tenure).
func segmentLabel(ctx context.Context, key string) string {
	if s, ok := lookup(ctx, "teams.segment."+key); ok {
		return s
	}
	return key
}

// segmentValue is a segment's value as people read it: the catalog's
// words for the fixed values (work arrangements, tenure bands), the
// directory's own otherwise (roles).
func segmentValue(ctx context.Context, key, value string) string {
	if s, ok := lookup(ctx, "teams.segment."+key+"."+value); ok {
		return s
	}
	return value
}

// lookup is the catalog's message id, and whether the catalog has one.
func lookup(ctx context.Context, id string) (string, bool) {
	s := i18n.T(ctx, id)
	return s, s != id
}

func filterLabel(ctx context.Context, f results.Filter) string {
	return segmentLabel(ctx, f.Segment) + ": " + segmentValue(ctx, f.Segment, f.Value)
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

func caption(ctx context.Context, d results.Dashboard) string {
	if d.Previous != nil {
		return i18n.T(ctx, "teams.drivers.caption.since", "Title", d.Snapshot.Title, "Previous", d.Previous.Title)
	}
	return i18n.T(ctx, "teams.drivers.caption", "Title", d.Snapshot.Title)
}

func commentCount(ctx context.Context, d results.Dashboard) string {
	if d.CommentTotal > len(d.Comments) {
		return i18n.T(ctx, "teams.comments.count.first", "Count", d.CommentTotal, "Total", num(ctx, d.CommentTotal), "Shown", num(ctx, len(d.Comments)))
	}
	return i18n.T(ctx, "teams.comments.count", "Count", d.CommentTotal, "Total", num(ctx, d.CommentTotal))
}

func openText(ctx context.Context, o OpenSnapshot) string {
	return i18n.T(ctx, "teams.open.so_far", "Live", o.Live.Message().In(ctx), "Invited", num(ctx, o.Count.Invited))
}

func bandClass(b results.Benchmark) string {
	return fmt.Sprintf("band band-%d", int(b.Band)+1)
}

// band is where a score sits against the benchmark, in words.
func band(ctx context.Context, b results.Benchmark) string {
	return i18n.T(ctx, fmt.Sprintf("teams.band.%d", int(b.Band)))
}

func benchmarkTitle(ctx context.Context, b results.Benchmark) string {
	p := b.Percentiles
	return i18n.T(ctx, "teams.benchmark.title", "P25", p.P25, "P50", p.P50, "P75", p.P75, "P90", p.P90, "Source", b.Source)
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
func replyLabel(ctx context.Context, t threads.Summary) string {
	switch {
	case t.Replies == 0:
		return i18n.T(ctx, "teams.reply")
	case t.Answers > 0:
		return i18n.T(ctx, "teams.reply.answered", "Count", t.Replies)
	}
	return i18n.T(ctx, "teams.reply.thread", "Count", t.Replies)
}

// capitalise writes s with a capital first letter, for a word list that
// starts a line.
func capitalise(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	return string(unicode.ToUpper(r[0])) + string(r[1:])
}
