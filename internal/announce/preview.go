package announce

import (
	"context"
	"fmt"

	"github.com/devpulse/devpulse/internal/notify"
	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/internal/survey"
)

// ChannelText is the channel's results message for a materialised snapshot.
func (a *Announcer) ChannelText(ctx context.Context, snapshotID int64) (string, error) {
	o, err := a.results.Org(ctx, results.OrgQuery{SnapshotID: snapshotID})
	if err != nil {
		return "", fmt.Errorf("announce: results of %d: %w", snapshotID, err)
	}
	return channelText(a.facts(o)), nil
}

// VoiceMail is the voice-of-the-developer email of a materialised
// snapshot, without a recipient.
func (a *Announcer) VoiceMail(ctx context.Context, snapshotID int64) (notify.Mail, error) {
	o, err := a.results.Org(ctx, results.OrgQuery{SnapshotID: snapshotID})
	if err != nil {
		return notify.Mail{}, fmt.Errorf("announce: results of %d: %w", snapshotID, err)
	}
	f := a.facts(o)
	if err := a.addFindings(ctx, o, &f); err != nil {
		return notify.Mail{}, err
	}
	return voiceMail(f)
}

func (a *Announcer) leadText(l lead) string {
	return leadMessage(l.Person.Name, l.Teams[0].Snapshot.Title, a.results.K(), a.teamLines(l))
}

// Preview is every announcement of a snapshot as it would be sent.
type Preview struct {
	Snapshot survey.Snapshot
	// Numbers is the snapshot whose results fill the messages: the
	// snapshot itself once materialised, else the latest closed one; nil
	// when none has closed (the messages then show placeholders).
	Numbers *survey.Snapshot
	// Channel is the configured channel; SlackOK and MailOK say whether
	// Slack and mail are set up.
	Channel     string
	SlackOK     bool
	MailOK      bool
	ChannelText string
	Leads       []LeadPreview
	VoiceTo     []string
	Voice       notify.Mail
}

// Own reports whether the messages use the snapshot's own numbers.
func (p Preview) Own() bool { return p.Numbers != nil && p.Numbers.ID == p.Snapshot.ID }

// LeadPreview is one lead's direct message; Skipped says why they get none.
type LeadPreview struct {
	Name        string
	SlackUserID string
	Text        string
	Skipped     string
}

// Preview renders a snapshot's announcements. Before it closes there are
// no numbers of its own, so the latest closed snapshot's fill them.
func (a *Announcer) Preview(ctx context.Context, snap survey.Snapshot) (Preview, error) {
	p := Preview{Snapshot: snap, Channel: a.set.Channel, SlackOK: a.slack.Configured(), MailOK: a.mailer.Configured(), VoiceTo: a.set.VoiceEmails}
	_, own, err := a.results.Materialised(ctx, snap.ID)
	if err != nil {
		return p, err
	}
	q := results.OrgQuery{}
	if own {
		q.SnapshotID = snap.ID
	}
	o, err := a.results.Org(ctx, q)
	if err != nil {
		return p, fmt.Errorf("announce: preview %d: %w", snap.ID, err)
	}
	if o.Snapshot.ID == 0 {
		return a.placeholderPreview(ctx, p)
	}
	numbers := o.Snapshot
	p.Numbers = &numbers
	f := a.facts(o)
	if err := a.addFindings(ctx, o, &f); err != nil {
		return p, err
	}
	p.ChannelText = channelText(f)
	if p.Voice, err = voiceMail(f); err != nil {
		return p, err
	}
	leads, err := a.leads(ctx, numbers.ID)
	if err != nil {
		return p, err
	}
	for _, l := range leads {
		lp := LeadPreview{Name: l.Person.Name, SlackUserID: l.Person.SlackUserID, Text: a.leadText(l)}
		if l.Person.SlackUserID == "" {
			lp.Skipped = "no Slack user ID"
		}
		p.Leads = append(p.Leads, lp)
	}
	return p, nil
}

// placeholderPreview shows the messages' layout without numbers.
func (a *Announcer) placeholderPreview(ctx context.Context, p Preview) (Preview, error) {
	f := a.placeholderFacts(p.Snapshot.Title, p.Snapshot.ID)
	p.ChannelText = channelText(f)
	var err error
	if p.Voice, err = voiceMail(f); err != nil {
		return p, err
	}
	grants, err := a.leadGrants(ctx)
	if err != nil {
		return p, err
	}
	for _, g := range grants {
		var lines []teamLine
		for _, t := range g.Teams {
			lines = append(lines, teamLine{Path: t.Path, Shown: true, Overall: "S%", Responses: "N",
				URL: fmt.Sprintf("%s/teams/%d?snapshot=%d", a.set.BaseURL, t.ID, p.Snapshot.ID)})
		}
		lp := LeadPreview{Name: g.Person.Name, SlackUserID: g.Person.SlackUserID, Text: leadMessage(g.Person.Name, p.Snapshot.Title, a.results.K(), lines)}
		if g.Person.SlackUserID == "" {
			lp.Skipped = "no Slack user ID"
		}
		p.Leads = append(p.Leads, lp)
	}
	return p, nil
}
