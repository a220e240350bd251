package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testdb"
)

func TestSnapshotCreate(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		a := newAdminClient(t, db)
		rec := a.get("/admin/snapshots")
		expect(t, rec, http.StatusOK)
		if !strings.Contains(rec.Body.String(), `data-testid="snapshots-empty"`) {
			t.Errorf("an empty list should say how to start")
		}
		rec = a.get("/admin/snapshots/new")
		expect(t, rec, http.StatusOK)
		if !strings.Contains(rec.Body.String(), `<option value="UTC" selected>`) {
			t.Errorf("UTC should be the default time zone")
		}

		rec = a.post("/admin/snapshots", url.Values{"title": {" "}, "start": {"template"}, "time_zone": {"Europe/Berlin"}})
		expect(t, rec, http.StatusUnprocessableEntity)
		if testText(rec.Body.String(), "error-title") == "" || !strings.Contains(rec.Body.String(), `<option value="Europe/Berlin" selected>`) {
			t.Errorf("missing title: no message, or the time zone was lost")
		}

		rec = a.post("/admin/snapshots", url.Values{"title": {"2026 Q4"}, "start": {"template"}, "time_zone": {"Europe/Berlin"}})
		expect(t, rec, http.StatusSeeOther)
		snaps, _ := a.s.surveys.Snapshots(context.Background())
		if len(snaps) != 1 || rec.Header().Get("Location") != fmt.Sprintf("/admin/snapshots/%d", snaps[0].ID) || snaps[0].TimeZone != "Europe/Berlin" {
			t.Fatalf("created %+v, location %q", snaps, rec.Header().Get("Location"))
		}
		rec = a.get(rec.Header().Get("Location"))
		expect(t, rec, http.StatusOK)
		body := rec.Body.String()
		if n := strings.Count(body, `data-testid="builder-section"`); n != 5 {
			t.Errorf("builder shows %d sections, want the template's 5", n)
		}
		if n := strings.Count(body, `data-testid="builder-question"`); n != 21 {
			t.Errorf("builder shows %d questions, want 21", n)
		}
		if !strings.Contains(testText(body, "flash"), "Draft") {
			t.Errorf("flash %q", testText(body, "flash"))
		}

		// A copy of it, chosen from the list of earlier snapshots.
		expect(t, a.post("/admin/snapshots", url.Values{"title": {"2027 Q1"}, "start": {"copy"}, "copy_from": {"99"}}), http.StatusUnprocessableEntity)
		rec = a.post("/admin/snapshots", url.Values{"title": {"2027 Q1"}, "start": {"copy"}, "copy_from": {fmt.Sprint(snaps[0].ID)}})
		expect(t, rec, http.StatusSeeOther)
		rec = a.get("/admin/snapshots")
		if n := strings.Count(rec.Body.String(), `data-testid="snapshot-row"`); n != 2 {
			t.Errorf("%d snapshots listed", n)
		}
		expect(t, a.get("/admin/snapshots/99999"), http.StatusNotFound)
	})
}

func TestSnapshotSettings(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		a := newAdminClient(t, db)
		ctx := context.Background()
		team, err := directory.EnsureTeam(ctx, db, "Engineering/Platform")
		if err != nil {
			t.Fatal(err)
		}
		snap := newSnapshot(t, a, survey.StartTemplate)
		path := fmt.Sprintf("/admin/snapshots/%d/settings", snap.ID)

		// Close before open: the message sits next to the close time, and
		// every value stays as entered.
		form := url.Values{"title": {"2026 Q4 (pilot)"}, "time_zone": {"Europe/Berlin"},
			"opens_at": {"2026-10-05T09:00"}, "closes_at": {"2026-10-01T17:00"}, "audience": {"all"}}
		rec := a.post(path, form)
		expect(t, rec, http.StatusUnprocessableEntity)
		body := rec.Body.String()
		if testText(body, "error-closes_at") == "" || inputValue(body, "set-opens") != "2026-10-05T09:00" || inputValue(body, "set-title") != "2026 Q4 (pilot)" {
			t.Errorf("close before open: message %q, opens %q, title %q", testText(body, "error-closes_at"), inputValue(body, "set-opens"), inputValue(body, "set-title"))
		}

		// Chosen teams, but none ticked.
		form.Set("closes_at", "2026-10-19T17:00")
		form.Set("audience", "teams")
		rec = a.post(path, form)
		expect(t, rec, http.StatusUnprocessableEntity)
		if testText(rec.Body.String(), "error-teams") == "" {
			t.Errorf("no message for a team audience without teams")
		}

		// A reminder schedule that makes no sense.
		form.Set("teams", fmt.Sprint(team.ID))
		form.Set("reminder_days", "3,45")
		rec = a.post(path, form)
		expect(t, rec, http.StatusUnprocessableEntity)
		if testText(rec.Body.String(), "error-reminder_days") == "" || inputValue(rec.Body.String(), "set-reminders") != "3,45" {
			t.Errorf("no message for reminders 45 days out")
		}

		// Good settings: times are wall clock in the snapshot's zone.
		form.Set("reminder_days", "5, 1")
		rec = a.post(path, form)
		expect(t, rec, http.StatusSeeOther)
		o, _ := a.s.surveys.Outline(ctx, snap.ID)
		want := time.Date(2026, 10, 5, 7, 0, 0, 0, time.UTC) // 09:00 in Berlin, summer time
		if o.Snapshot.OpensAt == nil || !o.Snapshot.OpensAt.Equal(want) || o.Snapshot.AudienceAll || len(o.TeamIDs) != 1 || o.Snapshot.ReminderDays != "5,1" {
			t.Fatalf("stored %+v teams %v", o.Snapshot, o.TeamIDs)
		}
		body = a.get(fmt.Sprintf("/admin/snapshots/%d", snap.ID)).Body.String()
		if inputValue(body, "set-opens") != "2026-10-05T09:00" || !strings.Contains(body, "Engineering/Platform") {
			t.Errorf("builder shows opens %q", inputValue(body, "set-opens"))
		}
		if got := testText(body, "snapshot-opens"); got != "Mon 5 Oct 2026, 09:00 CEST" {
			t.Errorf("open time shown as %q", got)
		}

		form.Set("opens_at", "next monday")
		rec = a.post(path, form)
		expect(t, rec, http.StatusUnprocessableEntity)
		if testText(rec.Body.String(), "error-opens_at") == "" {
			t.Errorf("no message for an unreadable time")
		}
	})
}

