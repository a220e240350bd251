package demo_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"slices"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/demo"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testdb"
)

// now is a fixed clock: the open snapshot is 2026 Q4.
var now = time.Date(2026, 11, 18, 10, 30, 0, 0, time.UTC)

// demoBuilt is the demo built on now; demoFinished the same with its
// results materialised for a minimum group of k. The tests read copies,
// so the package builds the demo a few times instead of twenty.
var (
	demoBuilt = &testdb.Fixture[demo.Result]{Name: "demo", Build: func(ctx context.Context, db *gorm.DB) (demo.Result, error) {
		return demo.Build(ctx, db, now, demo.Options{})
	}}
	demoFinished = &testdb.Fixture[demo.Result]{Name: "demo with results", Build: func(ctx context.Context, db *gorm.DB) (demo.Result, error) {
		res, err := demo.Build(ctx, db, now, demo.Options{})
		if err == nil {
			err = demo.Finish(ctx, db, res, nil, k)
		}
		return res, err
	}}
)

func TestMain(m *testing.M) {
	code := m.Run()
	demoBuilt.Remove()
	demoFinished.Remove()
	os.Exit(code)
}

func TestBuild(t *testing.T) {
	// The SQLite build's fingerprint, which the PostgreSQL build must match.
	var first string
	demoBuilt.Each(t, func(t *testing.T, db *gorm.DB, res demo.Result) {
		b := built{db: db, res: res}
		t.Run("organisation", b.organisation)
		t.Run("snapshots", b.snapshots)
		t.Run("participation", b.participation)
		t.Run("small team stays below k", b.smallTeamStaysBelowK)
		t.Run("improving teams", b.improvingTeams)
		t.Run("org-wide decline", b.orgWideDecline)
		t.Run("remote rate documentation lower", b.remoteRateDocumentationLower)
		t.Run("answers", b.answers)
		t.Run("AI hours saved rise", b.hoursSavedRise)
		t.Run("deterministic", func(t *testing.T) { b.deterministic(t, &first) })
		t.Run("refuses a directory with people", b.refusesADirectoryWithPeople)
	})
}

// built is a database with the demo built in it, and the build's result;
// its methods are TestBuild's subtests.
type built struct {
	db  *gorm.DB
	res demo.Result
}

// organisation: about 300 people in about 12 teams of 3 groups, with an
// admin, an executive and a lead per team and group.
func (b built) organisation(t *testing.T) {
	var people, teams, groups int64
	b.db.Table("people").Where("active").Count(&people)
	b.db.Table("teams").Where("path LIKE ?", "%/%/%").Count(&teams)
	b.db.Table("teams").Where("path LIKE ? AND path NOT LIKE ?", "%/%", "%/%/%").Count(&groups)
	if people < 280 || people > 320 || int(people) != b.res.People {
		t.Errorf("people = %d (result %d), want about 300", people, b.res.People)
	}
	if teams < 11 || teams > 14 {
		t.Errorf("teams = %d, want about 12", teams)
	}
	if groups != 3 {
		t.Errorf("groups = %d, want 3", groups)
	}
	roles := map[string]int64{}
	for _, role := range []string{"admin", "executive", "lead"} {
		var n int64
		b.db.Table("role_grants").Where("role = ?", role).Count(&n)
		roles[role] = n
	}
	if roles["admin"] != 1 || roles["executive"] != 1 || roles["lead"] != teams+groups {
		t.Errorf("grants %v, want one admin, one executive, a lead per team and group (%d)", roles, teams+groups)
	}
	var admin int64
	b.db.Table("people").Where("email = ?", "admin@example.com").Count(&admin)
	if admin != 1 {
		t.Error("no admin@example.com")
	}
	var bands []string
	b.db.Raw(`SELECT DISTINCT tenure_band FROM responses WHERE submitted ORDER BY 1`).Scan(&bands)
	if len(bands) < 5 {
		t.Errorf("tenure bands %v, want all five", bands)
	}
}

