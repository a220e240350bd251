package web

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/results/resultstest"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testdb"
)

// leadWorld: team A of 12 (the fixture's five, five remote, two in the
// office) and team B of 6. In 2026 Q1 team A is satisfied overall and
// rates its local environment 2; in 2026 Q2 the other way round. Team B
// answers 4 throughout. Every A person comments, in a general question
// and in one about CI reliability; the lead of A agreed to be contacted.
func leadWorld(t *testing.T, db *gorm.DB) (*fixture, *resultstest.World) {
	t.Helper()
	f := newFixture(t, db)
	w := resultstest.New(t, db, 5)
	w.Add(t, "Eng/A", 5, "backend", directory.Remote)
	w.Add(t, "Eng/A", 2, "frontend", directory.Office)
	w.Add(t, "Eng/B", 6, "backend", directory.Hybrid)
	drivers, err := w.Surveys.Drivers(context.Background(), true)
	if err != nil {
		t.Fatal(err)
	}
	var ci int64
	for _, d := range drivers {
		if d.Key == "ci_reliability" {
			ci = d.ID
		}
	}
	extra := []survey.Question{{Kind: survey.KindText, Prompt: "What gets in the way of reliable CI?", DriverID: &ci, Config: survey.Config{MaxLength: 500}}}
	for q, body := range []string{"Laptops are slow", "Pipelines queue for ages"} {
		w.SnapshotWith(t, fmt.Sprintf("2026 Q%d", q+1), extra, func(p directory.Person) *resultstest.Answers {
			a := &resultstest.Answers{Ratings: map[string]int{survey.KeyOverall: 4, "local_env": 4}}
			if *p.TeamID == f.teamA.ID {
				a.Ratings[survey.KeyOverall], a.Ratings["local_env"] = 4-2*q, 2+3*q
				a.Comment, a.Contact = body, p.ID == f.people[leadA]
			}
			return a
		})
	}
	return f, w
}

func TestTeamDashboardReadsInOneMinute(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s := newTestServer(t, db, "http://localhost")
		f, _ := leadWorld(t, db)
		path := fmt.Sprintf("/teams/%d", f.teamA.ID)
		rec := f.formRequest(t, s, http.MethodGet, path, leadA, nil)
		body := rec.Body.String()
		want := "Overall satisfaction 0, down 100 points since 2026 Q1, a real change. That is 33 points below the organisation (33)."
		if got, _ := testID(body, "headline"); rec.Code != http.StatusOK || got != want {
			t.Fatalf("%d headline %q, want %q", rec.Code, got, want)
		}
		strengths, opportunities := upTo(body, `"strengths"`, "</div>"), upTo(body, `"opportunities"`, "</div>")
		if !strings.Contains(strengths, "Local environment setup: up 100 points to 100 since 2026 Q1, a real change") {
			t.Errorf("strengths: %s", strengths)
		}
		if !strings.Contains(opportunities, "100% of respondents picked it among the three they most want improved") {
			t.Errorf("opportunities: %s", opportunities)
		}
		// Marks: shape and words beside the number, and the legend once per panel.
		for key, parts := range map[string][]string{"local_env": {"▲", "+100", "real change"}, "ci_reliability": {"≈", ">0<", "within noise"}} {
			row := upTo(body, `data-driver="`+key+`"`, "</tr>")
			for _, p := range parts {
				if !strings.Contains(row, p) {
					t.Errorf("%s row lacks %q: %s", key, p, row)
				}
			}
			if link := fmt.Sprintf(`href="%s/drivers/%s?snapshot=`, path, key); !strings.Contains(row, link) {
				t.Errorf("%s row does not link to its page", key)
			}
		}
		if !strings.Contains(body, `data-testid="mark-legend"`) {
			t.Error("no legend for the marks")
		}
		// Comments: about CI first (the driver table's order), general last.
		if got := fmt.Sprint(attrs(body, "comment-group", "data-driver")); got != "[ci_reliability ]" {
			t.Errorf("comment groups %s", got)
		}
		if !strings.Contains(upTo(body, `data-testid="comment-group" data-driver="ci_reliability"`, "</section>"), "Pipelines queue for ages") {
			t.Error("the CI group lacks its comment")
		}
		// The filter still narrows them.
		filtered := f.formRequest(t, s, http.MethodGet, path+"?driver=ci_reliability", leadA, nil).Body.String()
		if got := fmt.Sprint(attrs(filtered, "comment-group", "data-driver")); got != "[ci_reliability]" {
			t.Errorf("filtered comment groups %s", got)
		}
		// The trend: overall by default, the reader's pick with ?trend=.
		if got, _ := testID(body, "trend-text"); !strings.HasPrefix(got, "Overall satisfaction: 100 in 2026 Q1, 0 in 2026 Q2.") {
			t.Errorf("default trend %q", got)
		}
		picked := f.formRequest(t, s, http.MethodGet, path+"?trend=local_env", leadA, nil).Body.String()
		if got, _ := testID(picked, "trend-text"); !strings.HasPrefix(got, "Local environment setup: 0 in 2026 Q1, 100 in 2026 Q2.") {
			t.Errorf("picked trend %q", got)
		}
		// The first snapshot has no trend yet, and says so.
		var q1 int64
		if err := db.Table("snapshots").Where("title = ?", "2026 Q1").Select("id").Scan(&q1).Error; err != nil {
			t.Fatal(err)
		}
		first := f.formRequest(t, s, http.MethodGet, fmt.Sprintf("%s?snapshot=%d", path, q1), leadA, nil).Body.String()
		if got, _ := testID(first, "no-trend"); !strings.HasPrefix(got, "No trend yet: 2026 Q1 is the first snapshot") || strings.Contains(first, `data-testid="trend-chart"`) {
			t.Errorf("first snapshot's trend: %q", got)
		}
		// A filtered group under k says why, with k, and shows no findings.
		office := f.formRequest(t, s, http.MethodGet, path+"?segment=work_arrangement:office", leadA, nil).Body.String()
		if got, _ := testID(office, "results-hidden"); !strings.Contains(office, "Fewer than 5 responses in this group") || strings.Contains(office, `data-testid="summary"`) {
			t.Errorf("office: %q", got)
		}
	})
}

