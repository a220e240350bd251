package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/events"
	"github.com/devpulse/devpulse/internal/insight"
	"github.com/devpulse/devpulse/internal/pulse"
	"github.com/devpulse/devpulse/internal/results/resultstest"
	"github.com/devpulse/devpulse/internal/testdb"
)

// storeAsk stores one person's event and ask in the week of at, and the
// answer when rating is 1..5, as the pulse service leaves them.
func storeAsk(t *testing.T, db *gorm.DB, prog pulse.Programme, p directory.Person, at time.Time, rating int) {
	t.Helper()
	id := p.ID
	ev := events.Event{Key: fmt.Sprintf("e-%d-%d", p.ID, at.Unix()), Type: prog.EventType, PersonRef: p.Email, PersonID: &id, TeamID: p.TeamID,
		ISOWeek: events.ISOWeek(at), OccurredAt: at, ReceivedAt: at, Source: events.SourceAPI, Context: "{}"}
	if err := db.Create(&ev).Error; err != nil {
		t.Fatal(err)
	}
	a := pulse.Ask{ProgrammeID: prog.ID, PersonID: p.ID, TeamID: p.TeamID, EventID: ev.ID, ISOWeek: ev.ISOWeek, State: pulse.StateOpen,
		Channel: "email", SendAt: at, SentAt: &at, ExpiresAt: at.Add(72 * time.Hour), CreatedAt: at}
	if rating > 0 {
		a.State = pulse.StateAnswered
	}
	if err := db.Create(&a).Error; err != nil {
		t.Fatal(err)
	}
	if rating > 0 {
		ans := pulse.Answer{AskID: a.ID, ProgrammeID: prog.ID, TeamID: p.TeamID, ISOWeek: a.ISOWeek, Rating: rating, Context: "{}", Channel: "email", AnsweredAt: at}
		if err := db.Create(&ans).Error; err != nil {
			t.Fatal(err)
		}
	}
}

// storedWeek recomputes a programme week from the stored rows.
func storedWeek(db *gorm.DB, progID int64, week string) (asks, answers, fav int) {
	db.Raw("SELECT COUNT(*) FROM pulse_asks WHERE programme_id = ? AND iso_week = ? AND state IN ('open', 'answered')", progID, week).Scan(&asks)
	db.Raw("SELECT COUNT(*) FROM pulse_answers WHERE programme_id = ? AND iso_week = ?", progID, week).Scan(&answers)
	db.Raw("SELECT COUNT(*) FROM pulse_answers WHERE programme_id = ? AND iso_week = ? AND rating IN (4, 5)", progID, week).Scan(&fav)
	return
}

// storedParticipation recomputes a snapshot's participation of the given
// teams (nil: everyone) from the invitations.
func storedParticipation(db *gorm.DB, snapID int64, teams []int64) insight.Score {
	var invited, submitted int
	where, args := "snapshot_id = ?", []any{snapID}
	if teams != nil {
		where, args = where+" AND team_id IN ?", append(args, teams)
	}
	db.Table("invitations").Where(where, args...).Select("COUNT(*)").Scan(&invited)
	db.Table("invitations").Where(where, args...).Where("submitted").Select("COUNT(*)").Scan(&submitted)
	return insight.Participation(submitted, invited)
}

// pulseRow is the table row of one week in a pulse section.
func pulseRow(t *testing.T, html, week string) string {
	t.Helper()
	i := strings.Index(html, `data-testid="pulse-row-`+week+`"`)
	if i < 0 {
		t.Fatalf("no row for %s in:\n%s", week, html)
	}
	row := html[i:]
	return row[:strings.Index(row, "</tr>")]
}

// pulseSection is the pulse section of a page read by who.
func pulseSection(t *testing.T, f *fixture, s *Server, path, testid string, who persona) string {
	t.Helper()
	rec := f.formRequest(t, s, http.MethodGet, path, who, nil)
	body := rec.Body.String()
	i := strings.Index(body, `data-testid="`+testid+`"`)
	if rec.Code != http.StatusOK || i < 0 {
		t.Fatalf("%s: %d, no %s", path, rec.Code, testid)
	}
	return body[i:]
}