func (b built) snapshots(t *testing.T) {
	var snaps []survey.Snapshot
	b.db.Order("id").Find(&snaps)
	if len(snaps) != 6 || len(b.res.Closed) != 5 || b.res.Open == 0 {
		t.Fatalf("%d snapshots, result %+v", len(snaps), b.res)
	}
	for i, s := range snaps {
		want := survey.Closed
		if i == 5 {
			want = survey.Open
		}
		if s.State != want {
			t.Errorf("%s is %s, want %s", s.Title, s.State, want)
		}
		if want == survey.Closed && (s.ClosedAt == nil || !s.ClosesAt.Before(now) || s.ClosedAt.After(now)) {
			t.Errorf("%s closes %v, closed %v: want in the past", s.Title, s.ClosesAt, s.ClosedAt)
		}
	}
	if snaps[5].Title != "2026 Q4" || snaps[0].Title != "2025 Q3" {
		t.Errorf("titles %q .. %q", snaps[0].Title, snaps[5].Title)
	}
	if !snaps[5].OpensAt.Before(now) || !snaps[5].ClosesAt.After(now) {
		t.Errorf("open snapshot runs %v .. %v, want around now", snaps[5].OpensAt, snaps[5].ClosesAt)
	}
}

func (b built) participation(t *testing.T) {
	for _, id := range append(b.res.Closed, b.res.Open) {
		var invited, submitted int64
		b.db.Table("invitations").Where("snapshot_id = ?", id).Count(&invited)
		b.db.Table("invitations").Where("snapshot_id = ? AND submitted", id).Count(&submitted)
		rate := 100 * float64(submitted) / float64(invited)
		lo, hi := 75.0, 92.0
		if id == b.res.Open {
			lo, hi = 40, 70
		}
		if rate < lo || rate > hi {
			t.Errorf("snapshot %d: participation %.0f%% (%d/%d), want %.0f-%.0f%%", id, rate, submitted, invited, lo, hi)
		}
		var mismatched int64
		b.db.Raw(`SELECT COUNT(*) FROM invitations i JOIN responses r ON r.invitation_id = i.id
			WHERE i.snapshot_id = ? AND i.submitted <> r.submitted`, id).Scan(&mismatched)
		if mismatched > 0 {
			t.Errorf("snapshot %d: %d responses disagree with their invitation", id, mismatched)
		}
	}
	var drafts int64
	b.db.Table("responses").Where("snapshot_id = ? AND NOT submitted", b.res.Open).Count(&drafts)
	if drafts == 0 {
		t.Error("the open snapshot has no drafts")
	}
}

func (b built) smallTeamStaysBelowK(t *testing.T) {
	for _, id := range b.res.Closed {
		var n int64
		b.db.Raw(`SELECT COUNT(*) FROM responses r JOIN teams t ON t.id = r.team_id
			WHERE r.snapshot_id = ? AND r.submitted AND t.path = ?`, id, demo.SmallTeam).Scan(&n)
		if n >= 5 || n == 0 {
			t.Errorf("snapshot %d: the small team has %d submitted responses", id, n)
		}
	}
}

func (b built) improvingTeams(t *testing.T) {
	for _, story := range demo.Improvements {
		first := favorable(t, b.db, b.res.Closed[0], story.Team, story.Driver)
		last := favorable(t, b.db, b.res.Closed[len(b.res.Closed)-1], story.Team, story.Driver)
		if last-first < 20 {
			t.Errorf("%s %s: %.0f%% -> %.0f%%, want a rise of 20 points or more", story.Team, story.Driver, first, last)
		}
	}
}

func (b built) orgWideDecline(t *testing.T) {
	n := len(b.res.Closed)
	before := favorable(t, b.db, b.res.Closed[n-2], "", demo.Decline)
	after := favorable(t, b.db, b.res.Closed[n-1], "", demo.Decline)
	if before-after < 8 {
		t.Errorf("%s: %.0f%% -> %.0f%%, want a drop of about 12 points", demo.Decline, before, after)
	}
}