func TestTeamDriverPage(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s := newTestServer(t, db, "http://localhost")
		f, _ := leadWorld(t, db)
		team := fmt.Sprintf("/teams/%d", f.teamA.ID)
		path := team + "/drivers/local_env"
		rec := f.formRequest(t, s, http.MethodGet, path, leadA, nil)
		body := rec.Body.String()
		if name, _ := testID(body, "driver-name"); rec.Code != http.StatusOK || name != "Local environment setup" {
			t.Fatalf("%d driver %q", rec.Code, name)
		}
		want := "Local environment setup 100, up 100 points since 2026 Q1, a real change. That is level with the organisation (100)."
		if got, _ := testID(body, "headline"); got != want {
			t.Errorf("headline %q, want %q", got, want)
		}
		if got, _ := testID(body, "driver-answers"); !strings.HasPrefix(got, "0% strongly disagree, 0% disagree, 0% neutral, 0% agree, 100% strongly agree") {
			t.Errorf("answers %q", got)
		}
		if got := fmt.Sprint(attrs(body, "history-row", "data-snapshot")); got != "[2026 Q2 2026 Q1]" {
			t.Errorf("history %s", got)
		}
		// Segments follow the dashboard's decisions: a value shows a score
		// exactly when the dashboard filtered by it does; the office's two
		// never do.
		for _, value := range []string{"remote", "office"} {
			dash := f.formRequest(t, s, http.MethodGet, team+"?segment=work_arrangement:"+value, leadA, nil).Body.String()
			shown := !strings.Contains(dash, `data-testid="results-hidden"`)
			row := upTo(body, `data-value="`+value+`"`, "</tr>")
			if has := strings.Contains(row, `data-testid="segment-score"`); has != shown || (value == "office" && has) {
				t.Errorf("%s: driver page shows a score %v, dashboard %v: %s", value, has, shown, row)
			}
		}

		// Comments about CI, newest snapshot first; names only for leads.
		ci := f.formRequest(t, s, http.MethodGet, team+"/drivers/ci_reliability", leadA, nil).Body.String()
		if got := fmt.Sprint(attrs(ci, "comment-group", "data-snapshot")); got != "[2026 Q2 2026 Q1]" {
			t.Errorf("comment groups %s", got)
		}
		if !strings.Contains(upTo(ci, `data-testid="comment-group" data-snapshot="2026 Q1"`, "</section>"), "Laptops are slow") || !strings.Contains(ci, "is happy to be contacted") {
			t.Error("the Q1 comment or its opted-in author is missing")
		}
		member := f.formRequest(t, s, http.MethodGet, team+"/drivers/ci_reliability", respondent, nil)
		if member.Code != http.StatusOK || strings.Contains(member.Body.String(), "is happy to be contacted") {
			t.Errorf("a team member reads %d, with authors' names %v", member.Code, strings.Contains(member.Body.String(), "is happy to be contacted"))
		}

		// The dashboard's access rules (the route table checks every
		// persona: see routeTable), a driver nobody asked about, a bad query.
		for _, tt := range []struct {
			who  persona
			path string
			want int
		}{
			{leadB, path, http.StatusOK}, // one of team A's people, reading as a respondent
			{executive, path, http.StatusOK},
			{leadA, team + "/drivers/no_such_driver", http.StatusNotFound},
			{leadA, path + "?snapshot=x", http.StatusBadRequest},
		} {
			if rec := f.formRequest(t, s, http.MethodGet, tt.path, tt.who, nil); rec.Code != tt.want {
				t.Errorf("%s on %s: %d, want %d", tt.who, tt.path, rec.Code, tt.want)
			}
		}
	})
}

// upTo is the page from the first occurrence of marker up to the
// next closing tag end (its element's end when nothing of the same kind
// is nested in it), or "" when marker is absent.
func upTo(body, marker, end string) string {
	i := strings.Index(body, marker)
	if i < 0 {
		return ""
	}
	rest := body[i:]
	if j := strings.Index(rest, end); j >= 0 {
		return rest[:j]
	}
	return rest
}

// attrs lists, in page order, the value of attribute attr on each element
// with data-testid=id (the attribute following the test id).
func attrs(body, id, attr string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`data-testid="`+regexp.QuoteMeta(id)+`" `+attr+`="([^"]*)"`).FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return out
}