// checkPulseWeeks: every week shows what the stored rows say (the second
// week, with 3 answers, nothing), and the recent response rate sums the
// shown weeks.
func checkPulseWeeks(t *testing.T, db *gorm.DB, sec, prefix string, progID int64, weeks []string) {
	t.Helper()
	var sumAsks, sumAnswers int
	for i, week := range weeks {
		row := pulseRow(t, sec, week)
		asks, answers, fav := storedWeek(db, progID, week)
		if i == 1 {
			if answers != 3 || !strings.Contains(row, "too few answers") || strings.Contains(row, prefix+"-favorable") {
				t.Errorf("%s: a week of %d answers shows: %s", prefix, answers, row)
			}
			continue
		}
		sumAsks, sumAnswers = sumAsks+asks, sumAnswers+answers
		if got, want := testidText(row, prefix+"-favorable"), fmt.Sprintf("%d%%", insight.Percent(fav, answers).Value); got != want {
			t.Errorf("%s %s favorable %q, want %q", prefix, week, got, want)
		}
		if !strings.Contains(row, fmt.Sprintf(">%d</td>", asks)) || !strings.Contains(row, fmt.Sprintf(">%d%%</td>", insight.Percent(answers, asks).Value)) {
			t.Errorf("%s %s: asks %d, answers %d not in %s", prefix, week, asks, answers, row)
		}
	}
	if got, want := testidText(sec, prefix+"-recent-rate"), fmt.Sprintf("%d%%", insight.Percent(sumAnswers, sumAsks).Value); got != want {
		t.Errorf("%s recent response rate %q, want %q", prefix, got, want)
	}
}

// checkQuarter: the quarterly point in a week's row.
func checkQuarter(t *testing.T, sec, prefix, week, want string) {
	t.Helper()
	if got := testidText(pulseRow(t, sec, week), prefix+"-quarter"); got != want {
		t.Errorf("%s quarter at %s = %q, want %q", prefix, week, got, want)
	}
}

func checkTeamPulse(t *testing.T, f *fixture, s *Server, db *gorm.DB, progID int64, team directory.Team, weeks []string, q1Week string, q2ID int64) {
	t.Helper()
	sec := pulseSection(t, f, s, fmt.Sprintf("/teams/%d", team.ID), "team-pulse", admin)
	checkPulseWeeks(t, db, sec, "team-pulse", progID, weeks)
	// 2026 Q1: 5 of Eng/B's 8 favorable, at the week it closed; 2026 Q2
	// (3 answers) hidden, this week.
	checkQuarter(t, sec, "team-pulse", q1Week, fmt.Sprintf("%d%% (2026 Q1)", insight.Percent(5, 8).Value))
	checkQuarter(t, sec, "team-pulse", events.ISOWeek(time.Now()), "– (2026 Q2)")
	part := storedParticipation(db, q2ID, []int64{team.ID})
	if got := testidText(sec, "team-pulse-participation"); got != fmt.Sprintf("%d%%", part.Value) || part.Value != 38 {
		t.Errorf("quarterly participation %q, stored %+v", got, part)
	}
	if !strings.Contains(sec, "scatter") || !strings.Contains(sec, "Quarterly: ") {
		t.Error("the chart has no quarterly points")
	}
}

