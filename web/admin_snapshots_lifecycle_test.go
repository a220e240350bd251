package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testdb"
)

func TestSnapshotLifecycle(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		a := newAdminClient(t, db)
		ctx := context.Background()
		snap := newSnapshot(t, a, survey.StartTemplate)
		base := fmt.Sprintf("/admin/snapshots/%d", snap.ID)
		state := func() string {
			s, _ := a.s.surveys.Snapshot(ctx, snap.ID)
			return s.State
		}

		// Without times, scheduling shows everything missing at once, next
		// to each field.
		rec := a.post(base+"/schedule", nil)
		expect(t, rec, http.StatusUnprocessableEntity)
		if testText(rec.Body.String(), "error-opens_at") == "" || testText(rec.Body.String(), "error-closes_at") == "" || state() != survey.Draft {
			t.Fatalf("schedule without times: messages %q and %q, state %s", testText(rec.Body.String(), "error-opens_at"),
				testText(rec.Body.String(), "error-closes_at"), state())
		}

		berlin, _ := time.LoadLocation("Europe/Berlin")
		opens := time.Now().In(berlin).Add(48 * time.Hour)
		expect(t, a.post(base+"/settings", url.Values{"title": {"2026 Q4"}, "time_zone": {"Europe/Berlin"}, "audience": {"all"},
			"opens_at": {opens.Format(localInputLayout)}, "closes_at": {opens.Add(14 * 24 * time.Hour).Format(localInputLayout)}}), http.StatusSeeOther)
		a.flash = nil
		rec = a.post(base+"/schedule", nil)
		expect(t, rec, http.StatusSeeOther)
		if state() != survey.Scheduled || !strings.Contains(testText(a.get(base).Body.String(), "flash"), "Scheduled: opens") {
			t.Fatalf("after schedule: %s", state())
		}
		// The page offers what the state allows.
		body := a.get(base).Body.String()
		if !strings.Contains(body, `data-testid="snapshot-open"`) || strings.Contains(body, `data-testid="snapshot-schedule"`) {
			t.Errorf("a scheduled snapshot offers the wrong actions")
		}

		// A step the state does not allow is a message, not an error page.
		rec = a.post(base+"/publish", nil)
		expect(t, rec, http.StatusSeeOther)
		if got := testText(a.get(base).Body.String(), "flash"); !strings.Contains(got, "not possible while the snapshot is scheduled") {
			t.Errorf("publish while scheduled: flash %q", got)
		}

		expect(t, a.post(base+"/unschedule", nil), http.StatusSeeOther)
		if state() != survey.Draft {
			t.Fatalf("after unschedule: %s", state())
		}
		expect(t, a.post(base+"/schedule", nil), http.StatusSeeOther)
		expect(t, a.post(base+"/open", nil), http.StatusSeeOther)
		if state() != survey.Open {
			t.Fatalf("after open now: %s", state())
		}

		checkFrozenOnceOpen(t, a, snap.ID, base)

		// Extend: earlier is refused next to the field, later is stored.
		current, _ := a.s.surveys.Snapshot(ctx, snap.ID)
		earlier := current.ClosesAt.In(berlin).Add(-time.Hour).Format(localInputLayout)
		rec = a.post(base+"/extend", url.Values{"closes_at": {earlier}})
		expect(t, rec, http.StatusUnprocessableEntity)
		if testText(rec.Body.String(), "error-closes_at") == "" || inputValue(rec.Body.String(), "extend-closes") != earlier {
			t.Errorf("extend to earlier: message %q, value %q", testText(rec.Body.String(), "error-closes_at"), inputValue(rec.Body.String(), "extend-closes"))
		}
		later := current.ClosesAt.In(berlin).Add(72 * time.Hour).Truncate(time.Minute)
		expect(t, a.post(base+"/extend", url.Values{"closes_at": {later.Format(localInputLayout)}}), http.StatusSeeOther)
		if extended, _ := a.s.surveys.Snapshot(ctx, snap.ID); !extended.ClosesAt.Equal(later) {
			t.Errorf("closes at %v, want %v", extended.ClosesAt, later)
		}

		expect(t, a.post(base+"/close", nil), http.StatusSeeOther)
		expect(t, a.post(base+"/publish", nil), http.StatusSeeOther)
		if state() != survey.Published {
			t.Fatalf("after publish: %s", state())
		}
		expect(t, a.post("/admin/snapshots/99999/open", nil), http.StatusNotFound)
	})
}

