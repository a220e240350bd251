package announce

import (
	"bytes"
	"fmt"
	htmltemplate "html/template"
	"text/template"

	"github.com/devpulse/devpulse/internal/notify"
)

// The voice-of-the-developer email: the executive summary's findings, the
// teams to recognise and a link to the readout. Comments are left out:
// their words could point to who wrote them.

var voiceText = template.Must(template.New("text").Parse(`Voice of the developer: {{.Title}}

What developers told us in the {{.Title}} developer experience survey, in numbers.
{{range .Findings}}
{{.Heading}}{{if .Big}}: {{.Big}}{{end}}
{{if .Text}}{{.Text}}
{{end}}{{range .Items}}  - {{.}}
{{end}}{{end}}
{{.Recognition.Heading}}{{if .Recognition.Big}}: {{.Recognition.Big}}{{end}}
{{.Recognition.Text}}
{{range .Recognition.Items}}  - {{.}}
{{end}}
Read the whole readout: {{.ReadoutURL}}

Responses are confidential: groups with fewer than {{.K}} responses show no scores.
`))

var voiceHTML = htmltemplate.Must(htmltemplate.New("html").Parse(`<!DOCTYPE html>
<html lang="en"><body style="font-family: system-ui, sans-serif; color: #1d2433; line-height: 1.5; max-width: 600px;">
<h1 style="font-size: 22px; margin-bottom: 4px;">Voice of the developer: {{.Title}}</h1>
<p style="color: #5a6478; margin-top: 0;">What developers told us in the {{.Title}} developer experience survey, in numbers.</p>
{{range .Findings}}
<h2 style="font-size: 17px; margin: 20px 0 4px;">{{.Heading}}{{if .Big}} <span style="color: #3b5bdb;">{{.Big}}</span>{{end}}</h2>
{{if .Text}}<p style="margin: 0 0 6px;">{{.Text}}</p>{{end}}
{{if .Items}}<ul style="margin: 0; padding-left: 20px;">{{range .Items}}<li>{{.}}</li>{{end}}</ul>{{end}}
{{end}}
<h2 style="font-size: 17px; margin: 24px 0 4px;">{{.Recognition.Heading}}{{if .Recognition.Big}} <span style="color: #2b8a3e;">{{.Recognition.Big}}</span>{{end}}</h2>
<p style="margin: 0 0 6px;">{{.Recognition.Text}}</p>
{{if .Recognition.Items}}<ul style="margin: 0; padding-left: 20px;">{{range .Recognition.Items}}<li>{{.}}</li>{{end}}</ul>{{end}}
<p style="margin-top: 24px;"><a href="{{.ReadoutURL}}" style="display: inline-block; background: #3b5bdb; color: #ffffff; padding: 10px 18px; border-radius: 8px; text-decoration: none; font-weight: 600;">Read the whole readout</a></p>
<p style="color: #5a6478; font-size: 14px;">Responses are confidential: groups with fewer than {{.K}} responses show no scores.</p>
</body></html>`))

// voiceMail renders the email, without a recipient.
func voiceMail(f orgFacts) (notify.Mail, error) {
	var text, html bytes.Buffer
	if err := voiceText.Execute(&text, f); err != nil {
		return notify.Mail{}, fmt.Errorf("announce: render text: %w", err)
	}
	if err := voiceHTML.Execute(&html, f); err != nil {
		return notify.Mail{}, fmt.Errorf("announce: render html: %w", err)
	}
	return notify.Mail{Subject: "Voice of the developer: " + f.Title, Text: text.String(), HTML: html.String()}, nil
}
