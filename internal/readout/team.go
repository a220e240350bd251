package readout

import (
	"cmp"
	"slices"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/insight"
	"github.com/devpulse/devpulse/internal/results"
)

// Keys of a team's findings (see Team).
const (
	KeyHeadline      = "overall"
	KeyStrengths     = "strengths"
	KeyOpportunities = "opportunities"
)

// topN caps each kind of item a team finding lists: a lead reads the page
// in a minute, so three of a kind is enough.
const topN = 3

// highPriority is the priority share from which a driver is named as one
// the team wants improved: a quarter of respondents picking it among
// their three is a clear signal, below that it is one voice among many.
const highPriority = 25

// Team writes what a team dashboard says first: a headline on overall
// satisfaction, then the team's strengths and its opportunities, worded
// in l's language from the dashboard's numbers, which have already passed
// the confidentiality rules. A group that is not shown gets no findings:
// the page says why instead. Driver names are the dashboard's own (the
// caller gives them in the reader's language).
func Team(l *i18n.Localizer, d results.Dashboard) []Finding {
	if len(d.Snapshots) == 0 || !d.View.IsShown() {
		return nil
	}
	since := Since(l, d)
	var out []Finding
	if d.Overall != nil {
		if f, ok := Headline(l, *d.Overall, since); ok {
			out = append(out, f)
		}
	}
	return append(out, strengths(l, d.Drivers, since), opportunities(l, d.Drivers, since))
}

// Since is " since TITLE" of the snapshot a dashboard compares with, or ""
// when it compares with none.
func Since(l *i18n.Localizer, d results.Dashboard) string {
	if d.Previous == nil {
		return ""
	}
	return l.T("teams.readout.since", "Title", d.Previous.Title)
}

// Headline words one driver's (or overall satisfaction's) score: "Overall
// satisfaction 44, down 18 points since 2026 Q2, a real change." and where
// it stands against the organisation. ok is false when it has no score.
func Headline(l *i18n.Localizer, r results.DriverRow, since string) (Finding, bool) {
	if !r.Score.OK {
		return Finding{}, false
	}
	var text string
	if r.Delta.OK {
		text = l.T("teams.readout.headline.change", "Name", r.Name, "Score", r.Score.Value,
			"Change", teamChange(l, r.Delta.Points), "Since", since, "Real", RealChange(l, r.Delta))
	} else {
		text = l.T("teams.readout.headline", "Name", r.Name, "Score", r.Score.Value)
	}
	if r.Org.OK {
		text += l.T("teams.readout.headline.org", "Against", againstOrg(l, r.Score, r.Org))
	}
	return Finding{Key: KeyHeadline, Heading: r.Name, Big: r.Score.String(), Text: text}, true
}

// RealChange words a delta's significance as a lead reads it: the
// two-proportion z-test of insight.Compare either finds a real change or
// leaves it within the noise of this many answers.
func RealChange(l *i18n.Localizer, d insight.Delta) string {
	if d.Significant {
		return l.T("teams.readout.real")
	}
	return l.T("teams.readout.noise")
}

// strengths lists the drivers that improved significantly, then those
// scoring furthest above the organisation (the highest scores when the
// organisation shows none).
func strengths(l *i18n.Localizer, rows []results.DriverRow, since string) Finding {
	f := Finding{Key: KeyStrengths, Heading: l.T("teams.readout.strengths")}
	seen := map[string]bool{}
	for _, r := range moved(rows, 1) {
		f.Items = append(f.Items, movedText(l, r, since))
		seen[r.Key] = true
	}
	for _, r := range ranked(rows, 1) {
		if !seen[r.Key] {
			f.Items = append(f.Items, standingText(l, r, 1))
		}
	}
	if len(f.Items) == 0 {
		f.Text = l.T("teams.readout.strengths.none", "Since", since)
	}
	return f
}

// opportunities lists the drivers that declined significantly, those
// scoring furthest below the organisation (the lowest scores when the
// organisation shows none), and those many respondents want improved.
func opportunities(l *i18n.Localizer, rows []results.DriverRow, since string) Finding {
	f := Finding{Key: KeyOpportunities, Heading: l.T("teams.readout.opportunities")}
	at := map[string]int{} // driver key -> its item
	for _, r := range moved(rows, -1) {
		at[r.Key] = len(f.Items)
		f.Items = append(f.Items, movedText(l, r, since))
	}
	for _, r := range ranked(rows, -1) {
		if _, ok := at[r.Key]; !ok {
			at[r.Key] = len(f.Items)
			f.Items = append(f.Items, standingText(l, r, -1))
		}
	}
	// A driver already listed gets its priority share in the same item, so
	// the list names each driver once.
	for _, r := range wanted(rows) {
		if i, ok := at[r.Key]; ok {
			f.Items[i] = l.T("teams.readout.wanted.also", "Item", f.Items[i], "Share", r.Priority.Percent())
			continue
		}
		f.Items = append(f.Items, l.T("teams.readout.wanted", "Name", r.Name, "Share", r.Priority.Percent()))
	}
	if len(f.Items) == 0 {
		f.Text = l.T("teams.readout.opportunities.none", "Since", since)
	}
	return f
}

