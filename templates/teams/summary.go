package teams

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/insight"
	"github.com/devpulse/devpulse/internal/readout"
	"github.com/devpulse/devpulse/internal/results"
)

// finding returns the dashboard's finding with key (see readout.Team).
func (v DashboardView) finding(key string) (readout.Finding, bool) {
	for _, f := range v.Findings {
		if f.Key == key {
			return f, true
		}
	}
	return readout.Finding{}, false
}

// markShape is a change's significance as a shape, so that it never rests
// on colour alone: ▲ or ▼ for a real change, ≈ for one within the noise.
func markShape(d insight.Delta) string {
	switch {
	case !d.Significant:
		return "≈"
	case d.Z < 0 || d.Points < 0:
		return "▼"
	}
	return "▲"
}

// markWords is a change's significance in the words the legend uses.
func markWords(ctx context.Context, d insight.Delta) string {
	if d.Significant {
		return i18n.T(ctx, "teams.mark.real")
	}
	return i18n.T(ctx, "teams.mark.noise")
}

func markClass(d insight.Delta) string {
	switch {
	case !d.Significant:
		return "mark mark-noise"
	case d.Z < 0 || d.Points < 0:
		return "mark mark-down"
	}
	return "mark mark-up"
}

// driverURL is the page of one driver of a team, in the snapshot shown.
func driverURL(team int64, key string, snapshot int64) string {
	u := fmt.Sprintf("/teams/%d/drivers/%s", team, url.PathEscape(key))
	if snapshot != 0 {
		u += fmt.Sprintf("?snapshot=%d", snapshot)
	}
	return u
}

// TrendKey is the driver a dashboard's trend shows: want when the
// dashboard has it, else overall satisfaction, else the first driver; ""
// when it has none.
func TrendKey(d results.Dashboard, want string) string {
	rows := trendRows(d)
	for _, r := range rows {
		if r.Key == want {
			return r.Key
		}
	}
	if len(rows) == 0 {
		return ""
	}
	return rows[0].Key
}

// TrendName is the name of the driver with key, overall satisfaction
// included.
func TrendName(d results.Dashboard, key string) string {
	for _, r := range trendRows(d) {
		if r.Key == key {
			return r.Name
		}
	}
	return key
}

// shownPoints counts the snapshots of the trend that show the group.
func shownPoints(d results.Dashboard) int {
	n := 0
	for _, p := range d.Trend {
		if p.Shown {
			n++
		}
	}
	return n
}

// trendText writes one driver's trend as a sentence, the chart's words:
// "62 in 2026 Q1, 70 in 2026 Q2".
func trendText(ctx context.Context, d results.Dashboard, key string) string {
	var parts []string
	for _, p := range d.Trend {
		parts = append(parts, i18n.T(ctx, "teams.trend.point", "Score", score(p.Scores[key]), "Title", p.Snapshot.Title))
	}
	return i18n.T(ctx, "teams.trend.text", "Name", TrendName(d, key), "Points", strings.Join(parts, ", "))
}

// commentGroup is the comments about one driver, or (Key "") about none.
type commentGroup struct {
	Key, Name string
	Comments  []results.Comment
}

// commentGroups groups the comments shown by driver, in the order of the
// driver table, general comments last. Within a group they keep the
// store's order (by text), which says nothing about who wrote when.
func commentGroups(ctx context.Context, d results.Dashboard) []commentGroup {
	at := map[string]int{}
	var out []commentGroup
	for _, r := range trendRows(d) {
		at[r.Key] = len(out)
		out = append(out, commentGroup{Key: r.Key, Name: r.Name})
	}
	var general commentGroup
	for _, c := range d.Comments {
		i, ok := at[c.DriverKey]
		switch {
		case ok:
			out[i].Comments = append(out[i].Comments, c)
		case c.DriverKey == "":
			general.Comments = append(general.Comments, c)
		default: // a driver no longer in the outline: a group of its own
			at[c.DriverKey] = len(out)
			out = append(out, commentGroup{Key: c.DriverKey, Name: c.DriverKey, Comments: []results.Comment{c}})
		}
	}
	general.Name = i18n.T(ctx, "teams.comments.general")
	out = append(out, general)
	kept := out[:0]
	for _, g := range out {
		if len(g.Comments) > 0 {
			kept = append(kept, g)
		}
	}
	return kept
}

func commentsAbout(ctx context.Context, n int) string {
	return i18n.T(ctx, "teams.comments.n", "Count", n, "N", num(ctx, n))
}

// keep lists the reader's choices (snapshot, segment, trend, comment
// filters) as name and value, but for the names in skip: a form that
// sets those carries the rest along.
func (v DashboardView) keep(skip ...string) [][2]string {
	all := [][2]string{{"segment", v.Segment}, {"trend", v.Trend}, {"driver", v.Driver}, {"q", v.Search}}
	if v.Dash.Snapshot.ID != 0 {
		all = append([][2]string{{"snapshot", strconv.FormatInt(v.Dash.Snapshot.ID, 10)}}, all...)
	}
	var out [][2]string
	for _, kv := range all {
		if kv[1] != "" && !slices.Contains(skip, kv[0]) {
			out = append(out, kv)
		}
	}
	return out
}