func checkOrgPulse(t *testing.T, f *fixture, s *Server, db *gorm.DB, progID int64, weeks []string, q1Week string, q2ID int64) {
	t.Helper()
	sec := pulseSection(t, f, s, "/org", "org-pulse", executive)
	checkPulseWeeks(t, db, sec, "org-pulse", progID, weeks)
	// Everyone in 2026 Q1: Eng/B's 5 favorable of 13; in Q2 all 8 answers 5.
	var q1Answered int
	db.Table("invitations").Joins("JOIN snapshots ON snapshots.id = invitations.snapshot_id").
		Where("snapshots.title = ? AND submitted", "2026 Q1").Select("COUNT(*)").Scan(&q1Answered)
	checkQuarter(t, sec, "org-pulse", q1Week, fmt.Sprintf("%d%% (2026 Q1)", insight.Percent(5, q1Answered).Value))
	checkQuarter(t, sec, "org-pulse", events.ISOWeek(time.Now()), "100% (2026 Q2)")
	part := storedParticipation(db, q2ID, nil)
	if got := testidText(sec, "org-pulse-participation"); got != fmt.Sprintf("%d%%", part.Value) {
		t.Errorf("org quarterly participation %q, stored %+v", got, part)
	}
	// The printable readout carries the same section.
	if sec := pulseSection(t, f, s, "/org/readout", "org-pulse", executive); !strings.Contains(sec, "100% (2026 Q2)") {
		t.Error("the readout's pulse has no quarterly point")
	}
}

func TestDashboardsShowThePulseBetweenQuarters(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s := newTestServer(t, db, "http://localhost")
		f := newFixture(t, db)
		w := resultstest.New(t, db, 5)
		teamB := w.Add(t, "Eng/B", 8, "frontend", directory.Hybrid)
		ctx := context.Background()
		// 2026 Q1: Eng/B's five first rate local_env 4, the rest 2; Eng/A 2.
		inB := map[int64]int{}
		for i, p := range teamB {
			inB[p.ID] = i
		}
		q1 := w.Snapshot(t, "2026 Q1", func(p directory.Person) *resultstest.Answers {
			if i, ok := inB[p.ID]; ok && i < 5 {
				return &resultstest.Answers{Ratings: map[string]int{"local_env": 4}}
			}
			return &resultstest.Answers{Ratings: map[string]int{"local_env": 2}}
		}).Snapshot
		fiveWeeksAgo := time.Now().UTC().AddDate(0, 0, -35)
		db.Table("snapshots").Where("id = ?", q1.ID).Update("closed_at", fiveWeeksAgo)
		// 2026 Q2: only three of Eng/B answer, under k: a gap.
		q2 := w.Snapshot(t, "2026 Q2", func(p directory.Person) *resultstest.Answers {
			if i, ok := inB[p.ID]; ok && i >= 3 {
				return nil
			}
			return &resultstest.Answers{Ratings: map[string]int{"local_env": 5}}
		}).Snapshot

		d := pulse.Definition{Key: "local", Name: "Local builds", OwnerTeam: "Eng/B", SamplePercent: 100, ExpiryHours: 72, Driver: "local_env",
			Questions: pulse.Questions{Rating: "How was this build?"}}
		d.Trigger.Type = "build.finished"
		prog, _, err := s.pulse.svc.Save(ctx, d, "test")
		if err != nil {
			t.Fatal(err)
		}
		// Three weeks of Eng/B's pulse: 6 of 8 answer, then 3 (under k), then 5 of 7.
		ratings := [][]int{{5, 4, 4, 2, 1, 5, 0, 0}, {4, 4, 1, 0, 0, 0, 0, 0}, {5, 5, 4, 4, 2, 0, 0}}
		var weeks []string
		for wi, rs := range ratings {
			at := time.Now().UTC().AddDate(0, 0, -7*(4-wi))
			weeks = append(weeks, events.ISOWeek(at))
			for i, r := range rs {
				storeAsk(t, db, prog, teamB[i], at, r)
			}
		}
		q1Week := events.ISOWeek(fiveWeeksAgo)
		checkTeamPulse(t, f, s, db, prog.ID, w.Teams["Eng/B"], weeks, q1Week, q2.ID)
		checkOrgPulse(t, f, s, db, prog.ID, weeks, q1Week, q2.ID)
	})
}
