package web

import (
	"context"
	"regexp"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/survey"
	surveyview "github.com/devpulse/devpulse/templates/survey"
)

// answerMessages are the catalog IDs of the survey domain's messages about
// an answer, by their English text: the domain writes English, and the
// respondent reads their own language. Those with numbers in them are
// answerPatterns.
var answerMessages = map[string]string{
	"This question needs an answer.":          "answer.required",
	"Choose one of the options.":              "answer.choose_option",
	"Choose one of the answers on the scale.": "answer.choose_scale",
	"Choose from the options shown.":          "answer.choose_shown",
	"Choose a number from 0 to 10.":           "answer.choose_nps",
	"Enter a number.":                         "answer.number",
	"This question needs an answer: your response is submitted, so its answer was kept.": "answer.keep_required",
}

// answerPatterns are the domain's answer messages that carry numbers: the
// catalog ID of each, and the names of its numbers in order.
var answerPatterns = []struct {
	re    *regexp.Regexp
	id    string
	names []string
}{
	{regexp.MustCompile(`^The percentages add up to (\S+); they must add up to 100\.$`), "answer.allocation_total", []string{"Total"}},
	{regexp.MustCompile(`^Pick at most (\d+); you picked (\d+)\.$`), "answer.too_many", []string{"Max", "Picked"}},
	{regexp.MustCompile(`^Keep it under (\d+) characters; this is (\d+)\.$`), "answer.too_long", []string{"Max", "Length"}},
	{regexp.MustCompile(`^Enter a number from (\S+) to (\S+)\.$`), "answer.number_range", []string{"Min", "Max"}},
	{regexp.MustCompile(`^Enter a number of at least (\S+)\.$`), "answer.number_min", []string{"Min"}},
	{regexp.MustCompile(`^Enter a number of at most (\S+)\.$`), "answer.number_max", []string{"Max"}},
}

// answerText is msg in the request's language, where the catalog has it.
func answerText(ctx context.Context, msg string) string {
	if id, ok := answerMessages[msg]; ok {
		return i18n.T(ctx, id)
	}
	for _, p := range answerPatterns {
		if m := p.re.FindStringSubmatch(msg); m != nil {
			args := make([]any, 0, 2*len(p.names))
			for i, name := range p.names {
				args = append(args, name, m[i+1])
			}
			return i18n.T(ctx, p.id, args...)
		}
	}
	return msg
}

// localize shows a question in the respondent's language: the admins'
// translations of its prompt, help, unit and options. Option values stay
// as they are, since answers store them.
func (a answering) localize(vq *surveyview.Question, q survey.Question) {
	vq.Prompt, vq.Help = a.loc.Prompt(q), a.loc.Help(q)
	if vq.Unit != "" {
		vq.Unit = a.loc.Unit(q)
	}
	if len(vq.Categories) > 0 {
		vq.Categories = a.loc.Options(q, q.Config.Categories)
	}
	if labels := a.loc.Options(q, q.Config.Choices); len(q.Config.Choices) > 0 && len(labels) == len(vq.Options) {
		for i := range vq.Options {
			vq.Options[i].Label = labels[i]
		}
	}
}
