package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testdb"
)

func TestSnapshotQuestions(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		a := newAdminClient(t, db)
		ctx := context.Background()
		snap := newSnapshot(t, a, survey.StartBlank)
		base := fmt.Sprintf("/admin/snapshots/%d", snap.ID)
		expect(t, a.post(base+"/sections", url.Values{"section_title": {"Pilot"}}), http.StatusSeeOther)
		o, _ := a.s.surveys.Outline(ctx, snap.ID)
		section := fmt.Sprint(o.Sections[0].ID)
		drivers, _ := a.s.surveys.Drivers(ctx, false)

		rec := a.get(base + "/questions/new?section=" + section)
		expect(t, rec, http.StatusOK)
		if !strings.Contains(rec.Body.String(), `<option value="`+section+`" selected>Pilot</option>`) {
			t.Errorf("the section is not preselected")
		}

		checkBadQuestions(t, a, base, section)

		// One question of every kind.
		good := []url.Values{
			{"kind": {"rating"}, "driver": {fmt.Sprint(drivers[0].ID)}, "required": {"1"}},
			{"kind": {"rating"}, "driver": {fmt.Sprint(drivers[1].ID)}},
			{"kind": {"rating"}, "driver": {fmt.Sprint(drivers[2].ID)}},
			{"kind": {"priority"}, "prompt": {"Fix first?"}},
			{"kind": {"allocation"}, "prompt": {"Time?"}, "categories": {"Features\r\nBugs\r\n"}},
			{"kind": {"frequency"}, "prompt": {"AI use?"}},
			{"kind": {"number"}, "prompt": {"Hours saved?"}, "min": {"0"}, "max": {"40"}, "unit": {"hours"}},
			{"kind": {"text"}, "prompt": {"Anything else?"}, "max_length": {"500"}, "audience_roles": {"SRE, backend engineer, sre"}},
			{"kind": {"single_choice"}, "prompt": {"Where?"}, "choices": {"Home\nOffice"}},
			{"kind": {"multi_choice"}, "prompt": {"Editors?"}, "choices": {"VS Code\nVim"}},
		}
		for _, form := range good {
			form.Set("section", section)
			rec := a.post(base+"/questions", form)
			expect(t, rec, http.StatusSeeOther)
		}
		o, _ = a.s.surveys.Outline(ctx, snap.ID)
		if len(o.Questions) != len(good) {
			t.Fatalf("%d questions stored, want %d", len(o.Questions), len(good))
		}
		byKind := map[survey.Kind]survey.Question{}
		for _, q := range o.Questions {
			byKind[q.Kind] = q
		}
		if q := o.Questions[0]; q.Key != drivers[0].Key || q.Prompt != drivers[0].Statement || !q.Required {
			t.Errorf("driver rating stored as %+v", q)
		}
		if c := byKind[survey.KindAllocation].Config.Categories; strings.Join(c, "|") != "Features|Bugs" {
			t.Errorf("categories %q", c)
		}
		if q := byKind[survey.KindText]; q.AudienceRoles != "SRE, backend engineer" || q.Config.MaxLength != 500 {
			t.Errorf("text stored as %+v", q)
		}
		if c := byKind[survey.KindNumber].Config; c.Min == nil || *c.Min != 0 || *c.Max != 40 || c.Unit != "hours" {
			t.Errorf("number config %+v", c)
		}
		// Rating a driver twice is refused next to the driver.
		rec = a.post(base+"/questions", url.Values{"kind": {"rating"}, "driver": {fmt.Sprint(drivers[0].ID)}, "section": {section}})
		expect(t, rec, http.StatusUnprocessableEntity)
		if testText(rec.Body.String(), "error-driver") == "" {
			t.Errorf("second rating of a driver: no message")
		}

		checkQuestionEditMoveDelete(t, a, base, section, byKind[survey.KindFrequency])

		// A question is only reachable through its own snapshot.
		other := newSnapshot(t, a, survey.StartTemplate)
		oo, _ := a.s.surveys.Outline(ctx, other.ID)
		expect(t, a.get(fmt.Sprintf("%s/questions/%d", base, oo.Questions[0].ID)), http.StatusNotFound)
		expect(t, a.post(fmt.Sprintf("%s/questions/%d", base, oo.Questions[0].ID), url.Values{"kind": {"rating"}, "prompt": {"x"}, "section": {section}}), http.StatusNotFound)
	})
}

