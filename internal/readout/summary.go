// Package readout writes the words of the executive summary: each finding
// of the org readout, the present mode and the voice-of-the-developer email,
// worded from an org dashboard's numbers (internal/results) and inventing
// nothing.
package readout

import (
	"fmt"
	"strings"

	"github.com/devpulse/devpulse/internal/insight"
	"github.com/devpulse/devpulse/internal/results"
)

// Finding is one point of the executive summary: a heading, the number it
// is about, a sentence, and details. Every word comes from the numbers.
type Finding struct {
	Key     string // participation, overall, improvements, declines, priorities, benchmarks, recognition, ai
	Heading string
	Big     string
	Text    string
	Items   []string
}

// Summary writes the executive summary of an org dashboard: participation
// and its change, the overall score and its change, the three biggest
// significant improvements and declines, the top priorities, the gaps to
// the benchmark, teams to recognise (their largest significant
// improvements), and AI capacity. It invents nothing: a finding without
// numbers behind it says so or is left out.
func Summary(o results.OrgDashboard) []Finding {
	since := ""
	if o.Compare != nil {
		since = " since " + o.Compare.Title
	}
	out := []Finding{participationFinding(o)}
	if !o.View.IsShown() {
		return append(out, Finding{Key: "overall", Heading: "Results",
			Text: fmt.Sprintf("Fewer than %d people answered, so no scores are shown.", o.K)})
	}
	if f, ok := overallFinding(o, since); ok {
		out = append(out, f)
	}
	if o.Compare != nil {
		up, down := orgMovers(o.Up), orgMovers(o.Down)
		out = append(out, movers("improvements", "Biggest improvements", up, since, "No driver improved significantly"+since+"."))
		out = append(out, movers("declines", "Biggest declines", down, since, "No driver declined significantly"+since+"."))
	}
	for _, find := range []func(results.OrgDashboard, string) (Finding, bool){prioritiesFinding, benchmarkFinding, recognitionFinding, aiFinding} {
		if f, ok := find(o, since); ok {
			out = append(out, f)
		}
	}
	return out
}

func participationFinding(o results.OrgDashboard) Finding {
	part := insight.Participation(o.View.Submitted, o.View.Invited)
	f := Finding{Key: "participation", Heading: "Participation", Big: pct(part),
		Text: fmt.Sprintf("%d of %d invited people answered %s.", o.View.Submitted, o.View.Invited, o.Snapshot.Title)}
	if o.Compare != nil {
		if was := insight.Participation(o.CompareView.Submitted, o.CompareView.Invited); was.OK && part.OK {
			f.Text += fmt.Sprintf(" That is %s from %s in %s.", change(part.Value-was.Value, "point"), pct(was), o.Compare.Title)
		}
	}
	return f
}

func overallFinding(o results.OrgDashboard, since string) (Finding, bool) {
	if o.Overall == nil || !o.Overall.Score.OK {
		return Finding{}, false
	}
	f := Finding{Key: "overall", Heading: "Overall satisfaction", Big: pct(o.Overall.Score),
		Text: fmt.Sprintf("%s of answers to the overall satisfaction question are favorable.", pct(o.Overall.Score))}
	if d := o.Overall.Delta; d.OK {
		f.Text += fmt.Sprintf(" That is %s%s, %s.", change(d.Points, "point"), since, significance(d))
	}
	return f, true
}

// orgMovers keeps the organisation-level movers (those without a team).
func orgMovers(ms []results.Mover) []results.Mover {
	var out []results.Mover
	for _, m := range ms {
		if m.Team == "" {
			out = append(out, m)
		}
	}
	return out
}

func prioritiesFinding(o results.OrgDashboard, _ string) (Finding, bool) {
	if len(o.Priorities) == 0 || !o.Priorities[0].Priority.OK {
		return Finding{}, false
	}
	f := Finding{Key: "priorities", Heading: "What developers want fixed first", Big: o.Priorities[0].Name,
		Text: "Share of respondents who picked each driver among the three they most want improved."}
	for _, p := range o.Priorities[:min(3, len(o.Priorities))] {
		f.Items = append(f.Items, fmt.Sprintf("%s: %s", p.Name, pct(p.Priority)))
	}
	return f, true
}