// checkFrozenOnceOpen: an open snapshot's questions and sections cannot
// change, and the form says so without losing what was entered.
func checkFrozenOnceOpen(t *testing.T, a *adminClient, id int64, base string) {
	t.Helper()
	// Open: questions are frozen, and the form says so without losing input.
	o, _ := a.s.surveys.Outline(context.Background(), id)
	q := o.Questions[0]
	rec := a.post(fmt.Sprintf("%s/questions/%d", base, q.ID), url.Values{"kind": {"rating"}, "prompt": {"A new wording"}, "section": {fmt.Sprint(q.SectionID)}})
	expect(t, rec, http.StatusConflict)
	if !strings.Contains(testText(rec.Body.String(), "form-notice"), "can no longer change") || !strings.Contains(rec.Body.String(), ">A new wording</textarea>") {
		t.Errorf("edit after open: notice %q", testText(rec.Body.String(), "form-notice"))
	}
	expect(t, a.get(fmt.Sprintf("%s/questions/new?section=%d", base, q.SectionID)), http.StatusConflict)
	expect(t, a.post(base+"/sections", url.Values{"section_title": {"Late"}}), http.StatusConflict)
	if body := a.get(base).Body.String(); strings.Contains(body, `data-testid="question-add"`) || strings.Contains(body, `data-testid="snapshot-settings-form"`) {
		t.Errorf("an open snapshot still offers editing")
	}
}

// TestScheduleNeedsDriversForPriority: a priority question with fewer than
// three rated drivers stops scheduling with a message on the questions.
func TestScheduleNeedsDriversForPriority(t *testing.T) {
	a := newAdminClient(t, testdb.SQLite(t))
	snap := newSnapshot(t, a, survey.StartBlank)
	base := fmt.Sprintf("/admin/snapshots/%d", snap.ID)
	expect(t, a.post(base+"/sections", url.Values{"section_title": {"Only"}}), http.StatusSeeOther)
	o, _ := a.s.surveys.Outline(context.Background(), snap.ID)
	expect(t, a.post(base+"/questions", url.Values{"kind": {"priority"}, "prompt": {"Fix first?"}, "section": {fmt.Sprint(o.Sections[0].ID)}}), http.StatusSeeOther)
	opens := time.Now().Add(24 * time.Hour)
	expect(t, a.post(base+"/settings", url.Values{"title": {"Q"}, "time_zone": {"UTC"}, "audience": {"all"},
		"opens_at": {opens.UTC().Format(localInputLayout)}, "closes_at": {opens.Add(24 * time.Hour).UTC().Format(localInputLayout)}}), http.StatusSeeOther)
	rec := a.post(base+"/schedule", nil)
	expect(t, rec, http.StatusUnprocessableEntity)
	if !strings.Contains(testText(rec.Body.String(), "error-questions"), "at least 3 rated drivers") {
		t.Errorf("message %q", testText(rec.Body.String(), "error-questions"))
	}
}

func TestSnapshotPreview(t *testing.T) {
	a := newAdminClient(t, testdb.SQLite(t))
	snap := newSnapshot(t, a, survey.StartTemplate)
	base := fmt.Sprintf("/admin/snapshots/%d/preview", snap.ID)

	rec := a.get(base)
	expect(t, rec, http.StatusOK)
	body := rec.Body.String()
	if n := strings.Count(body, `<fieldset class="q q-kind-rating"`); n != 15 {
		t.Errorf("first section shows %d ratings, want 15", n)
	}
	if !strings.Contains(body, "Section 1 of 5") || !strings.Contains(body, "Not applicable") || strings.Contains(body, "preview-stage preview-phone") {
		t.Errorf("first section lacks progress or not applicable, or is framed as a phone")
	}
	if !strings.Contains(body, `<form class="survey-form" data-testid="survey-form" data-preview>`) {
		t.Errorf("the preview form must post nowhere")
	}
	// The priority section offers the snapshot's rated drivers.
	body = a.get(base + "?section=2&width=phone").Body.String()
	if n := strings.Count(body, `type="checkbox"`); n != 15 {
		t.Errorf("priority offers %d drivers, want 15", n)
	}
	if !strings.Contains(body, "Pick up to 3.") || !strings.Contains(body, `preview-stage preview-phone`) {
		t.Errorf("priority section lacks its hint or the phone frame")
	}
	// Time allocation and the last section.
	body = a.get(base + "?section=3").Body.String()
	if n := strings.Count(body, `min="0" max="100"`); n != len(survey.TimeCategories) || !strings.Contains(body, "total 100") {
		t.Errorf("allocation shows %d inputs", n)
	}
	body = a.get(base + "?section=99").Body.String()
	if !strings.Contains(body, "Section 5 of 5") || !strings.Contains(body, `maxlength="2000"`) || !strings.Contains(body, "Submit answers</button>") {
		t.Errorf("last section: no progress, text limit or (disabled) submit")
	}
	expect(t, a.get("/admin/snapshots/99999/preview"), http.StatusNotFound)
}
