package web

import (
	"context"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/survey"
	adminview "github.com/devpulse/devpulse/templates/admin"
)

// trFields are the translatable fields of each kind of object, with the
// catalog IDs of the labels their edit forms give them.
var trFields = map[string][]adminview.TrField{
	survey.TrDriver: {{Field: "name", Label: "admin.tr.name"}, {Field: "statement", Label: "admin.tr.statement", Lines: true}},
	survey.TrQuestion: {
		{Field: "prompt", Label: "admin.tr.prompt", Lines: true},
		{Field: "help", Label: "admin.tr.help"},
		{Field: "options", Label: "admin.tr.options", Lines: true},
		{Field: "unit", Label: "admin.tr.unit"},
	},
}

// otherLanguages are the languages admins translate into.
func otherLanguages() []i18n.Language { return i18n.Languages[1:] }

// storedTranslations fills an object's edit form with its translations; a
// new object (id 0) has none.
func (s *Server) storedTranslations(ctx context.Context, kind string, id int64) ([]adminview.TrFields, error) {
	var out []adminview.TrFields
	for _, l := range otherLanguages() {
		var ids []int64
		if id != 0 {
			ids = []int64{id}
		}
		texts, err := s.surveys.Translations(ctx, l.Code, kind, ids)
		if err != nil {
			return nil, err
		}
		set := adminview.TrFields{Lang: l.Code, Name: l.Name}
		for _, f := range trFields[kind] {
			f.Label, f.Value = i18n.T(ctx, f.Label), texts.Get(kind, id, f.Field, "")
			set.Fields = append(set.Fields, f)
		}
		out = append(out, set)
	}
	return out, nil
}

// postedTranslations shows the translations as they were sent, for a form
// that comes back with errors.
func postedTranslations(c echo.Context, kind string) []adminview.TrFields {
	var out []adminview.TrFields
	for _, l := range otherLanguages() {
		set := adminview.TrFields{Lang: l.Code, Name: l.Name}
		for _, f := range trFields[kind] {
			f.Label, f.Value = i18n.T(c.Request().Context(), f.Label), c.FormValue(adminview.TrName(l.Code, f.Field))
			set.Fields = append(set.Fields, f)
		}
		out = append(out, set)
	}
	return out
}

// saveTranslations stores the translations a form sent; a form without
// them (an older page, a script) changes none.
func (s *Server) saveTranslations(c echo.Context, kind string, id int64) error {
	form, err := c.FormParams()
	if err != nil {
		return err
	}
	for _, l := range otherLanguages() {
		fields := map[string]string{}
		for _, f := range trFields[kind] {
			if v, ok := form[adminview.TrName(l.Code, f.Field)]; ok {
				fields[f.Field] = v[0]
			}
		}
		if len(fields) == 0 {
			continue
		}
		if err := s.surveys.SetTranslations(c.Request().Context(), kind, id, l.Code, fields); err != nil {
			return err
		}
	}
	return nil
}
