package announce

import (
	"fmt"
	"strings"

	"github.com/devpulse/devpulse/internal/insight"
	"github.com/devpulse/devpulse/internal/readout"
	"github.com/devpulse/devpulse/internal/results"
)

// orgFacts are the organisation's numbers as the channel message and the
// email word them. Placeholders fill them when there are no numbers yet.
type orgFacts struct {
	Title string
	// Shown is false when the organisation holds fewer than K responses.
	Shown         bool
	K             int
	Participation string // "93% (26 of 28)"
	Overall       string // "70% (+4 since 2026 Q2)"; "" when not asked
	HasCompare    bool
	Improvement   string // "" when none was significant
	Decline       string
	Priority      string // "" when no priority question
	Findings      []readout.Finding
	Recognition   readout.Finding
	ReadoutURL    string
}

// facts words an org dashboard.
func (a *Announcer) facts(o results.OrgDashboard) orgFacts {
	f := orgFacts{Title: o.Snapshot.Title, Shown: o.View.IsShown(), K: o.K, HasCompare: o.Compare != nil,
		ReadoutURL: fmt.Sprintf("%s/org/readout?snapshot=%d", a.set.BaseURL, o.Snapshot.ID)}
	f.Participation = fmt.Sprintf("%s (%d of %d)", pct(insight.Participation(o.View.Submitted, o.View.Invited)), o.View.Submitted, o.View.Invited)
	f.Recognition = readout.Finding{Key: "recognition", Heading: "Teams to recognise"}
	switch {
	case o.Compare != nil:
		f.Recognition.Text = "No team improved significantly on a driver since " + o.Compare.Title + "."
	default:
		f.Recognition.Text = "There is no earlier snapshot to compare with yet."
	}
	for _, fd := range readout.Summary(o) {
		if fd.Key == "recognition" {
			f.Recognition = fd
			continue
		}
		f.Findings = append(f.Findings, fd)
	}
	if !f.Shown {
		return f
	}
	if o.Overall != nil && o.Overall.Score.OK {
		f.Overall = pct(o.Overall.Score)
		if d := o.Overall.Delta; d.OK && o.Compare != nil {
			f.Overall += fmt.Sprintf(" (%s since %s)", signed(d.Points), o.Compare.Title)
		}
	}
	if m, ok := orgMover(o.Up); ok {
		f.Improvement = fmt.Sprintf("%s %s to %s", m.Driver, signed(m.Delta.Points), pct(m.Score))
	}
	if m, ok := orgMover(o.Down); ok {
		f.Decline = fmt.Sprintf("%s %s to %s", m.Driver, signed(m.Delta.Points), pct(m.Score))
	}
	if len(o.Priorities) > 0 && o.Priorities[0].Priority.OK {
		p := o.Priorities[0]
		f.Priority = fmt.Sprintf("%s (picked by %s)", p.Name, pct(p.Priority))
	}
	return f
}

// orgMover is the largest significant change of an organisation driver.
func orgMover(ms []results.Mover) (results.Mover, bool) {
	for _, m := range ms {
		if m.Team == "" {
			return m, true
		}
	}
	return results.Mover{}, false
}

// placeholderFacts show the messages' layout when no snapshot has closed.
func (a *Announcer) placeholderFacts(title string, snapshotID int64) orgFacts {
	return orgFacts{Title: title, Shown: true, K: a.results.K(), HasCompare: true,
		ReadoutURL:    fmt.Sprintf("%s/org/readout?snapshot=%d", a.set.BaseURL, snapshotID),
		Participation: "X% (N of M)", Overall: "S% (±d since the previous snapshot)",
		Improvement: "[driver] +d to S%", Decline: "[driver] −d to S%", Priority: "[driver] (picked by P%)",
		Findings: []readout.Finding{
			{Key: "participation", Heading: "Participation", Big: "X%", Text: "N of M invited people answered " + title + "."},
			{Key: "overall", Heading: "Overall satisfaction", Big: "S%", Text: "S% of answers to the overall satisfaction question are favorable."},
			{Key: "improvements", Heading: "Biggest improvements", Big: "[driver] +d", Items: []string{"[driver]: up d points to S%"}},
			{Key: "declines", Heading: "Biggest declines", Big: "[driver] −d", Items: []string{"[driver]: down d points to S%"}},
			{Key: "priorities", Heading: "What developers want fixed first", Big: "[driver]", Items: []string{"[driver]: P%"}},
		},
		Recognition: readout.Finding{Key: "recognition", Heading: "Teams to recognise", Big: "[team]",
			Text: "The largest significant improvements of a team on a driver.", Items: []string{"[team]: [driver] up d points to S%"}},
	}
}

