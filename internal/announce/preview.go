package announce

import (
	"context"
	"fmt"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/notify"
	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/internal/survey"
)

// ChannelText is the channel's results message for a materialised
// snapshot, in ctx's language (a channel has no language of its own, so
// the sender's context says: English from the job runner).
func (a *Announcer) ChannelText(ctx context.Context, snapshotID int64) (string, error) {
	o, err := a.results.Org(ctx, results.OrgQuery{SnapshotID: snapshotID})
	if err != nil {
		return "", fmt.Errorf("announce: results of %d: %w", snapshotID, err)
	}
	return channelText(i18n.From(ctx), a.facts(i18n.From(ctx), o)), nil
}

// VoiceMail is the voice-of-the-developer email of a materialised
// snapshot, without a recipient, in ctx's language (deliver sets the
// recipient's); the added findings read the language from ctx too.
func (a *Announcer) VoiceMail(ctx context.Context, snapshotID int64) (notify.Mail, error) {
	o, err := a.results.Org(ctx, results.OrgQuery{SnapshotID: snapshotID})
	if err != nil {
		return notify.Mail{}, fmt.Errorf("announce: results of %d: %w", snapshotID, err)
	}
	l := i18n.From(ctx)
	f := a.facts(l, o)
	if err := a.addFindings(ctx, o, &f); err != nil {
		return notify.Mail{}, err
	}
	return voiceMail(l, f)
}

// leadText is a lead's direct message, in the lead's own language.
func (a *Announcer) leadText(l lead) string {
	loc := i18n.For(l.Person.Language)
	return leadMessage(loc, l.Person.Name, l.Teams[0].Snapshot.Title, a.results.K(), a.teamLines(loc, l))
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
// no numbers of its own, so the latest closed snapshot's fill them. Each
// lead's message is in the lead's language and the channel's in English,
// as they are sent; the email, whose recipients each get their own, is in
// the reader's language (ctx).
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
	l := i18n.From(ctx)
	f := a.facts(l, o)
	if err := a.addFindings(ctx, o, &f); err != nil {
		return p, err
	}
	en := i18n.For(i18n.English)
	p.ChannelText = channelText(en, a.facts(en, o))
	if p.Voice, err = voiceMail(l, f); err != nil {
		return p, err
	}
	leads, err := a.leads(ctx, numbers.ID)
	if err != nil {
		return p, err
	}
	for _, l := range leads {
		lp := LeadPreview{Name: l.Person.Name, SlackUserID: l.Person.SlackUserID, Text: a.leadText(l)}
		if l.Person.SlackUserID == "" {
			lp.Skipped = i18n.T(ctx, "org.announce.no_slack")
		}
		p.Leads = append(p.Leads, lp)
	}
	return p, nil
}

// placeholderPreview shows the messages' layout without numbers.
func (a *Announcer) placeholderPreview(ctx context.Context, p Preview) (Preview, error) {
	l, en := i18n.From(ctx), i18n.For(i18n.English)
	p.ChannelText = channelText(en, a.placeholderFacts(en, p.Snapshot.Title, p.Snapshot.ID))
	var err error
	if p.Voice, err = voiceMail(l, a.placeholderFacts(l, p.Snapshot.Title, p.Snapshot.ID)); err != nil {
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
		lp := LeadPreview{Name: g.Person.Name, SlackUserID: g.Person.SlackUserID,
			Text: leadMessage(i18n.For(g.Person.Language), g.Person.Name, p.Snapshot.Title, a.results.K(), lines)}
		if g.Person.SlackUserID == "" {
			lp.Skipped = i18n.T(ctx, "org.announce.no_slack")
		}
		p.Leads = append(p.Leads, lp)
	}
	return p, nil
}
