package announce

import (
	"bytes"
	"fmt"
	htmltemplate "html/template"
	"text/template"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/notify"
)

// The voice-of-the-developer email: the executive summary's findings, the
// teams to recognise and a link to the readout. Comments are left out:
// their words could point to who wrote them.

// voice is the email's facts with the recipient's language at hand.
type voice struct {
	orgFacts
	l *i18n.Localizer
}

// Lang is the email's language code, for <html lang>.
func (v voice) Lang() string { return v.l.Lang() }

// T is a catalog message with the snapshot's title, k and the readout's
// link at hand.
func (v voice) T(id string) string {
	return v.l.T(id, "Title", v.Title, "K", v.K, "URL", v.ReadoutURL)
}

var voiceText = template.Must(template.New("text").Parse(`{{.T "readout.voice.subject"}}

{{.T "readout.voice.intro"}}
{{range .Findings}}
{{.Heading}}{{if .Big}}: {{.Big}}{{end}}
{{if .Text}}{{.Text}}
{{end}}{{range .Items}}  - {{.}}
{{end}}{{end}}
{{.Recognition.Heading}}{{if .Recognition.Big}}: {{.Recognition.Big}}{{end}}
{{.Recognition.Text}}
{{range .Recognition.Items}}  - {{.}}
{{end}}
{{.T "readout.voice.read_at"}}

{{.T "readout.voice.confidential"}}
`))

var voiceHTML = htmltemplate.Must(htmltemplate.New("html").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}"><body style="font-family: system-ui, sans-serif; color: #1d2433; line-height: 1.5; max-width: 600px;">
<h1 style="font-size: 22px; margin-bottom: 4px;">{{.T "readout.voice.subject"}}</h1>
<p style="color: #5a6478; margin-top: 0;">{{.T "readout.voice.intro"}}</p>
{{range .Findings}}
<h2 style="font-size: 17px; margin: 20px 0 4px;">{{.Heading}}{{if .Big}} <span style="color: #3b5bdb;">{{.Big}}</span>{{end}}</h2>
{{if .Text}}<p style="margin: 0 0 6px;">{{.Text}}</p>{{end}}
{{if .Items}}<ul style="margin: 0; padding-left: 20px;">{{range .Items}}<li>{{.}}</li>{{end}}</ul>{{end}}
{{end}}
<h2 style="font-size: 17px; margin: 24px 0 4px;">{{.Recognition.Heading}}{{if .Recognition.Big}} <span style="color: #2b8a3e;">{{.Recognition.Big}}</span>{{end}}</h2>
<p style="margin: 0 0 6px;">{{.Recognition.Text}}</p>
{{if .Recognition.Items}}<ul style="margin: 0; padding-left: 20px;">{{range .Recognition.Items}}<li>{{.}}</li>{{end}}</ul>{{end}}
<p style="margin-top: 24px;"><a href="{{.ReadoutURL}}" style="display: inline-block; background: #3b5bdb; color: #ffffff; padding: 10px 18px; border-radius: 8px; text-decoration: none; font-weight: 600;">{{.T "readout.voice.read"}}</a></p>
<p style="color: #5a6478; font-size: 14px;">{{.T "readout.voice.confidential"}}</p>
</body></html>`))

// voiceMail renders the email in l's language, without a recipient.
func voiceMail(l *i18n.Localizer, f orgFacts) (notify.Mail, error) {
	v := voice{orgFacts: f, l: l}
	var text, html bytes.Buffer
	if err := voiceText.Execute(&text, v); err != nil {
		return notify.Mail{}, fmt.Errorf("announce: render text: %w", err)
	}
	if err := voiceHTML.Execute(&html, v); err != nil {
		return notify.Mail{}, fmt.Errorf("announce: render html: %w", err)
	}
	return notify.Mail{Subject: v.T("readout.voice.subject"), Text: text.String(), HTML: html.String()}, nil
}