// channelText is the results message for the channel, in Slack mrkdwn.
func channelText(f orgFacts) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Results of *%s* are in: participation %s", esc(f.Title), esc(f.Participation))
	if !f.Shown {
		fmt.Fprintf(&b, ". Fewer than %d people answered, so no scores are shown.", f.K)
	} else {
		if f.Overall != "" {
			fmt.Fprintf(&b, ", overall satisfaction %s", esc(f.Overall))
		}
		if f.HasCompare {
			fmt.Fprintf(&b, "; biggest improvement: %s; biggest decline: %s", esc(orNone(f.Improvement)), esc(orNone(f.Decline)))
		}
		if f.Priority != "" {
			fmt.Fprintf(&b, "; top priority: %s", esc(f.Priority))
		}
		b.WriteString(".")
	}
	fmt.Fprintf(&b, " <%s|Read the readout>", f.ReadoutURL)
	return b.String()
}

func orNone(s string) string {
	if s == "" {
		return "none significant"
	}
	return s
}

// teamLine is one team of a lead's direct message.
type teamLine struct {
	Path string
	URL  string
	// Overall is the overall score ("" when not asked), Responses the
	// group's responses; both only for a shown group.
	Shown     bool
	Hidden    results.Hidden
	Overall   string
	Responses string
}

func (a *Announcer) teamLines(l lead) []teamLine {
	var out []teamLine
	for _, d := range l.Teams {
		t := teamLine{Path: d.Team.Path, Shown: d.View.IsShown(), Hidden: d.View.Hidden,
			URL: fmt.Sprintf("%s/teams/%d?snapshot=%d", a.set.BaseURL, d.Team.ID, d.Snapshot.ID)}
		if t.Shown {
			t.Responses = fmt.Sprint(d.View.Responses)
			if d.Overall != nil && d.Overall.Score.OK {
				t.Overall = pct(d.Overall.Score)
			}
		}
		out = append(out, t)
	}
	return out
}

// leadMessage is a lead's direct message: a link to each team's
// dashboard, with its overall score and responses only when the team is
// shown.
func leadMessage(name, title string, k int, teams []teamLine) string {
	var b strings.Builder
	whose := "team's"
	if len(teams) > 1 {
		whose = "teams'"
	}
	fmt.Fprintf(&b, "Hi %s, your %s results for *%s* are ready:", esc(name), whose, esc(title))
	for _, t := range teams {
		fmt.Fprintf(&b, "\n• <%s|%s>: ", t.URL, esc(t.Path))
		switch {
		case t.Shown && t.Overall != "":
			fmt.Fprintf(&b, "overall satisfaction %s from %s responses.", t.Overall, t.Responses)
		case t.Shown:
			fmt.Fprintf(&b, "%s responses.", t.Responses)
		case t.Hidden == results.Complementary:
			b.WriteString("only counts are shown, to protect a smaller group's answers.")
		default:
			fmt.Fprintf(&b, "fewer than %d responses, so only counts are shown.", k)
		}
	}
	return b.String()
}

// esc escapes the characters Slack mrkdwn treats as control characters.
func esc(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

func pct(s insight.Score) string { return s.Percent() }

func signed(n int) string { return insight.Signed(n) }
