package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testdb"
)

// An admin gives a driver's name and statement in Spanish on its edit
// page; the page shows them again, the store has them, and emptying a
// field removes its translation. The default drivers come with Spanish.
func TestDriverTranslations(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		a := newAdminClient(t, db)
		ctx := context.Background()
		store := survey.NewStore(db, nil)
		ds, err := store.Drivers(ctx, false)
		if err != nil {
			t.Fatal(err)
		}
		d := ds[0]
		path := fmt.Sprintf("/admin/drivers/%d", d.ID)
		body := a.get(path).Body.String()
		if !strings.Contains(body, `data-testid="translations-es"`) || !strings.Contains(body, "Configuración del entorno local") {
			t.Fatalf("the edit page does not show the default Spanish")
		}
		rec := a.post(path, url.Values{"name": {d.Name}, "category": {d.Category}, "statement": {d.Statement},
			"tr_es_name": {"Entorno local"}, "tr_es_statement": {""}})
		expect(t, rec, http.StatusSeeOther)
		texts, err := store.Translations(ctx, i18n.Spanish, survey.TrDriver, []int64{d.ID})
		if err != nil {
			t.Fatal(err)
		}
		if got := texts.Get(survey.TrDriver, d.ID, "name", ""); got != "Entorno local" {
			t.Errorf("name in Spanish %q", got)
		}
		if got := texts.Get(survey.TrDriver, d.ID, "statement", "English"); got != "English" {
			t.Errorf("an emptied statement kept %q", got)
		}
	})
}

// An admin adds a choice question with its Spanish; a Spanish reader sees
// the Spanish prompt and labels while the stored values stay English.
func TestQuestionTranslations(t *testing.T) {
	db := testdb.SQLite(t)
	a := newAdminClient(t, db)
	ctx := context.Background()
	snap := newSnapshot(t, a, survey.StartBlank)
	base := fmt.Sprintf("/admin/snapshots/%d", snap.ID)
	expect(t, a.post(base+"/sections", url.Values{"section_title": {"Pilot"}}), http.StatusSeeOther)
	o, _ := a.s.surveys.Outline(ctx, snap.ID)
	form := url.Values{"kind": {"single_choice"}, "prompt": {"Where do you work?"}, "choices": {"Home\nOffice"},
		"section": {fmt.Sprint(o.Sections[0].ID)}, "tr_es_prompt": {"¿Dónde trabajas?"}, "tr_es_options": {"Casa\nOficina"}}
	expect(t, a.post(base+"/questions", form), http.StatusSeeOther)
	o, _ = a.s.surveys.Outline(ctx, snap.ID)
	q := o.Questions[0]
	if !strings.Contains(a.get(fmt.Sprintf("%s/questions/%d", base, q.ID)).Body.String(), "¿Dónde trabajas?") {
		t.Error("the edit page does not show the Spanish prompt")
	}
	loc, err := a.s.surveys.Localize(ctx, o, i18n.Spanish)
	if err != nil {
		t.Fatal(err)
	}
	if loc.Prompt(q) != "¿Dónde trabajas?" || strings.Join(loc.Options(q, q.Config.Choices), ",") != "Casa,Oficina" {
		t.Errorf("Spanish %q %v", loc.Prompt(q), loc.Options(q, q.Config.Choices))
	}
	if strings.Join(q.Config.Choices, ",") != "Home,Office" {
		t.Errorf("the English choices changed: %v", q.Config.Choices)
	}
}