func TestSnapshotSections(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		a := newAdminClient(t, db)
		snap := newSnapshot(t, a, survey.StartBlank)
		base := fmt.Sprintf("/admin/snapshots/%d", snap.ID)

		rec := a.post(base+"/sections", url.Values{"section_title": {"  "}})
		expect(t, rec, http.StatusUnprocessableEntity)
		if testText(rec.Body.String(), "error-section_title") == "" {
			t.Errorf("empty section title: no message")
		}
		var ids []int64
		for _, title := range []string{"First", "Second"} {
			rec = a.post(base+"/sections", url.Values{"section_title": {title}})
			expect(t, rec, http.StatusSeeOther)
			o, _ := a.s.surveys.Outline(context.Background(), snap.ID)
			id := o.Sections[len(o.Sections)-1].ID
			ids = append(ids, id)
			if rec.Header().Get("Location") != fmt.Sprintf("%s#s-%d", base, id) {
				t.Errorf("location %q", rec.Header().Get("Location"))
			}
		}
		second := fmt.Sprintf("%s/sections/%d", base, ids[1])
		rec = a.post(second, url.Values{"section_title": {""}})
		expect(t, rec, http.StatusUnprocessableEntity)
		if testText(rec.Body.String(), "error-section_title") == "" {
			t.Errorf("empty rename: no message")
		}
		expect(t, a.post(second, url.Values{"section_title": {"Tools"}}), http.StatusSeeOther)
		expect(t, a.post(second+"/move", url.Values{"direction": {"up"}}), http.StatusSeeOther)
		o, _ := a.s.surveys.Outline(context.Background(), snap.ID)
		if o.Sections[0].Title != "Tools" || o.Sections[1].Title != "First" {
			t.Fatalf("sections %+v", o.Sections)
		}
		expect(t, a.post(second+"/delete", nil), http.StatusSeeOther)
		o, _ = a.s.surveys.Outline(context.Background(), snap.ID)
		if len(o.Sections) != 1 {
			t.Fatalf("%d sections after delete", len(o.Sections))
		}
		// A section of another snapshot is not found through this one.
		other := newSnapshot(t, a, survey.StartTemplate)
		oo, _ := a.s.surveys.Outline(context.Background(), other.ID)
		expect(t, a.post(fmt.Sprintf("%s/sections/%d/delete", base, oo.Sections[0].ID), nil), http.StatusNotFound)
	})
}

// newSnapshot creates a snapshot through the form.
func newSnapshot(t *testing.T, a *adminClient, start string) survey.Snapshot {
	t.Helper()
	rec := a.post("/admin/snapshots", url.Values{"title": {"Snapshot " + start}, "start": {start}, "time_zone": {"Europe/Berlin"}})
	expect(t, rec, http.StatusSeeOther)
	a.flash = nil
	snaps, err := a.s.surveys.Snapshots(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return snaps[0]
}

// TestSurveyPagesKeepTheCSP: no inline style or script on any survey
// admin page (the Content-Security-Policy would block them).
func TestSurveyPagesKeepTheCSP(t *testing.T) {
	a := newAdminClient(t, testdb.SQLite(t))
	snap := newSnapshot(t, a, survey.StartTemplate)
	o, _ := a.s.surveys.Outline(context.Background(), snap.ID)
	base := fmt.Sprintf("/admin/snapshots/%d", snap.ID)
	for _, path := range []string{"/admin/drivers", "/admin/drivers/1", "/admin/snapshots", "/admin/snapshots/new", base,
		base + "/preview", base + "/preview?section=3&width=phone", fmt.Sprintf("%s/questions/%d", base, o.Questions[0].ID),
		fmt.Sprintf("%s/questions/new?section=%d", base, o.Sections[0].ID)} {
		rec := a.get(path)
		expect(t, rec, http.StatusOK)
		body := rec.Body.String()
		if strings.Contains(body, " style=") || strings.Contains(body, "<style") || strings.Contains(body, "<script>") || strings.Contains(body, " on") && regexp.MustCompile(`\son[a-z]+=`).MatchString(body) {
			t.Errorf("%s has inline style or script", path)
		}
	}
}
