package invite

import (
	"bytes"
	"fmt"
	htmltemplate "html/template"
	"text/template"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/notify"
	"github.com/devpulse/devpulse/internal/survey"
)

// message is an invitation or reminder before it is rendered for a channel,
// in the recipient's own language (English when they chose none: there is
// no browser to ask at send time).
type message struct {
	Name     string
	Snapshot survey.Snapshot
	Link     string
	Reminder bool
	l        *i18n.Localizer
}

// Lang is the message's language code, for <html lang>.
func (m message) Lang() string { return m.l.Lang() }

// T is a catalog message with the invitation's title, close time, name
// and link at hand.
func (m message) T(id string) string {
	return m.l.T(id, "Name", m.Name, "Title", m.Snapshot.Title, "Closes", m.Closes(), "Link", m.Link)
}

// Closes is the close time in the snapshot's own time zone.
func (m message) Closes() string {
	if m.Snapshot.ClosesAt == nil {
		return ""
	}
	return m.l.DateTime(m.Snapshot.ClosesAt.In(m.Snapshot.Location()))
}

// kind picks the invitation's or the reminder's version of a message.
func (m message) kind(id string) string {
	if m.Reminder {
		return "invite.reminder." + id
	}
	return "invite.invitation." + id
}

func (m message) subject() string { return m.T(m.kind("subject")) }

// Body and Button are the paragraph and link text of the mail.
func (m message) Body() string   { return m.T(m.kind("body")) }
func (m message) Button() string { return m.T(m.kind("button")) }

var textBody = template.Must(template.New("text").Parse(`{{.T "invite.greeting"}}

{{.Body}}

{{.T "invite.link"}}
{{.Link}}

{{.T "invite.confidential"}}
`))

var htmlBody = htmltemplate.Must(htmltemplate.New("html").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}"><body style="font-family: system-ui, sans-serif; color: #1d2433; line-height: 1.5; max-width: 560px;">
<p>{{.T "invite.greeting"}}</p>
<p>{{.Body}}</p>
<p><a href="{{.Link}}" style="display: inline-block; background: #3b5bdb; color: #ffffff; padding: 10px 18px; border-radius: 8px; text-decoration: none; font-weight: 600;">{{.Button}}</a></p>
<p style="color: #5a6478; font-size: 14px;">{{.T "invite.personal"}} {{.T "invite.confidential"}}</p>
</body></html>`))

func (m message) mail(to string) (notify.Mail, error) {
	var text, html bytes.Buffer
	if err := textBody.Execute(&text, m); err != nil {
		return notify.Mail{}, fmt.Errorf("invite: render text: %w", err)
	}
	if err := htmlBody.Execute(&html, m); err != nil {
		return notify.Mail{}, fmt.Errorf("invite: render html: %w", err)
	}
	return notify.Mail{To: to, Subject: m.subject(), Text: text.String(), HTML: html.String()}, nil
}

func (m message) slack() string { return m.T(m.kind("slack")) }