func (b built) remoteRateDocumentationLower(t *testing.T) {
	var rows []struct {
		WorkArrangement string
		Fav             float64
	}
	b.db.Raw(`SELECT r.work_arrangement, 100.0 * SUM(CASE WHEN a.rating >= 4 THEN 1 ELSE 0 END) / COUNT(*) AS fav
		FROM answers a JOIN responses r ON r.id = a.response_id JOIN questions q ON q.id = a.question_id
		WHERE r.submitted AND q.key = 'documentation' AND a.rating > 0
		GROUP BY r.work_arrangement`).Scan(&rows)
	fav := map[string]float64{}
	for _, r := range rows {
		fav[r.WorkArrangement] = r.Fav
	}
	if fav["office"]-fav["remote"] < 10 {
		t.Errorf("documentation favorable by arrangement %v, want remote well below office", fav)
	}
}

func (b built) answers(t *testing.T) {
	var bad int64
	b.db.Raw(`SELECT COUNT(*) FROM (SELECT a.response_id FROM answers a JOIN questions q ON q.id = a.question_id
		WHERE q.kind = 'allocation' GROUP BY a.response_id HAVING SUM(a.number) <> 100) x`).Scan(&bad)
	if bad > 0 {
		t.Errorf("%d allocations do not sum to 100", bad)
	}
	var missing int64
	b.db.Raw(`SELECT COUNT(*) FROM responses r JOIN questions q ON q.snapshot_id = r.snapshot_id
		WHERE r.submitted AND q.required AND NOT EXISTS
		(SELECT 1 FROM answers a WHERE a.response_id = r.id AND a.question_id = q.id)`).Scan(&missing)
	if missing > 0 {
		t.Errorf("%d required answers missing from submitted responses", missing)
	}
	var tooMany int64
	b.db.Raw(`SELECT COUNT(*) FROM (SELECT a.response_id FROM answers a JOIN questions q ON q.id = a.question_id
		WHERE q.kind = 'priority' GROUP BY a.response_id HAVING COUNT(*) > 3) x`).Scan(&tooMany)
	if tooMany > 0 {
		t.Errorf("%d responses pick more than three priorities", tooMany)
	}
	var na, comments, contact, submitted int64
	b.db.Raw(`SELECT COUNT(*) FROM answers WHERE rating = 0`).Scan(&na)
	b.db.Raw(`SELECT COUNT(*) FROM answers a JOIN questions q ON q.id = a.question_id WHERE q.kind = 'text'`).Scan(&comments)
	b.db.Table("responses").Where("submitted AND contact_ok").Count(&contact)
	b.db.Table("responses").Where("submitted").Count(&submitted)
	if na == 0 {
		t.Error("no not-applicable ratings")
	}
	if share := float64(comments) / float64(submitted); share < 0.15 || share > 0.35 {
		t.Errorf("%d comments from %d responses", comments, submitted)
	}
	if contact == 0 || contact > comments {
		t.Errorf("%d contactable of %d comments", contact, comments)
	}
	// A team's comments read as written by different people.
	var repeated int64
	b.db.Raw(`SELECT COUNT(*) FROM (SELECT r.snapshot_id, r.team_id, a.text FROM answers a
		JOIN questions q ON q.id = a.question_id JOIN responses r ON r.id = a.response_id
		WHERE q.kind = 'text' AND r.team_id IS NOT NULL
		GROUP BY r.snapshot_id, r.team_id, a.text HAVING COUNT(*) > 1) x`).Scan(&repeated)
	if repeated > 0 {
		t.Errorf("%d comments repeated within a team's snapshot", repeated)
	}
	var freq []string
	b.db.Raw(`SELECT DISTINCT a.item FROM answers a JOIN questions q ON q.id = a.question_id WHERE q.kind = 'frequency'`).Scan(&freq)
	for _, f := range freq {
		if !slices.Contains(survey.Frequencies, f) {
			t.Errorf("frequency answer %q is not one of survey.Frequencies", f)
		}
	}
}

