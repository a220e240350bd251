package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/announce"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/results/resultstest"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testdb"
)

func TestAnnouncementsPreview(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		a := newAdminClient(t, db)
		draft, err := a.s.surveys.CreateSnapshot(ctx, survey.NewSnapshot{Title: "2026 Q4", Start: survey.StartTemplate, TimeZone: "UTC"}, "test")
		if err != nil {
			t.Fatal(err)
		}
		// Nothing has closed: the layout, with placeholders.
		rec := a.get(fmt.Sprintf("/admin/snapshots/%d/announcements/preview", draft.ID))
		expect(t, rec, http.StatusOK)
		body := rec.Body.String()
		for _, want := range []string{"there are no numbers", "Results of *2026 Q4* are in: participation X% (N of M)", "Voice of the developer: 2026 Q4"} {
			if !strings.Contains(body, want) {
				t.Fatalf("placeholder preview lacks %q:\n%s", want, body)
			}
		}

		// The email's HTML is a document of its own, framed, under a policy
		// that lets its inline styles apply and nothing else.
		if !strings.Contains(body, fmt.Sprintf(`src="/admin/snapshots/%d/announcements/preview/voice"`, draft.ID)) {
			t.Error("the preview does not frame the email's own document")
		}
		rec = a.get(fmt.Sprintf("/admin/snapshots/%d/announcements/preview/voice", draft.ID))
		expect(t, rec, http.StatusOK)
		if csp := rec.Header().Get("Content-Security-Policy"); csp != mailPreviewPolicy ||
			!strings.Contains(rec.Body.String(), `<h1 style="font-size: 22px; margin-bottom: 4px;">Voice of the developer: 2026 Q4</h1>`) {
			t.Errorf("email document: policy %q\n%s", csp, rec.Body)
		}

		// With 2026 Q3 closed, its numbers fill the messages of Q4.
		w := resultstest.New(t, db, 5)
		people := w.Add(t, "Eng/Platform", 6, "backend", directory.Remote)
		teamID := w.Teams["Eng/Platform"].ID
		if _, err := directory.AddGrant(ctx, db, people[0].ID, directory.RoleLead, &teamID); err != nil {
			t.Fatal(err)
		}
		db.Model(&directory.Person{}).Where("id = ?", people[0].ID).Update("slack_user_id", "ULEAD")
		q3 := w.Snapshot(t, "2026 Q3", func(p directory.Person) *resultstest.Answers {
			if p.TeamID == nil {
				return nil // the admin does not answer
			}
			return &resultstest.Answers{Ratings: map[string]int{survey.KeyOverall: 4}}
		})
		builder := a.get(fmt.Sprintf("/admin/snapshots/%d", draft.ID))
		expect(t, builder, http.StatusOK)
		if !strings.Contains(builder.Body.String(), `data-testid="announcements-preview-link"`) {
			t.Fatal("the snapshot page has no link to preview announcements")
		}
		rec = a.get(fmt.Sprintf("/admin/snapshots/%d/announcements/preview", draft.ID))
		expect(t, rec, http.StatusOK)
		body = rec.Body.String()
		for _, want := range []string{
			"Preview with the numbers of 2026 Q3; the messages use this snapshot&#39;s numbers when it closes.", // the apostrophe as the page escapes it
			"Results of *2026 Q3* are in: participation 86% (6 of 7), overall satisfaction 100%",
			fmt.Sprintf("/teams/%d?snapshot=%d|Eng/Platform&gt;: overall satisfaction 100%% from 6 responses.", teamID, q3.Snapshot.ID),
			`data-testid="voice-subject">Voice of the developer: 2026 Q3<`,
			"Participation: 86%",
		} {
			if !strings.Contains(body, want) {
				t.Errorf("preview lacks %q", want)
			}
		}
		if t.Failed() {
			t.Log(body)
		}

		// The sent list shows a failure with a retry that queues a send.
		now := time.Now().UTC()
		failed := announce.Announcement{SnapshotID: q3.Snapshot.ID, Kind: announce.KindVoice, Recipient: "cto@example.com",
			Status: announce.Failed, Error: "notify: send mail: 550 mailbox unavailable", Attempts: 5, CreatedAt: now}
		db.Create(&failed)
		rec = a.get(fmt.Sprintf("/admin/snapshots/%d/announcements", q3.Snapshot.ID))
		expect(t, rec, http.StatusOK)
		if body := rec.Body.String(); !strings.Contains(body, "550 mailbox unavailable") || !strings.Contains(body, `data-testid="announcement-retry"`) {
			t.Fatalf("announcements page:\n%s", body)
		}
		rec = a.post(fmt.Sprintf("/admin/snapshots/%d/announcements/%d/retry", q3.Snapshot.ID, failed.ID), nil)
		expect(t, rec, http.StatusSeeOther)
		var jobs int64
		db.Table("river_job").Where("kind = ?", "announcement_send").Count(&jobs)
		if jobs != 1 {
			t.Fatalf("%d send jobs queued, want 1", jobs)
		}
		rec = a.post(fmt.Sprintf("/admin/snapshots/%d/announcements/%d/retry", draft.ID, failed.ID), nil)
		expect(t, rec, http.StatusNotFound)
	})
}
