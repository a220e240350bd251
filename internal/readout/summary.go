// Package readout writes the words of the executive summary: each finding
// of the org readout, the present mode and the voice-of-the-developer email,
// worded from an org dashboard's numbers (internal/results) and inventing
// nothing.
package readout

import (
	"fmt"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"

	"github.com/devpulse/devpulse/internal/i18n"
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

// Summary writes the executive summary of an org dashboard in l's
// language: participation and its change, the overall score and its
// change, the three biggest significant improvements and declines, the
// top priorities, the gaps to the benchmark, teams to recognise (their
// largest significant improvements), and AI capacity. It invents nothing:
// a finding without numbers behind it says so or is left out.
func Summary(l *i18n.Localizer, o results.OrgDashboard) []Finding {
	since := ""
	if o.Compare != nil {
		since = l.T("readout.since", "Title", o.Compare.Title)
	}
	out := []Finding{participationFinding(l, o)}
	if !o.View.IsShown() {
		return append(out, Finding{Key: "overall", Heading: l.T("readout.results.heading"),
			Text: l.T("readout.results.hidden", "K", o.K)})
	}
	if f, ok := overallFinding(l, o, since); ok {
		out = append(out, f)
	}
	if o.Compare != nil {
		up, down := orgMovers(o.Up), orgMovers(o.Down)
		out = append(out, movers(l, "improvements", up, since))
		out = append(out, movers(l, "declines", down, since))
	}
	for _, find := range []func(*i18n.Localizer, results.OrgDashboard, string) (Finding, bool){prioritiesFinding, benchmarkFinding, recognitionFinding, aiFinding} {
		if f, ok := find(l, o, since); ok {
			out = append(out, f)
		}
	}
	return out
}

func participationFinding(l *i18n.Localizer, o results.OrgDashboard) Finding {
	part := insight.Participation(o.View.Submitted, o.View.Invited)
	f := Finding{Key: "participation", Heading: l.T("readout.participation.heading"), Big: pct(part),
		Text: l.T("readout.participation.text", "Submitted", l.Number(o.View.Submitted), "Invited", l.Number(o.View.Invited), "Title", o.Snapshot.Title)}
	if o.Compare != nil {
		if was := insight.Participation(o.CompareView.Submitted, o.CompareView.Invited); was.OK && part.OK {
			f.Text += l.T("readout.participation.change", "Change", Change(l, part.Value-was.Value), "Was", pct(was), "Title", o.Compare.Title)
		}
	}
	return f
}

func overallFinding(l *i18n.Localizer, o results.OrgDashboard, since string) (Finding, bool) {
	if o.Overall == nil || !o.Overall.Score.OK {
		return Finding{}, false
	}
	f := Finding{Key: "overall", Heading: l.T("readout.overall.heading"), Big: pct(o.Overall.Score),
		Text: l.T("readout.overall.text", "Score", pct(o.Overall.Score))}
	if d := o.Overall.Delta; d.OK {
		f.Text += l.T("readout.overall.change", "Change", Change(l, d.Points), "Since", since, "Significance", significance(l, d))
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

func prioritiesFinding(l *i18n.Localizer, o results.OrgDashboard, _ string) (Finding, bool) {
	if len(o.Priorities) == 0 || !o.Priorities[0].Priority.OK {
		return Finding{}, false
	}
	f := Finding{Key: "priorities", Heading: l.T("readout.priorities.heading"), Big: o.Priorities[0].Name,
		Text: l.T("readout.priorities.text")}
	for _, p := range o.Priorities[:min(3, len(o.Priorities))] {
		f.Items = append(f.Items, l.T("readout.priorities.item", "Driver", p.Name, "Share", pct(p.Priority)))
	}
	return f, true
}

func benchmarkFinding(l *i18n.Localizer, o results.OrgDashboard, _ string) (Finding, bool) {
	gaps := benchmarkGaps(l, o)
	if len(gaps) == 0 {
		return Finding{}, false
	}
	return Finding{Key: "benchmarks", Heading: l.T("readout.benchmarks.heading"), Big: l.Number(len(gaps)),
		Text: l.T("readout.benchmarks.text", "Source", benchmarkSource(o)), Items: gaps}, true
}

// recognitionFinding names the teams with the largest significant
// improvements on a driver.
func recognitionFinding(l *i18n.Localizer, o results.OrgDashboard, since string) (Finding, bool) {
	var teams []results.Mover
	for _, m := range o.Up {
		if m.Team != "" && len(teams) < 3 {
			teams = append(teams, m)
		}
	}
	if len(teams) == 0 {
		return Finding{}, false
	}
	f := Finding{Key: "recognition", Heading: l.T("readout.recognition.heading"), Big: teamName(teams[0].Team),
		Text: l.T("readout.recognition.text", "Since", since)}
	for _, m := range teams {
		f.Items = append(f.Items, l.T("readout.recognition.item", "Team", teamName(m.Team), "Driver", m.Driver,
			"Change", Change(l, m.Delta.Points), "Score", pct(m.Score)))
	}
	return f, true
}

func aiFinding(l *i18n.Localizer, o results.OrgDashboard, _ string) (Finding, bool) {
	c := o.AITime
	if !c.OK {
		return Finding{}, false
	}
	return Finding{Key: "ai", Heading: l.T("readout.ai.heading"), Big: l.T("readout.ai.big", "Engineers", OneDecimal(l, c.EngineersShown)),
		Text: l.T("readout.ai.text", "Answered", l.Number(c.Answered), "Hours", l.Decimal(c.Hours, 1),
			"Engineers", OneDecimal(l, c.EngineersShown), "Invited", l.Number(c.Invited), "Extrapolated", OneDecimal(l, c.ExtrapolatedShown))}, true
}

// movers words the organisation's significant changes in one direction
// (key improvements or declines).
func movers(l *i18n.Localizer, key string, ms []results.Mover, since string) Finding {
	f := Finding{Key: key, Heading: l.T("readout." + key + ".heading")}
	if len(ms) == 0 {
		f.Text = l.T("readout."+key+".none", "Since", since)
		return f
	}
	f.Big = fmt.Sprintf("%s %s", ms[0].Driver, signedPoints(ms[0].Delta.Points))
	f.Text = l.T("readout.movers.text", "Since", since)
	for _, m := range ms[:min(3, len(ms))] {
		f.Items = append(f.Items, l.T("readout.movers.item", "Driver", m.Driver, "Change", Change(l, m.Delta.Points), "Score", pct(m.Score)))
	}
	return f
}

// benchmarkGaps lists drivers below the external benchmark's median,
// largest gap first.
func benchmarkGaps(l *i18n.Localizer, o results.OrgDashboard) []string {
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
		text := l.T("readout.benchmarks.item", "Driver", d.Name, "Score", pct(d.Score), "Median", b.Percentiles.P50, "Band", b.Band)
		gaps = append(gaps, gap{text, b.Percentiles.P50 - d.Score.Value})
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

func significance(l *i18n.Localizer, d insight.Delta) string {
	if d.Significant {
		return l.T("readout.significant")
	}
	return l.T("readout.chance")
}

// Change words a change in points in l's language: "up 4 points", "down
// 1 point", "unchanged".
func Change(l *i18n.Localizer, n int) string {
	switch {
	case n > 0:
		return l.T("readout.change.up", "Count", n)
	case n < 0:
		return l.T("readout.change.down", "Count", -n)
	}
	return l.T("readout.change.none")
}

// OneDecimal writes a number with exactly one decimal in l's language
// ("2.5", "2,5"; "3.0" stays "3.0" so the figures line up).
func OneDecimal(l *i18n.Localizer, f float64) string {
	return message.NewPrinter(language.Make(l.Lang())).Sprint(number.Decimal(f, number.Scale(1)))
}