func (b built) hoursSavedRise(t *testing.T) {
	first := meanHours(t, b.db, b.res.Closed[0])
	last := meanHours(t, b.db, b.res.Closed[len(b.res.Closed)-1])
	if last <= first {
		t.Errorf("mean hours saved %.2f -> %.2f, want rising", first, last)
	}
}

// deterministic: the build's fingerprint matches the SQLite build's,
// kept in *first, or a second SQLite build.
func (b built) deterministic(t *testing.T, first *string) {
	got := fingerprint(t, b.db)
	switch {
	case *first != "": // PostgreSQL, built like SQLite before it
		if got != *first {
			t.Errorf("builds differ:\n%s\nthen\n%s", *first, got)
		}
	case os.Getenv(testdb.EnvURL) != "": // SQLite; PostgreSQL compares next
		*first = got
	default: // SQLite only: build again to compare
		other := testdb.SQLite(t)
		if _, err := demo.Build(context.Background(), other, now, demo.Options{}); err != nil {
			t.Fatal(err)
		}
		if again := fingerprint(t, other); again != got {
			t.Errorf("builds differ:\n%s\nthen\n%s", got, again)
		}
	}
}

func (b built) refusesADirectoryWithPeople(t *testing.T) {
	_, err := demo.Build(context.Background(), b.db, now, demo.Options{})
	if !errors.Is(err, demo.ErrNotEmpty) {
		t.Fatalf("second build: %v, want ErrNotEmpty", err)
	}
}

// favorable is the favorable share of a driver in a snapshot, for a team
// path or (empty) everyone.
func favorable(t *testing.T, db *gorm.DB, snapID int64, team, driver string) float64 {
	t.Helper()
	var r struct{ Fav, N float64 }
	err := db.Raw(`SELECT SUM(CASE WHEN a.rating >= 4 THEN 1 ELSE 0 END) AS fav, COUNT(*) AS n
		FROM answers a JOIN responses r ON r.id = a.response_id JOIN questions q ON q.id = a.question_id
		LEFT JOIN teams t ON t.id = r.team_id
		WHERE r.snapshot_id = ? AND r.submitted AND q.key = ? AND a.rating > 0 AND (? = '' OR t.path = ?)`,
		snapID, driver, team, team).Scan(&r).Error
	if err != nil || r.N == 0 {
		t.Fatalf("favorable %s %s: %v (n=%v)", team, driver, err, r.N)
	}
	return 100 * r.Fav / r.N
}

func meanHours(t *testing.T, db *gorm.DB, snapID int64) float64 {
	t.Helper()
	var m float64
	db.Raw(`SELECT AVG(a.number) FROM answers a JOIN responses r ON r.id = a.response_id JOIN questions q ON q.id = a.question_id
		WHERE r.snapshot_id = ? AND r.submitted AND q.key = ?`, snapID, survey.KeyAIHoursSaved).Scan(&m)
	return m
}

// fingerprint sums up a build per snapshot: responses, favorable
// ratings, the sum of ratings and numbers, comments and their length.
func fingerprint(t *testing.T, db *gorm.DB) string {
	t.Helper()
	var rows []struct {
		Title                                string
		Responses, Favorable, Ratings, Texts int64
		Numbers                              float64
		TextLength                           int64
	}
	err := db.Raw(`SELECT s.title, COUNT(DISTINCT r.id) AS responses,
			SUM(CASE WHEN q.driver_id IS NOT NULL AND a.rating >= 4 THEN 1 ELSE 0 END) AS favorable,
			SUM(COALESCE(a.rating, 0)) AS ratings, SUM(COALESCE(a.number, 0)) AS numbers,
			SUM(CASE WHEN a.text IS NULL THEN 0 ELSE 1 END) AS texts, SUM(LENGTH(COALESCE(a.text, ''))) AS text_length
		FROM answers a JOIN responses r ON r.id = a.response_id
		JOIN questions q ON q.id = a.question_id JOIN snapshots s ON s.id = r.snapshot_id
		GROUP BY s.title ORDER BY s.title`).Scan(&rows).Error
	if err != nil || len(rows) != 6 {
		t.Fatalf("fingerprint: %v (%d snapshots)", err, len(rows))
	}
	var out string
	for _, r := range rows {
		out += fmt.Sprintf("%s: %d responses, %d favorable, ratings %d, numbers %.1f, %d comments of %d characters\n",
			r.Title, r.Responses, r.Favorable, r.Ratings, r.Numbers, r.Texts, r.TextLength)
	}
	return out
}

