package survey

import "context"

// Localized is a snapshot as a respondent reads it in their language: the
// admins' translations of its sections, questions and drivers, with the
// English wherever there is none. Answers keep English values; only what
// is shown changes.
type Localized struct {
	questions, sections, drivers Texts
	// driverOf maps a rated driver's key to its ID.
	driverOf map[string]int64
}

// Localize loads the translations of an outline into lang.
func (s *Store) Localize(ctx context.Context, o Outline, lang string) (Localized, error) {
	l := Localized{driverOf: map[string]int64{}}
	var qids, sids, dids []int64
	for _, q := range o.Questions {
		qids = append(qids, q.ID)
		if q.DriverID != nil {
			dids = append(dids, *q.DriverID)
			l.driverOf[q.Key] = *q.DriverID
		}
	}
	for _, sec := range o.Sections {
		sids = append(sids, sec.ID)
	}
	var err error
	if l.questions, err = s.Translations(ctx, lang, TrQuestion, qids); err != nil {
		return l, err
	}
	if l.sections, err = s.Translations(ctx, lang, TrSection, sids); err != nil {
		return l, err
	}
	l.drivers, err = s.Translations(ctx, lang, TrDriver, dids)
	return l, err
}

// Prompt is a question's prompt; a driver rating without its own
// translation reads its driver's translated statement.
func (l Localized) Prompt(q Question) string {
	if p := l.questions.Get(TrQuestion, q.ID, "prompt", ""); p != "" {
		return p
	}
	if q.DriverID != nil {
		return l.drivers.Get(TrDriver, *q.DriverID, "statement", q.Prompt)
	}
	return q.Prompt
}

// Help is a question's help text.
func (l Localized) Help(q Question) string { return l.questions.Get(TrQuestion, q.ID, "help", q.Help) }

// Unit is a number question's unit.
func (l Localized) Unit(q Question) string {
	return l.questions.Get(TrQuestion, q.ID, "unit", q.Config.Unit)
}

// Options are the shown labels of a question's choices or categories,
// in the order of the English ones.
func (l Localized) Options(q Question, english []string) []string {
	return l.questions.Lines(TrQuestion, q.ID, "options", english)
}

// SectionTitle is a section's title.
func (l Localized) SectionTitle(sec Section) string {
	return l.sections.Get(TrSection, sec.ID, "title", sec.Title)
}

// DriverName is a rated driver's name, by key.
func (l Localized) DriverName(key, english string) string {
	id, ok := l.driverOf[key]
	if !ok {
		return english
	}
	return l.drivers.Get(TrDriver, id, "name", english)
}
