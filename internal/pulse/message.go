package pulse

import (
	"bytes"
	"fmt"
	htmltemplate "html/template"
	"strconv"
	"text/template"

	"github.com/slack-go/slack"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/notify"
)

// RatingLabels name the points of the 1-5 rating scale in English;
// RatingLabel names them in a reader's language.
var RatingLabels = [5]string{"1 · Very poor", "2 · Poor", "3 · OK", "4 · Good", "5 · Very good"}

// RatingLabel names point r (1-5) of the rating scale in l's language.
func RatingLabel(l *i18n.Localizer, r int) string {
	return l.T("pulse.rating." + strconv.Itoa(r))
}

// mailView is an ask before it is rendered as mail, in the recipient's own
// language (English when they chose none: there is no browser to ask at
// send time).
type mailView struct {
	Name     string
	Question string
	Links    []mailLink
	Page     string
	l        *i18n.Localizer
}

// Lang is the mail's language code, for <html lang>.
func (v mailView) Lang() string { return v.l.Lang() }

// T is a catalog message with the ask's name and page at hand.
func (v mailView) T(id string) string { return v.l.T(id, "Name", v.Name, "Page", v.Page) }

type mailLink struct {
	Label string
	URL   string
}

var mailText = template.Must(template.New("text").Parse(`{{.T "pulse.ask.greeting"}}

{{.Question}}

{{.T "pulse.ask.pick"}}
{{range .Links}}
  {{.Label}}: {{.URL}}{{end}}

{{.T "pulse.ask.page"}}

{{.T "pulse.ask.about"}}
`))

var mailHTML = htmltemplate.Must(htmltemplate.New("html").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}"><body style="font-family: system-ui, sans-serif; color: #1d2433; line-height: 1.5; max-width: 560px;">
<p>{{.T "pulse.ask.greeting"}}</p>
<p><strong>{{.Question}}</strong></p>
<p>{{range .Links}}<a href="{{.URL}}" style="display: inline-block; margin: 0 6px 6px 0; padding: 8px 12px; border: 1px solid #3b5bdb; border-radius: 8px; color: #3b5bdb; text-decoration: none;">{{.Label}}</a>{{end}}</p>
<p style="color: #5c6577; font-size: 14px;">{{.T "pulse.ask.html.confirm"}} <a href="{{.Page}}">{{.T "pulse.ask.html.page"}}</a> {{.T "pulse.ask.html.page_rest"}}</p>
</body></html>`))

// mailMessage renders the ask as mail with five rating links, in the
// person's language.
func mailMessage(baseURL, token string, p directory.Person, prog Programme, a Ask) (notify.Mail, error) {
	l := i18n.For(p.Language)
	v := mailView{Name: p.Name, Question: prog.ParsedQuestions().Rating, Page: baseURL + "/pulse", l: l}
	for r := 1; r <= 5; r++ {
		v.Links = append(v.Links, mailLink{RatingLabel(l, r), fmt.Sprintf("%s/p/%s?rating=%d", baseURL, token, r)})
	}
	var text, html bytes.Buffer
	if err := mailText.Execute(&text, v); err != nil {
		return notify.Mail{}, fmt.Errorf("pulse: mail text: %w", err)
	}
	if err := mailHTML.Execute(&html, v); err != nil {
		return notify.Mail{}, fmt.Errorf("pulse: mail html: %w", err)
	}
	subject := l.T("pulse.ask.subject", "Programme", prog.Name)
	return notify.Mail{To: p.Email, Subject: subject, Text: text.String(), HTML: html.String()}, nil
}

// SlackActionID is the action_id of the rating buttons.
const SlackActionID = "pulse_rating"

// slackAsk renders the ask as a message with five rating buttons. Each
// button's value is "<ask id>:<rating>".
func slackAsk(baseURL string, a Ask, prog Programme, l *i18n.Localizer) (string, []slack.Block) {
	q := prog.ParsedQuestions().Rating
	var buttons []slack.BlockElement
	for r := 1; r <= 5; r++ {
		b := slack.NewButtonBlockElement(SlackActionID+"_"+strconv.Itoa(r), fmt.Sprintf("%d:%d", a.ID, r),
			slack.NewTextBlockObject(slack.PlainTextType, RatingLabel(l, r), false, false))
		buttons = append(buttons, b)
	}
	blocks := []slack.Block{
		slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, "*"+q+"*", false, false), nil, nil),
		slack.NewActionBlock("pulse_ask_"+strconv.FormatInt(a.ID, 10), buttons...),
		slack.NewContextBlock("", slack.NewTextBlockObject(slack.MarkdownType,
			l.T("pulse.ask.slack.context", "Programme", prog.Name, "URL", baseURL), false, false)),
	}
	return q, blocks
}

// slackThanks is what the message becomes once answered.
func slackThanks(baseURL string, rating int, prog Programme, l *i18n.Localizer) (string, []slack.Block) {
	text := l.T("pulse.ask.slack.thanks", "Programme", prog.Name, "Rating", RatingLabel(l, rating))
	return text, []slack.Block{
		slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType,
			l.T("pulse.ask.slack.thanks_block", "Text", text, "URL", baseURL), false, false), nil, nil),
	}
}