// TestBuildIsTheSameOnAnyDay builds the demo on days across a year,
// quarter boundaries and a leap day among them, and requires every closed
// snapshot's responses and answers (teams, segments, ratings, numbers,
// choices, comments) and the system metrics' places relative to the
// snapshots to be the same as on the fixed day TestBuild checks the
// demo's stories on: so those stories hold whatever today is.
func TestBuildIsTheSameOnAnyDay(t *testing.T) {
	days := []time.Time{
		time.Date(2026, 12, 5, 2, 0, 0, 0, time.UTC),
		time.Date(2026, 12, 31, 23, 59, 0, 0, time.UTC),
		time.Date(2027, 1, 1, 0, 30, 0, 0, time.UTC),
		time.Date(2027, 2, 28, 12, 0, 0, 0, time.UTC),
		time.Date(2027, 3, 31, 18, 0, 0, 0, time.UTC),
		time.Date(2027, 7, 1, 8, 0, 0, 0, time.UTC),
		time.Date(2027, 9, 30, 9, 0, 0, 0, time.UTC),
		time.Date(2028, 2, 29, 10, 0, 0, 0, time.UTC),
	}
	db, res := demoBuilt.SQLite(t)
	want, wantMetrics := closedFingerprint(t, db, res), metricsFingerprint(t, db)
	for _, day := range days {
		t.Run(day.Format("2006-01-02"), func(t *testing.T) {
			db := testdb.SQLite(t)
			res, err := demo.Build(context.Background(), db, day, demo.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got := closedFingerprint(t, db, res); got != want {
				t.Errorf("the closed snapshots built on %s differ from those built on %s", day.Format(time.DateOnly), now.Format(time.DateOnly))
			}
			if got := metricsFingerprint(t, db); got != wantMetrics {
				t.Errorf("the metrics built on %s differ from those built on %s", day.Format(time.DateOnly), now.Format(time.DateOnly))
			}
		})
	}
}

// closedFingerprint hashes every submitted response of the build's closed
// snapshots, by the snapshot's place in the series, with its segments and
// answers.
func closedFingerprint(t *testing.T, db *gorm.DB, res demo.Result) string {
	t.Helper()
	h := sha256.New()
	for i, id := range res.Closed {
		var rows []string
		err := db.Raw(`SELECT COALESCE(t.path, '') || '|' || r.job_role || '|' || r.work_arrangement || '|' || r.tenure_band
				|| '|' || r.level || '|' || r.location || '|' || q.key || '|' || COALESCE(a.rating, -1) || '|'
				|| COALESCE(a.number, -1) || '|' || COALESCE(a.item, '') || '|' || COALESCE(a.text, '')
			FROM responses r JOIN answers a ON a.response_id = r.id JOIN questions q ON q.id = a.question_id
			LEFT JOIN teams t ON t.id = r.team_id
			WHERE r.snapshot_id = ? AND r.submitted`, id).Scan(&rows).Error
		if err != nil || len(rows) == 0 {
			t.Fatalf("snapshot %d: %v (%d answers)", id, err, len(rows))
		}
		slices.Sort(rows)
		fmt.Fprintf(h, "snapshot %d\n", i)
		for _, r := range rows {
			fmt.Fprintln(h, r)
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}