func benchmarkFinding(o results.OrgDashboard, _ string) (Finding, bool) {
	gaps := benchmarkGaps(o)
	if len(gaps) == 0 {
		return Finding{}, false
	}
	return Finding{Key: "benchmarks", Heading: "Below the benchmark", Big: fmt.Sprint(len(gaps)),
		Text: "Drivers whose score is below the benchmark median (" + benchmarkSource(o) + ").", Items: gaps}, true
}

// recognitionFinding names the teams with the largest significant
// improvements on a driver.
func recognitionFinding(o results.OrgDashboard, since string) (Finding, bool) {
	var teams []results.Mover
	for _, m := range o.Up {
		if m.Team != "" && len(teams) < 3 {
			teams = append(teams, m)
		}
	}
	if len(teams) == 0 {
		return Finding{}, false
	}
	f := Finding{Key: "recognition", Heading: "Teams to recognise", Big: teamName(teams[0].Team),
		Text: "The largest significant improvements of a team on a driver" + since + "."}
	for _, m := range teams {
		f.Items = append(f.Items, fmt.Sprintf("%s: %s %s to %s", teamName(m.Team), m.Driver, change(m.Delta.Points, "point"), pct(m.Score)))
	}
	return f, true
}

func aiFinding(o results.OrgDashboard, _ string) (Finding, bool) {
	c := o.AITime
	if !c.OK {
		return Finding{}, false
	}
	return Finding{Key: "ai", Heading: "Time saved by AI assistants", Big: fmt.Sprintf("%.1f engineers", c.EngineersShown),
		Text: fmt.Sprintf("%d people reported saving %s hours a week in all: %.1f full-time engineers of capacity. Over all %d people invited, at the same average, that is about %.1f engineers.",
			c.Answered, trimFloat(c.Hours), c.EngineersShown, c.Invited, c.ExtrapolatedShown)}, true
}

func movers(key, heading string, ms []results.Mover, since, none string) Finding {
	f := Finding{Key: key, Heading: heading}
	if len(ms) == 0 {
		f.Text = none
		return f
	}
	f.Big = fmt.Sprintf("%s %s", ms[0].Driver, signedPoints(ms[0].Delta.Points))
	f.Text = "Significant changes of the organisation's driver scores" + since + "."
	for _, m := range ms[:min(3, len(ms))] {
		f.Items = append(f.Items, fmt.Sprintf("%s: %s to %s", m.Driver, change(m.Delta.Points, "point"), pct(m.Score)))
	}
	return f
}

// benchmarkGaps lists drivers below the external benchmark's median,
// largest gap first.
func benchmarkGaps(o results.OrgDashboard) []string {
	type gap struct {
		text string
		by   int
	}
	var gaps []gap
	for _, d := range o.Drivers {
		b, ok := o.Benchmarks[d.Key]
		if !ok || !b.OK || !d.Score.OK || d.Score.Value >= b.Percentiles.P50 {
			continue
		}
		gaps = append(gaps, gap{fmt.Sprintf("%s: %s against a median of %d (%s)", d.Name, pct(d.Score), b.Percentiles.P50, b.Band), b.Percentiles.P50 - d.Score.Value})
	}
	for i := 1; i < len(gaps); i++ {
		for j := i; j > 0 && gaps[j].by > gaps[j-1].by; j-- {
			gaps[j], gaps[j-1] = gaps[j-1], gaps[j]
		}
	}
	var out []string
	for _, g := range gaps[:min(3, len(gaps))] {
		out = append(out, g.text)
	}
	return out
}

func benchmarkSource(o results.OrgDashboard) string {
	for _, b := range o.Benchmarks {
		if b.OK {
			return b.Source
		}
	}
	return ""
}

func teamName(path string) string {
	if i := strings.LastIndex(path, "/"); i >= 0 {
		return path[i+1:]
	}
	return path
}

func pct(s insight.Score) string { return s.Percent() }

func signedPoints(n int) string { return insight.Signed(n) }

// change words a change in points: "up 4 points", "down 1 point", "unchanged".
func change(n int, unit string) string {
	plural := func(n int) string {
		if n == 1 {
			return unit
		}
		return unit + "s"
	}
	switch {
	case n > 0:
		return fmt.Sprintf("up %d %s", n, plural(n))
	case n < 0:
		return fmt.Sprintf("down %d %s", -n, plural(-n))
	}
	return "unchanged"
}

func significance(d insight.Delta) string {
	if d.Significant {
		return "a significant change"
	}
	return "within what chance could explain"
}

func trimFloat(f float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.1f", f), "0"), ".")
}
