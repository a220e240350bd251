package web

import (
	"math"
	"strconv"
	"strings"

	"github.com/devpulse/devpulse/internal/input"
	"github.com/devpulse/devpulse/internal/survey"
	adminview "github.com/devpulse/devpulse/templates/admin"
)

// questionForm shows a stored question in the question form.
func questionForm(q survey.Question) adminview.SnapshotQuestionView {
	c := q.Config
	f := adminview.SnapshotQuestionView{
		QuestionID: q.ID, Section: strconv.FormatInt(q.SectionID, 10), Kind: string(q.Kind),
		Prompt: q.Prompt, Help: q.Help, Required: q.Required,
		Choices: strings.Join(c.Choices, "\n"), Categories: strings.Join(c.Categories, "\n"),
		Min: formatNumber(c.Min), Max: formatNumber(c.Max), Unit: c.Unit,
		MaxLength: strconv.Itoa(survey.DefaultTextLength), Roles: strings.Join(q.Roles(), ", "),
	}
	if q.DriverID != nil {
		f.Driver = strconv.FormatInt(*q.DriverID, 10)
	}
	if c.MaxLength > 0 {
		f.MaxLength = strconv.Itoa(c.MaxLength)
	}
	return f
}

// applyQuestionForm sets q from the form as entered. It reports what cannot
// even be read (a letter in a number); the store checks the rest.
func applyQuestionForm(q *survey.Question, f adminview.SnapshotQuestionView) survey.Problems {
	errs := survey.Problems{}
	section, err := strconv.ParseInt(f.Section, 10, 64)
	if err != nil {
		errs["section"] = input.M("admin.invalid.section")
	}
	q.SectionID, q.Kind, q.Required = section, survey.Kind(f.Kind), f.Required
	q.Prompt, q.Help = strings.TrimSpace(f.Prompt), strings.TrimSpace(f.Help)
	q.AudienceRoles = strings.Join(splitList(f.Roles, ","), ", ")
	q.DriverID = nil
	if f.Driver != "" {
		if id, err := strconv.ParseInt(f.Driver, 10, 64); err == nil {
			q.DriverID = &id
		} else {
			errs["driver"] = input.M("admin.invalid.driver")
		}
	}
	q.Config = survey.Config{}
	if q.Uses(survey.SettingChoices) {
		q.Config.Choices = splitList(f.Choices, "\n")
	}
	if q.Uses(survey.SettingCategories) {
		q.Config.Categories = splitList(f.Categories, "\n")
	}
	if q.Uses(survey.SettingRange) {
		q.Config.Unit = strings.TrimSpace(f.Unit)
		var ok bool
		if q.Config.Min, ok = parseNumber(f.Min); !ok {
			errs["min"] = input.M("admin.invalid.min_format")
		}
		if q.Config.Max, ok = parseNumber(f.Max); !ok {
			errs["max"] = input.M("admin.invalid.max_format")
		}
	}
	if q.Uses(survey.SettingMaxLength) {
		if n, err := strconv.Atoi(strings.TrimSpace(f.MaxLength)); err == nil {
			q.Config.MaxLength = n
		}
	}
	return errs
}

// splitList splits text into trimmed, non-empty items.
func splitList(text, sep string) []string {
	var out []string
	seen := map[string]bool{}
	for _, item := range strings.Split(text, sep) {
		item = strings.TrimSpace(item)
		if item == "" || (sep == "," && seen[strings.ToLower(item)]) {
			continue
		}
		seen[strings.ToLower(item)] = true
		out = append(out, item)
	}
	return out
}

func parseNumber(v string) (*float64, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil, true
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, false
	}
	return &f, true
}

func formatNumber(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}
