package web

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/events"
	"github.com/devpulse/devpulse/internal/insight"
	"github.com/devpulse/devpulse/internal/pulse"
	"github.com/devpulse/devpulse/internal/testdb"
)

func TestOwnersWeeklyViewMatchesTheStoredAnswers(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		l := startPulseLive(t, db, nil)
		var members []directory.Person
		for i := 0; i < 9; i++ {
			members = append(members, directory.Person{Email: fmt.Sprintf("m%d@example.com", i)})
		}
		team, adm, people := pulseOrg(t, db, members...)
		prog := deployProgramme(t, l.pulse.svc)
		ctx := context.Background()
		lastWeek := time.Now().UTC().AddDate(0, 0, -8).Format(time.RFC3339)
		for i, p := range people {
			occurred := ""
			if i >= 7 { // two people's deploys were last week
				occurred = lastWeek
			}
			body := fmt.Sprintf(`{"type": "deploy.completed", "person": %q, "key": "k%d", "occurred_at": %q,
				"context": {"repository": "acme/shop", "commit": "c0ffee%d", "url": "https://ci.example.com/%d"}}`, p.Email, i, occurred, i, i)
			if status, out := l.apiCall(t, "POST", "/api/v1/events", l.token, body, nil); status != http.StatusAccepted {
				t.Fatalf("event: %d %v", status, out)
			}
		}
		ratings := []int{5, 4, 4, 2, 1, 5, 0, 3, 5} // person 6 does not answer
		for i, p := range people {
			ask := waitAsk(t, db, p.ID)
			if ratings[i] == 0 {
				continue
			}
			r := pulse.Reply{Rating: ratings[i], Channel: "email", Comment: fmt.Sprintf("comment %d", i), ShareContext: i == 0}
			if _, err := l.pulse.svc.Answer(ctx, ask.ID, r); err != nil {
				t.Fatal(err)
			}
		}
		l.signInLive(t, db, adm.ID)
		pg := l.get(t, fmt.Sprintf("/teams/%d/pulse/%d", team.ID, prog.ID))
		if pg.status != http.StatusOK {
			t.Fatalf("weekly view: %d", pg.status)
		}
		thisWeek := events.ISOWeek(time.Now())
		// Recompute from the stored rows.
		var want struct{ Asks, Answers, Fav int }
		db.Raw("SELECT COUNT(*) FROM pulse_asks WHERE programme_id = ? AND iso_week = ? AND state IN ('open', 'answered')", prog.ID, thisWeek).Scan(&want.Asks)
		db.Raw("SELECT COUNT(*) FROM pulse_answers WHERE programme_id = ? AND iso_week = ?", prog.ID, thisWeek).Scan(&want.Answers)
		db.Raw("SELECT COUNT(*) FROM pulse_answers WHERE programme_id = ? AND iso_week = ? AND rating >= 4", prog.ID, thisWeek).Scan(&want.Fav)
		if want.Asks != 7 || want.Answers != 6 {
			t.Fatalf("stored %+v", want)
		}
		week := section(t, pg.body, "pulse-week-"+thisWeek)
		for id, v := range map[string]string{
			"pulse-asks":      fmt.Sprint(want.Asks),
			"pulse-answers":   fmt.Sprint(want.Answers),
			"pulse-rate":      fmt.Sprintf("%d%%", insight.Percent(want.Answers, want.Asks).Value),
			"pulse-favorable": fmt.Sprintf("%d%%", insight.Percent(want.Fav, want.Answers).Value),
			"pulse-dist-4":    "2",
			"pulse-dist-5":    "2",
		} {
			if got := testidText(week, id); got != v {
				t.Errorf("%s = %q, want %q", id, got, v)
			}
		}
		// Identifying context only for the person who agreed.
		if !strings.Contains(week, "comment 0") || !strings.Contains(week, "c0ffee0") || strings.Contains(week, "c0ffee1") || strings.Contains(week, "ci.example.com/3") {
			t.Errorf("context shown wrongly:\n%s", week)
		}
		if !strings.Contains(week, "repository: acme/shop") {
			t.Errorf("non-identifying context missing")
		}
		// Last week had two answers, under k: nothing of it shows.
		last := section(t, pg.body, "pulse-week-"+events.ISOWeek(time.Now().AddDate(0, 0, -8)))
		if !strings.Contains(last, "pulse-week-hidden") || strings.Contains(last, "comment 7") || strings.Contains(last, "pulse-answers") {
			t.Errorf("a week under k shows numbers:\n%s", last)
		}
		// Another team's URL for the programme: not found.
		other, _ := directory.EnsureTeam(ctx, db, "Eng/Other")
		if pg = l.get(t, fmt.Sprintf("/teams/%d/pulse/%d", other.ID, prog.ID)); pg.status != http.StatusNotFound {
			t.Errorf("programme under another team: %d", pg.status)
		}
	})
}

// section returns the HTML of the element with the data-testid, up to the
// next section of the same kind.
func section(t *testing.T, body, testid string) string {
	t.Helper()
	i := strings.Index(body, `data-testid="`+testid+`"`)
	if i < 0 {
		t.Fatalf("no %s on the page", testid)
	}
	rest := body[i:]
	if j := strings.Index(rest[1:], `data-testid="pulse-week-2`); j >= 0 {
		rest = rest[:j+1]
	}
	return rest
}

func testidText(html, testid string) string {
	m := regexp.MustCompile(`data-testid="` + testid + `"[^>]*>([^<]*)<`).FindStringSubmatch(html)
	if m == nil {
		return ""
	}
	return m[1]
}
