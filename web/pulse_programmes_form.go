package web

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/pulse"
	pulseviews "github.com/devpulse/devpulse/templates/pulse"
)

// pulseFormFields maps a definition's error fields to the form's inputs.
var pulseFormFields = map[string]string{
	"trigger.type": "event_type", "trigger.repository": "repository", "questions.rating": "rating",
	"questions.comment": "comment", "questions.choice": "choice_prompt",
}

// programmeFormFrom reads the programme form.
func programmeFormFrom(c echo.Context) pulseviews.ProgrammeForm {
	v := func(n string) string { return strings.TrimSpace(c.FormValue(n)) }
	return pulseviews.ProgrammeForm{
		Key: v("key"), Name: v("name"), OwnerTeam: v("owner_team"), EventType: v("event_type"), Repository: v("repository"),
		Label: v("label"), Equals: v("equals"), Rating: v("rating"), Comment: v("comment"), ChoicePrompt: v("choice_prompt"),
		ChoiceOptions: v("choice_options"), Sample: v("sample_percent"), Delay: v("delay_minutes"), Expiry: v("expiry_hours"),
		ActiveFrom: v("active_from"), ActiveUntil: v("active_until"), Driver: v("driver"), Paused: v("paused") == "true",
		Errors: map[string]string{},
	}
}

// formDefinition turns the form into a definition; numbers that do not
// parse are reported on their field, in l's language.
func formDefinition(l *i18n.Localizer, f pulseviews.ProgrammeForm) (pulse.Definition, map[string]string) {
	errs := map[string]string{}
	num := func(name, s string, def int) int {
		if s == "" {
			return def
		}
		n, err := strconv.Atoi(s)
		if err != nil {
			errs[name] = l.T("pulsepages.form.whole_number")
		}
		return n
	}
	var d pulse.Definition
	d.Key, d.Name, d.OwnerTeam, d.Driver, d.Paused = f.Key, f.Name, f.OwnerTeam, f.Driver, f.Paused
	d.Trigger.Type, d.Trigger.Repository, d.Trigger.Label = f.EventType, f.Repository, f.Label
	for i, line := range strings.Split(f.Equals, "\n") {
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		k, val, ok := strings.Cut(line, "=")
		if !ok || strings.TrimSpace(k) == "" {
			errs["equals"] = l.T("pulsepages.form.not_field_value", "Line", i+1)
			continue
		}
		if d.Trigger.Equals == nil {
			d.Trigger.Equals = map[string]string{}
		}
		d.Trigger.Equals[strings.TrimSpace(k)] = strings.TrimSpace(val)
	}
	d.Questions = pulse.Questions{Rating: f.Rating, Comment: f.Comment}
	if f.ChoicePrompt != "" || f.ChoiceOptions != "" {
		ch := &pulse.Choice{Prompt: f.ChoicePrompt}
		for _, o := range strings.Split(f.ChoiceOptions, "\n") {
			if o = strings.TrimSpace(o); o != "" {
				ch.Options = append(ch.Options, o)
			}
		}
		d.Questions.Choice = ch
	}
	d.SamplePercent = num("sample_percent", f.Sample, 0)
	d.DelayMinutes = num("delay_minutes", f.Delay, 0)
	d.ExpiryHours = num("expiry_hours", f.Expiry, 0)
	d.ActiveFrom, d.ActiveUntil = f.ActiveFrom, f.ActiveUntil
	return d, errs
}

// definitionForm fills the form from a stored programme.
func definitionForm(d pulse.Definition) pulseviews.ProgrammeForm {
	f := pulseviews.ProgrammeForm{Key: d.Key, Name: d.Name, OwnerTeam: d.OwnerTeam, EventType: d.Trigger.Type,
		Repository: d.Trigger.Repository, Label: d.Trigger.Label, Rating: d.Questions.Rating, Comment: d.Questions.Comment,
		Sample: strconv.Itoa(d.SamplePercent), Delay: strconv.Itoa(d.DelayMinutes), Expiry: strconv.Itoa(d.ExpiryHours),
		ActiveFrom: d.ActiveFrom, ActiveUntil: d.ActiveUntil, Driver: d.Driver, Paused: d.Paused, Errors: map[string]string{}}
	var eq []string
	for k, v := range d.Trigger.Equals {
		eq = append(eq, k+"="+v)
	}
	f.Equals = strings.Join(eq, "\n")
	if d.Questions.Choice != nil {
		f.ChoicePrompt, f.ChoiceOptions = d.Questions.Choice.Prompt, strings.Join(d.Questions.Choice.Options, "\n")
	}
	return f
}

// saveProgrammeForm validates and saves the form; on failure the form
// carries every field's message.
func (s *Server) saveProgrammeForm(ctx context.Context, f *pulseviews.ProgrammeForm, actor string) (pulse.Programme, error) {
	d, errs := formDefinition(i18n.From(ctx), *f)
	p, _, err := s.pulse.svc.Save(ctx, d, actor)
	var inv *pulse.InvalidError
	if errors.As(err, &inv) {
		for field, m := range inv.Texts() {
			if name, ok := pulseFormFields[field]; ok {
				field = name
			}
			if errs[field] != "" {
				continue // the form's own message says what to fix first
			}
			msg := m.In(ctx)
			r, n := utf8.DecodeRuneInString(msg)
			errs[field] = string(unicode.ToUpper(r)) + msg[n:] + "."
		}
	}
	if len(errs) > 0 {
		f.Errors = errs
		return p, pulse.ErrInvalid
	}
	return p, err
}
