package announce

import (
	"context"
	"fmt"
	"strconv"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/i18n"
)

// Row is an announcement as the admin page lists it, with who it is for.
type Row struct {
	Announcement
	// To names the recipient: the channel, the lead (and Slack ID), or the
	// address.
	To string
}

// List returns a snapshot's announcements by kind and recipient.
func (a *Announcer) List(ctx context.Context, snapshotID int64) ([]Row, error) {
	var anns []Announcement
	if err := a.db.WithContext(ctx).Where("snapshot_id = ?", snapshotID).Order("kind, id").Find(&anns).Error; err != nil {
		return nil, fmt.Errorf("announce: list %d: %w", snapshotID, err)
	}
	out := make([]Row, 0, len(anns))
	for _, an := range anns {
		r := Row{Announcement: an, To: an.Recipient}
		if an.Kind == KindLead {
			id, _ := strconv.ParseInt(an.Recipient, 10, 64)
			var p directory.Person
			if err := a.db.WithContext(ctx).First(&p, id).Error; err == nil {
				r.To = p.Name
				if p.SlackUserID != "" {
					r.To += " (" + p.SlackUserID + ")"
				}
			}
		}
		out = append(out, r)
	}
	return out, nil
}

// KindLabel names a kind of announcement for people, in l's language.
func KindLabel(l *i18n.Localizer, kind string) string {
	switch kind {
	case KindChannel, KindLead, KindVoice:
		return l.T("org.announce.kind." + kind)
	}
	return kind
}