// checkBadQuestions posts bad questions: each comes back with its message
// next to its field and nothing lost.
func checkBadQuestions(t *testing.T, a *adminClient, base, section string) {
	t.Helper()
	// Bad questions: each message next to its field, nothing lost.
	bad := []struct {
		name  string
		form  url.Values
		field string
	}{
		{"allocation without categories", url.Values{"kind": {"allocation"}, "prompt": {"Where does your time go?"}}, "categories"},
		{"single choice with one choice", url.Values{"kind": {"single_choice"}, "prompt": {"Where?"}, "choices": {"Home\n\n"}}, "choices"},
		{"number with max below min", url.Values{"kind": {"number"}, "prompt": {"Hours?"}, "min": {"10"}, "max": {"2"}}, "max"},
		{"number that is not a number", url.Values{"kind": {"number"}, "prompt": {"Hours?"}, "min": {"ten"}}, "min"},
		{"text without a length", url.Values{"kind": {"text"}, "prompt": {"Tell us"}, "max_length": {"0"}}, "max_length"},
		{"no prompt", url.Values{"kind": {"frequency"}, "prompt": {" "}}, "prompt"},
		{"unknown kind", url.Values{"kind": {"essay"}, "prompt": {"Write"}}, "kind"},
		{"unknown driver", url.Values{"kind": {"rating"}, "driver": {"99999"}}, "driver"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			tt.form.Set("section", section)
			rec := a.post(base+"/questions", tt.form)
			expect(t, rec, http.StatusUnprocessableEntity)
			body := rec.Body.String()
			if testText(body, "error-"+tt.field) == "" {
				t.Errorf("no message next to %s", tt.field)
			}
			if p := tt.form.Get("prompt"); strings.TrimSpace(p) != "" && !strings.Contains(body, ">"+p+"</textarea>") {
				t.Errorf("prompt %q lost", p)
			}
		})
	}
}

// checkQuestionEditMoveDelete edits, moves and deletes question q.
func checkQuestionEditMoveDelete(t *testing.T, a *adminClient, base, section string, q survey.Question) {
	t.Helper()
	// Edit, move, delete.
	path := fmt.Sprintf("%s/questions/%d", base, q.ID)
	rec := a.get(path)
	expect(t, rec, http.StatusOK)
	if !strings.Contains(rec.Body.String(), ">AI use?</textarea>") {
		t.Errorf("edit form does not show the prompt")
	}
	rec = a.post(path, url.Values{"kind": {"frequency"}, "prompt": {"How often do you use AI?"}, "section": {section}, "help": {"Any assistant counts."}})
	expect(t, rec, http.StatusSeeOther)
	if rec.Header().Get("Location") != fmt.Sprintf("%s#q-%d", base, q.ID) {
		t.Errorf("location %q", rec.Header().Get("Location"))
	}
	got, _ := a.s.surveys.Question(context.Background(), q.ID)
	if got.Prompt != "How often do you use AI?" || got.Help != "Any assistant counts." || got.Position != q.Position {
		t.Errorf("edited question %+v", got)
	}
	expect(t, a.post(path+"/move", url.Values{"direction": {"up"}}), http.StatusSeeOther)
	if moved, _ := a.s.surveys.Question(context.Background(), q.ID); moved.Position != q.Position-1 {
		t.Errorf("position %d after moving up from %d", moved.Position, q.Position)
	}
	expect(t, a.post(path+"/delete", nil), http.StatusSeeOther)
	expect(t, a.get(path), http.StatusNotFound)
}
