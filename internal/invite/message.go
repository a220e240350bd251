package invite

import (
	"bytes"
	"fmt"
	htmltemplate "html/template"
	"text/template"

	"github.com/devpulse/devpulse/internal/notify"
	"github.com/devpulse/devpulse/internal/survey"
)

// message is an invitation or reminder before it is rendered for a channel.
type message struct {
	Name     string
	Snapshot survey.Snapshot
	Link     string
	Reminder bool
}

// Closes is the close time in the snapshot's own time zone.
func (m message) Closes() string {
	if m.Snapshot.ClosesAt == nil {
		return ""
	}
	return m.Snapshot.ClosesAt.In(m.Snapshot.Location()).Format("Monday 2 January at 15:04 MST")
}

func (m message) subject() string {
	if m.Reminder {
		return fmt.Sprintf("Reminder: the %s developer experience survey closes soon", m.Snapshot.Title)
	}
	return fmt.Sprintf("Your %s developer experience survey", m.Snapshot.Title)
}

var textBody = template.Must(template.New("text").Parse(`Hi {{.Name}},
{{if .Reminder}}
The {{.Snapshot.Title}} developer experience survey closes {{.Closes}}. If you have
not finished yet, your answers so far are saved: pick up where you left off.
{{else}}
The {{.Snapshot.Title}} developer experience survey is open until {{.Closes}}.
It takes about ten minutes. Every answer is saved as you go, and you can
change your answers until the survey closes.
{{end}}
Your personal link (please don't forward it):
{{.Link}}

Your answers are confidential: results are shown only for groups of at least
the minimum size, and nobody sees your individual answers.
`))

var htmlBody = htmltemplate.Must(htmltemplate.New("html").Parse(`<!DOCTYPE html>
<html lang="en"><body style="font-family: system-ui, sans-serif; color: #1d2433; line-height: 1.5; max-width: 560px;">
<p>Hi {{.Name}},</p>
{{if .Reminder}}
<p>The <strong>{{.Snapshot.Title}}</strong> developer experience survey closes <strong>{{.Closes}}</strong>. If you have not finished yet, your answers so far are saved: pick up where you left off.</p>
{{else}}
<p>The <strong>{{.Snapshot.Title}}</strong> developer experience survey is open until <strong>{{.Closes}}</strong>. It takes about ten minutes. Every answer is saved as you go, and you can change your answers until the survey closes.</p>
{{end}}
<p><a href="{{.Link}}" style="display: inline-block; background: #3b5bdb; color: #ffffff; padding: 10px 18px; border-radius: 8px; text-decoration: none; font-weight: 600;">{{if .Reminder}}Finish the survey{{else}}Start the survey{{end}}</a></p>
<p style="color: #5a6478; font-size: 14px;">This link is personal; please don't forward it. Your answers are confidential: results are shown only for groups of at least the minimum size, and nobody sees your individual answers.</p>
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

func (m message) slack() string {
	if m.Reminder {
		return fmt.Sprintf("Reminder: the *%s* developer experience survey closes %s. Your answers so far are saved. <%s|Finish the survey>",
			m.Snapshot.Title, m.Closes(), m.Link)
	}
	return fmt.Sprintf("Hi %s, the *%s* developer experience survey is open until %s. It takes about ten minutes and every answer is saved as you go. <%s|Start the survey> (your personal link; please don't forward it)",
		m.Name, m.Snapshot.Title, m.Closes(), m.Link)
}
