package web

import (
	"context"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/internal/survey"
)

// localizeDashboard writes a team dashboard's admin texts in the reader's
// language, the way the survey shows them (survey.Localized): driver
// names, and the prompts, options and units of its net promoter and other
// questions, with the English wherever an admin wrote no translation.
// Overall satisfaction is named by the catalog. Numbers are untouched.
func (s *Server) localizeDashboard(ctx context.Context, d *results.Dashboard) error {
	l := i18n.From(ctx)
	if d.Overall != nil {
		d.Overall.Name = l.T("teams.overall")
	}
	if l.Lang() == i18n.English || len(d.Snapshots) == 0 {
		return nil
	}
	o, err := s.surveys.Outline(ctx, d.Snapshot.ID)
	if err != nil {
		return err
	}
	loc, err := s.surveys.Localize(ctx, o, l.Lang())
	if err != nil {
		return err
	}
	for i := range d.Drivers {
		d.Drivers[i].Name = loc.DriverName(d.Drivers[i].Key, d.Drivers[i].Name)
	}
	questions := make(map[int64]survey.Question, len(o.Questions))
	for _, q := range o.Questions {
		questions[q.ID] = q
	}
	for i := range d.NPS {
		if q, ok := questions[d.NPS[i].QuestionID]; ok {
			d.NPS[i].Prompt = loc.Prompt(q)
		}
	}
	for i := range d.Questions {
		if q, ok := questions[d.Questions[i].QuestionID]; ok {
			localizeQuestion(l, loc, q, &d.Questions[i])
		}
	}
	return nil
}

// localizeQuestion writes one other question's prompt, choices and unit
// in the reader's language; the fixed scales' labels come from the
// catalog where the panel draws them (components.QuestionResults).
func localizeQuestion(l *i18n.Localizer, loc survey.Localized, q survey.Question, r *results.QuestionResult) {
	r.Prompt = loc.Prompt(q)
	switch q.Kind {
	case survey.KindSingle, survey.KindMulti:
		english := make([]string, len(r.Options))
		for i, o := range r.Options {
			english[i] = o.Label
		}
		for i, label := range loc.Options(q, english) {
			r.Options[i].Label = label
		}
	case survey.KindNumber:
		unit := loc.Unit(q)
		for i := range r.Options {
			r.Options[i].Label = numberLabel(l, r.Options[i], unit)
		}
		r.Unit = unit
	}
}

// numberLabel writes a number question's bar, "2,5 horas" or "0–5
// horas", from its numbers with the language's decimal separator and the
// translated unit.
func numberLabel(l *i18n.Localizer, bar results.Share, unit string) string {
	if !bar.Number {
		return bar.Label
	}
	out := l.Decimal(bar.From, 2)
	if bar.To != bar.From {
		out += "–" + l.Decimal(bar.To, 2)
	}
	if unit != "" {
		out += " " + unit
	}
	return out
}

// localizeDriverNames writes driver names (by key, as
// survey.Store.DriverNames reads them) in the reader's language, from the
// admins' translations of the drivers; English, or a driver without one,
// keeps its name.
func (s *Server) localizeDriverNames(ctx context.Context, names map[string]string) error {
	lang := i18n.Lang(ctx)
	if lang == i18n.English || len(names) == 0 {
		return nil
	}
	drivers, err := s.surveys.Drivers(ctx, true)
	if err != nil {
		return err
	}
	var ids []int64
	for _, d := range drivers {
		if _, ok := names[d.Key]; ok {
			ids = append(ids, d.ID)
		}
	}
	texts, err := s.surveys.Translations(ctx, lang, survey.TrDriver, ids)
	if err != nil {
		return err
	}
	for _, d := range drivers {
		if english, ok := names[d.Key]; ok {
			names[d.Key] = texts.Get(survey.TrDriver, d.ID, "name", english)
		}
	}
	return nil
}