// moved keeps the significant changes in one direction (1 up, -1 down),
// largest first.
func moved(rows []results.DriverRow, dir int) []results.DriverRow {
	var out []results.DriverRow
	for _, r := range rows {
		if r.Delta.OK && r.Delta.Significant && r.Delta.Points*dir > 0 {
			out = append(out, r)
		}
	}
	slices.SortStableFunc(out, func(a, b results.DriverRow) int {
		return cmp.Compare(b.Delta.Points*dir, a.Delta.Points*dir)
	})
	return out[:min(topN, len(out))]
}

// ranked keeps the drivers furthest above (dir 1) or below (dir -1) the
// organisation, largest gap first. When no driver has an organisation
// score to compare with, it compares with the team's own average score
// instead, so a driver is never both a strength and an opportunity.
func ranked(rows []results.DriverRow, dir int) []results.DriverRow {
	withOrg, sum, n := false, 0, 0
	for _, r := range rows {
		if r.Score.OK {
			withOrg = withOrg || r.Org.OK
			sum, n = sum+r.Score.Value, n+1
		}
	}
	gap := func(r results.DriverRow) int {
		if withOrg {
			return (r.Score.Value - r.Org.Value) * dir
		}
		return (r.Score.Value*n - sum) * dir // against the average, scaled by n
	}
	var out []results.DriverRow
	for _, r := range rows {
		if r.Score.OK && (r.Org.OK || !withOrg) && gap(r) > 0 {
			out = append(out, r)
		}
	}
	slices.SortStableFunc(out, func(a, b results.DriverRow) int { return cmp.Compare(gap(b), gap(a)) })
	return out[:min(topN, len(out))]
}

// wanted keeps the drivers with a high priority share, highest first.
func wanted(rows []results.DriverRow) []results.DriverRow {
	var out []results.DriverRow
	for _, r := range rows {
		if r.Priority.OK && r.Priority.Value >= highPriority {
			out = append(out, r)
		}
	}
	slices.SortStableFunc(out, func(a, b results.DriverRow) int { return cmp.Compare(b.Priority.Value, a.Priority.Value) })
	return out[:min(topN, len(out))]
}

func movedText(l *i18n.Localizer, r results.DriverRow, since string) string {
	return l.T("teams.readout.moved", "Name", r.Name, "Change", teamChange(l, r.Delta.Points), "Score", r.Score.Value,
		"Since", since, "Real", RealChange(l, r.Delta))
}

// standingText words where a driver stands: against the organisation, or
// (dir 1 or -1) among the team's own scores when there is no organisation
// score to compare with.
func standingText(l *i18n.Localizer, r results.DriverRow, dir int) string {
	switch {
	case r.Org.OK:
		return l.T("teams.readout.standing", "Name", r.Name, "Score", r.Score.Value, "Against", againstOrg(l, r.Score, r.Org))
	case dir > 0:
		return l.T("teams.readout.highest", "Name", r.Name, "Score", r.Score.Value)
	}
	return l.T("teams.readout.lowest", "Name", r.Name, "Score", r.Score.Value)
}

// againstOrg words a score against the organisation's: "14 points above
// the organisation (68)".
func againstOrg(l *i18n.Localizer, s, org insight.Score) string {
	n := s.Value - org.Value
	switch {
	case n > 0:
		return l.T("teams.readout.above", "Count", n, "Org", org.Value)
	case n < 0:
		return l.T("teams.readout.below", "Count", -n, "Org", org.Value)
	}
	return l.T("teams.readout.level", "Org", org.Value)
}

// teamChange words a change in points: "up 4 points", "down 1 point",
// "unchanged".
func teamChange(l *i18n.Localizer, n int) string {
	switch {
	case n > 0:
		return l.T("teams.readout.up", "Count", n)
	case n < 0:
		return l.T("teams.readout.down", "Count", -n)
	}
	return l.T("teams.readout.unchanged")
}
