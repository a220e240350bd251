package pulse

import (
	"bytes"
	"fmt"
	htmltemplate "html/template"
	"strconv"
	"text/template"

	"github.com/slack-go/slack"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/notify"
)

// RatingLabels name the points of the 1-5 rating scale.
var RatingLabels = [5]string{"1 · Very poor", "2 · Poor", "3 · OK", "4 · Good", "5 · Very good"}

type mailView struct {
	Name     string
	Question string
	Links    []mailLink
	Page     string
}

type mailLink struct {
	Label string
	URL   string
}

var mailText = template.Must(template.New("text").Parse(`Hi {{.Name}},

{{.Question}}

Pick a rating (the page that opens asks you to confirm it; nothing is
recorded before you do):
{{range .Links}}
  {{.Label}}: {{.URL}}{{end}}

Or answer on your pulse page: {{.Page}}

This is a short pulse survey. Answers are confidential: tool owners see them
only in groups of at least the minimum size. Change how often and where you
are asked on your pulse page.
`))

var mailHTML = htmltemplate.Must(htmltemplate.New("html").Parse(`<!DOCTYPE html>
<html lang="en"><body style="font-family: system-ui, sans-serif; color: #1d2433; line-height: 1.5; max-width: 560px;">
<p>Hi {{.Name}},</p>
<p><strong>{{.Question}}</strong></p>
<p>{{range .Links}}<a href="{{.URL}}" style="display: inline-block; margin: 0 6px 6px 0; padding: 8px 12px; border: 1px solid #3b5bdb; border-radius: 8px; color: #3b5bdb; text-decoration: none;">{{.Label}}</a>{{end}}</p>
<p style="color: #5c6577; font-size: 14px;">The page that opens asks you to confirm your rating; nothing is recorded before you do. Answers are confidential: tool owners see them only in groups of at least the minimum size. <a href="{{.Page}}">Your pulse page</a> has your pending asks and lets you choose how often and where you are asked.</p>
</body></html>`))

// mailMessage renders the ask as mail with five rating links.
func mailMessage(baseURL, token string, p directory.Person, prog Programme, a Ask) (notify.Mail, error) {
	v := mailView{Name: p.Name, Question: prog.ParsedQuestions().Rating, Page: baseURL + "/pulse"}
	for r := 1; r <= 5; r++ {
		v.Links = append(v.Links, mailLink{RatingLabels[r-1], fmt.Sprintf("%s/p/%s?rating=%d", baseURL, token, r)})
	}
	var text, html bytes.Buffer
	if err := mailText.Execute(&text, v); err != nil {
		return notify.Mail{}, fmt.Errorf("pulse: mail text: %w", err)
	}
	if err := mailHTML.Execute(&html, v); err != nil {
		return notify.Mail{}, fmt.Errorf("pulse: mail html: %w", err)
	}
	return notify.Mail{To: p.Email, Subject: "Quick question: " + prog.Name, Text: text.String(), HTML: html.String()}, nil
}

// SlackActionID is the action_id of the rating buttons.
const SlackActionID = "pulse_rating"

// slackAsk renders the ask as a message with five rating buttons. Each
// button's value is "<ask id>:<rating>".
func slackAsk(baseURL string, a Ask, prog Programme) (string, []slack.Block) {
	q := prog.ParsedQuestions().Rating
	var buttons []slack.BlockElement
	for r := 1; r <= 5; r++ {
		b := slack.NewButtonBlockElement(SlackActionID+"_"+strconv.Itoa(r), fmt.Sprintf("%d:%d", a.ID, r),
			slack.NewTextBlockObject(slack.PlainTextType, RatingLabels[r-1], false, false))
		buttons = append(buttons, b)
	}
	blocks := []slack.Block{
		slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, "*"+q+"*", false, false), nil, nil),
		slack.NewActionBlock("pulse_ask_"+strconv.FormatInt(a.ID, 10), buttons...),
		slack.NewContextBlock("", slack.NewTextBlockObject(slack.MarkdownType,
			fmt.Sprintf("%s · confidential pulse survey · <%s/pulse|add a comment or change how often you are asked>", prog.Name, baseURL), false, false)),
	}
	return q, blocks
}

// slackThanks is what the message becomes once answered.
func slackThanks(baseURL string, rating int, prog Programme) (string, []slack.Block) {
	text := fmt.Sprintf("Thanks! You rated %s: %s.", prog.Name, RatingLabels[rating-1])
	return text, []slack.Block{
		slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType,
			fmt.Sprintf(":white_check_mark: %s Your answers and settings: <%s/pulse|your pulse page>.", text, baseURL), false, false), nil, nil),
	}
}
