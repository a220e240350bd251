package web

import (
	"context"
	"fmt"
	"html"
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

// The snapshot page says what each irreversible step will do before it is
// taken, how many have answered, and when a closed snapshot has too few
// answers to show anything.
func TestSnapshotPageSaysWhatHappens(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		a := newAdminClient(t, db)
		ctx := context.Background()
		for i := range 6 {
			p := directory.Person{Email: fmt.Sprintf("dev%d@example.com", i), Name: fmt.Sprintf("Dev %d", i), Active: true, CreatedAt: time.Now(), UpdatedAt: time.Now()}
			if err := directory.NewStore(db).CreatePerson(ctx, &p); err != nil {
				t.Fatal(err)
			}
		}
		snap := newSnapshot(t, a, survey.StartTemplate)
		base := fmt.Sprintf("/admin/snapshots/%d", snap.ID)
		opens := time.Now().Add(48 * time.Hour)
		expect(t, a.post(base+"/settings", url.Values{"title": {"2026 Q4"}, "time_zone": {"UTC"}, "audience": {"all"},
			"opens_at": {opens.Format(localInputLayout)}, "closes_at": {opens.Add(14 * 24 * time.Hour).Format(localInputLayout)}}), http.StatusSeeOther)
		expect(t, a.post(base+"/schedule", nil), http.StatusSeeOther)

		page := a.get(base).Body.String()
		want := "Open “2026 Q4” now? This invites 7 people (no email or Slack is configured"
		if got := confirmOf(page, "open"); !strings.HasPrefix(got, want) {
			t.Errorf("open asks %q, want it to start %q", got, want)
		}
		if got := pageText(page); !strings.Contains(got, "Opening invites 7 people") {
			t.Errorf("the scheduled page does not say how many opening invites:\n%s", got)
		}

		expect(t, a.post(base+"/open", nil), http.StatusSeeOther)
		if _, err := a.s.responses.Invite(ctx, snap.ID); err != nil { // the job the open queued
			t.Fatal(err)
		}
		page = a.get(base).Body.String()
		if got := pageText(page); !strings.Contains(got, "Answered so far: 0–10% of 7 invited") {
			t.Errorf("the open page does not show participation in bands:\n%s", got)
		}
		if got := confirmOf(page, "close"); !strings.Contains(got, "Answered so far: 0–10% of 7 invited. Nobody can answer after this") {
			t.Errorf("close asks %q", got)
		}

		expect(t, a.post(base+"/close", nil), http.StatusSeeOther)
		if _, err := a.s.results.Materialise(ctx, snap.ID, "test"); err != nil {
			t.Fatal(err)
		}
		page = pageText(a.get(base).Body.String())
		if !strings.Contains(page, "Only 0 people answered, fewer than the minimum group size of 5, so no results of this snapshot are shown anywhere") ||
			strings.Contains(page, "the results are on the dashboards") {
			t.Errorf("a closed snapshot without answers claims results:\n%s", page)
		}
	})
}

// confirmOf is the question a lifecycle button's form asks first.
func confirmOf(page, action string) string {
	re := regexp.MustCompile(`<form[^>]*data-confirm="([^"]*)"[^>]*>\s*<input[^>]*>\s*<button[^>]*data-testid="snapshot-` + action + `"`)
	if m := re.FindStringSubmatch(page); m != nil {
		return html.UnescapeString(m[1])
	}
	return ""
}

// pageText is a page's text with tags removed and spaces folded.
func pageText(page string) string {
	text := regexp.MustCompile(`<[^>]*>`).ReplaceAllString(page, " ")
	return strings.Join(strings.Fields(html.UnescapeString(text)), " ")
}
