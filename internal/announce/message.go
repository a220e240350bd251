package announce

import (
	"fmt"
	"strings"

	"github.com/devpulse/devpulse/internal/i18n"
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

// facts words an org dashboard in l's language.
func (a *Announcer) facts(l *i18n.Localizer, o results.OrgDashboard) orgFacts {
	f := orgFacts{Title: o.Snapshot.Title, Shown: o.View.IsShown(), K: o.K, HasCompare: o.Compare != nil,
		ReadoutURL: fmt.Sprintf("%s/org/readout?snapshot=%d", a.set.BaseURL, o.Snapshot.ID)}
	f.Participation = l.T("readout.facts.participation", "Share", pct(insight.Participation(o.View.Submitted, o.View.Invited)),
		"Submitted", l.Number(o.View.Submitted), "Invited", l.Number(o.View.Invited))
	f.Recognition = readout.Finding{Key: "recognition", Heading: l.T("readout.recognition.heading")}
	switch {
	case o.Compare != nil:
		f.Recognition.Text = l.T("readout.recognition.none", "Title", o.Compare.Title)
	default:
		f.Recognition.Text = l.T("readout.recognition.first")
	}
	for _, fd := range readout.Summary(l, o) {
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
			f.Overall = l.T("readout.facts.overall", "Score", f.Overall, "Change", signed(d.Points), "Title", o.Compare.Title)
		}
	}
	if m, ok := orgMover(o.Up); ok {
		f.Improvement = l.T("readout.facts.mover", "Driver", m.Driver, "Change", signed(m.Delta.Points), "Score", pct(m.Score))
	}
	if m, ok := orgMover(o.Down); ok {
		f.Decline = l.T("readout.facts.mover", "Driver", m.Driver, "Change", signed(m.Delta.Points), "Score", pct(m.Score))
	}
	if len(o.Priorities) > 0 && o.Priorities[0].Priority.OK {
		p := o.Priorities[0]
		f.Priority = l.T("readout.facts.priority", "Driver", p.Name, "Share", pct(p.Priority))
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
func (a *Announcer) placeholderFacts(l *i18n.Localizer, title string, snapshotID int64) orgFacts {
	t := func(id string) string { return l.T("readout.placeholder."+id, "Title", title) }
	return orgFacts{Title: title, Shown: true, K: a.results.K(), HasCompare: true,
		ReadoutURL:    fmt.Sprintf("%s/org/readout?snapshot=%d", a.set.BaseURL, snapshotID),
		Participation: t("participation"), Overall: t("overall"),
		Improvement: t("improvement"), Decline: t("decline"), Priority: t("priority"),
		Findings: []readout.Finding{
			{Key: "participation", Heading: l.T("readout.participation.heading"), Big: "X%", Text: t("participation.text")},
			{Key: "overall", Heading: l.T("readout.overall.heading"), Big: "S%", Text: t("overall.text")},
			{Key: "improvements", Heading: l.T("readout.improvements.heading"), Big: t("driver") + " +d", Items: []string{t("improvements.item")}},
			{Key: "declines", Heading: l.T("readout.declines.heading"), Big: t("driver") + " −d", Items: []string{t("declines.item")}},
			{Key: "priorities", Heading: l.T("readout.priorities.heading"), Big: t("driver"), Items: []string{t("priorities.item")}},
		},
		Recognition: readout.Finding{Key: "recognition", Heading: l.T("readout.recognition.heading"), Big: t("team"),
			Text: l.T("readout.recognition.text", "Since", ""), Items: []string{t("recognition.item")}},
	}
}

// channelText is the results message for the channel, in Slack mrkdwn.
func channelText(l *i18n.Localizer, f orgFacts) string {
	var b strings.Builder
	b.WriteString(l.T("readout.slack.results", "Title", esc(f.Title), "Participation", esc(f.Participation)))
	if !f.Shown {
		b.WriteString(l.T("readout.slack.hidden", "K", f.K))
	} else {
		if f.Overall != "" {
			b.WriteString(l.T("readout.slack.overall", "Overall", esc(f.Overall)))
		}
		if f.HasCompare {
			b.WriteString(l.T("readout.slack.movers", "Up", esc(orNone(l, f.Improvement)), "Down", esc(orNone(l, f.Decline))))
		}
		if f.Priority != "" {
			b.WriteString(l.T("readout.slack.priority", "Priority", esc(f.Priority)))
		}
		b.WriteString(".")
	}
	fmt.Fprintf(&b, " <%s|%s>", f.ReadoutURL, l.T("readout.slack.read"))
	return b.String()
}

func orNone(l *i18n.Localizer, s string) string {
	if s == "" {
		return l.T("readout.slack.none")
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

func (a *Announcer) teamLines(loc *i18n.Localizer, l lead) []teamLine {
	var out []teamLine
	for _, d := range l.Teams {
		t := teamLine{Path: d.Team.Path, Shown: d.View.IsShown(), Hidden: d.View.Hidden,
			URL: fmt.Sprintf("%s/teams/%d?snapshot=%d", a.set.BaseURL, d.Team.ID, d.Snapshot.ID)}
		if t.Shown {
			t.Responses = loc.Number(d.View.Responses)
			if d.Overall != nil && d.Overall.Score.OK {
				t.Overall = pct(d.Overall.Score)
			}
		}
		out = append(out, t)
	}
	return out
}

// leadMessage is a lead's direct message in l's language: a link to each
// team's dashboard, with its overall score and responses only when the
// team is shown.
func leadMessage(l *i18n.Localizer, name, title string, k int, teams []teamLine) string {
	var b strings.Builder
	b.WriteString(l.T("readout.lead.hi", "Count", len(teams), "Name", esc(name), "Title", esc(title)))
	for _, t := range teams {
		fmt.Fprintf(&b, "\n• <%s|%s>: ", t.URL, esc(t.Path))
		switch {
		case t.Shown && t.Overall != "":
			b.WriteString(l.T("readout.lead.overall", "Overall", t.Overall, "Responses", t.Responses))
		case t.Shown:
			b.WriteString(l.T("readout.lead.responses", "Responses", t.Responses))
		case t.Hidden == results.Complementary:
			b.WriteString(l.T("readout.lead.complementary"))
		default:
			b.WriteString(l.T("readout.lead.too_few", "K", k))
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
