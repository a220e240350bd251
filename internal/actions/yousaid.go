package actions

import (
	"context"
	"strings"
	"time"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/insight"
	"github.com/devpulse/devpulse/internal/readout"
	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/internal/survey"
)

// Said is one driver people flagged in a snapshot, beside what was done
// about it.
type Said struct {
	Key, Name string
	// What is what people said, in words from the org dashboard's numbers:
	// "declined −8 points to 54%", "a top priority for 41%".
	What []string
	// Actions are those linked to the driver, set after the snapshot closed.
	Actions []Action
}

// Flagged is the organisation's drivers people flagged in o's snapshot:
// its significant declines (largest first) and its three top priorities,
// with the numbers exactly as the org dashboard shows them, so groups
// under k and hidden cells flag nothing.
func Flagged(l *i18n.Localizer, o results.OrgDashboard) []Said {
	var out []Said
	add := func(key, name, what string) {
		for i := range out {
			if out[i].Key == key {
				out[i].What = append(out[i].What, what)
				return
			}
		}
		out = append(out, Said{Key: key, Name: name, What: []string{what}})
	}
	for _, m := range o.Down {
		if m.Team == "" && m.Delta.OK && m.Delta.Significant {
			add(m.Key, m.Driver, l.T("readout.said.declined", "Points", insight.Signed(m.Delta.Points), "Score", m.Score.Percent()))
		}
	}
	for _, p := range o.Priorities[:min(3, len(o.Priorities))] {
		if p.Priority.OK && p.Priority.Value > 0 {
			add(p.Key, p.Name, l.T("readout.said.priority", "Share", p.Priority.Percent()))
		}
	}
	return out
}

// YouSaidWeDid places the actions beside what people said in o's
// snapshot: each flagged driver with the actions linked to it that were
// set after the snapshot closed and before next (the snapshot after it,
// nil for none) closed. A driver without actions is one nobody acted on.
func YouSaidWeDid(l *i18n.Localizer, o results.OrgDashboard, next *survey.Snapshot, as []Action) []Said {
	said := Flagged(l, o)
	from, until := closed(&o.Snapshot), closed(next)
	for i := range said {
		for _, a := range as {
			if a.Linked(said[i].Key) && !a.CreatedAt.Before(from) && (until.IsZero() || a.CreatedAt.Before(until)) {
				said[i].Actions = append(said[i].Actions, a)
			}
		}
	}
	return said
}

// closed is when a snapshot closed: its close time, zero for none.
func closed(s *survey.Snapshot) time.Time {
	switch {
	case s == nil:
		return time.Time{}
	case s.ClosedAt != nil:
		return *s.ClosedAt
	case s.ClosesAt != nil:
		return *s.ClosesAt
	}
	return time.Time{}
}

// Line is an action in one line, for emails and the survey introduction:
// "Split the CI suite (Eng/Platform): In progress" or, for a won't do,
// with its reason.
func (a Action) Line(l *i18n.Localizer) string {
	scope := a.TeamPath
	if a.IsOrg() {
		scope = l.T("readout.action.org")
	}
	s := l.T("readout.action.line", "Title", a.Title, "Scope", scope, "Status", l.T("readout.action.status."+string(a.Status)))
	if a.Status == WontDo {
		s = l.T("readout.action.because", "Line", s, "Reason", strings.TrimSuffix(a.Reason, "."))
	}
	return s
}

// Finding is "you said, we did" as a finding for the voice-of-the-developer
// email: one item per flagged driver.
func Finding(l *i18n.Localizer, said []Said) (readout.Finding, bool) {
	f := readout.Finding{Key: "you_said_we_did", Heading: l.T("readout.said.heading"),
		Text: l.T("readout.said.text")}
	for _, s := range said {
		f.Items = append(f.Items, s.Sentence(l))
	}
	return f, len(f.Items) > 0
}

// Sentence is what people said about a driver and what was done, in one
// sentence.
func (s Said) Sentence(l *i18n.Localizer) string {
	done := l.T("readout.said.no_action")
	if len(s.Actions) > 0 {
		lines := make([]string, len(s.Actions))
		for i, a := range s.Actions {
			lines[i] = a.Line(l)
		}
		done = strings.Join(lines, "; ")
	}
	return l.T("readout.said.sentence", "Driver", s.Name, "What", strings.Join(s.What, "; "), "Done", done)
}

// OrgReader reads an org dashboard (results.Store.Org).
type OrgReader func(ctx context.Context, q results.OrgQuery) (results.OrgDashboard, error)

// Findings is "you said, we did" for the voice-of-the-developer email and
// the readout of o: what people flagged in the snapshot o compares with,
// and the actions of the organisation and of every team on those drivers
// until o's snapshot closed. read is how the earlier snapshot's numbers
// are read, never recomputed.
func (s *Service) Findings(read OrgReader) func(ctx context.Context, o results.OrgDashboard) ([]readout.Finding, error) {
	return func(ctx context.Context, o results.OrgDashboard) ([]readout.Finding, error) {
		if o.Compare == nil {
			return nil, nil
		}
		before, err := read(ctx, results.OrgQuery{SnapshotID: o.Compare.ID})
		if err != nil || !before.View.IsShown() {
			return nil, err
		}
		as, err := s.List(ctx, Filter{})
		if err != nil {
			return nil, err
		}
		l := i18n.From(ctx)
		f, ok := Finding(l, YouSaidWeDid(l, before, &o.Snapshot, as))
		if !ok {
			return nil, nil
		}
		f.Text = l.T("readout.said.text_between", "Before", o.Compare.Title, "After", o.Snapshot.Title)
		return []readout.Finding{f}, nil
	}
}
