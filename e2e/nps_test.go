package e2e

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/responses"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testbrowser"
)

// npsGiven is what Platform's seven people answer, in order: the first
// four in a browser with scripts on, the other three with scripts off.
var npsGiven = []int{10, 10, 9, 8, 7, 6, 2}

// TestNetPromoterEndToEnd is issue 15's proof that a kind can be added end
// to end: an admin authors a net promoter question in the builder, people
// answer it by their links (with and without JavaScript), the snapshot
// closes, and the team dashboard and the org page show the score that the
// stored answers give when recomputed here by hand.
func TestNetPromoterEndToEnd(t *testing.T) {
	db := openFile(t, filepath.Join(t.TempDir(), "devpulse.db"))
	adminID := newAdmin(t, db, "ada@example.com", "Ada Admin")
	people := addPeople(t, db, "Eng/Platform", len(npsGiven))
	app := startApp(t, db, "")
	b := testbrowser.New(t)
	signInAs(t, b, db, app.URL, adminID)

	builderURL := adminOpensNPSSnapshot(t, b, app.URL)
	snap := onlySnapshot(t, db)
	links := personalLinks(t, db, snap.ID, people)
	q := onlyQuestion(t, db, snap.ID)
	peopleAnswerNPS(t, app.URL, q, links)
	if _, submitted := responseCount(t, db, snap.ID); submitted != int64(len(npsGiven)) {
		t.Fatalf("%d responses submitted, want %d", submitted, len(npsGiven))
	}

	// Close and compute the results.
	b.Run(chromedp.Navigate(builderURL), chromedp.WaitVisible(`[data-testid="snapshot-builder"]`, chromedp.ByQuery))
	submit(b, `[data-testid="snapshot-close"]`)
	expectText(t, b, `[data-testid="snapshot-state"]`, "Closed")
	submit(b, `[data-testid="snapshot-results"] [data-testid="snapshot-results"]`)
	expectText(t, b, `[data-testid="snapshot-results"]`, "Results computed")

	// The truth, from the stored rows: plain Go, no insight package.
	want := npsFromRows(t, db, snap.ID, q.ID)
	if want.answered != len(npsGiven) {
		t.Fatalf("%d answers stored, want %d", want.answered, len(npsGiven))
	}

	team := people[0].TeamID
	b.Run(
		chromedp.Navigate(fmt.Sprintf("%s/teams/%d", app.URL, *team)),
		chromedp.WaitVisible(`[data-testid="nps"]`, chromedp.ByQuery),
	)
	checkNPSPanel(t, b, want)
	b.Screenshot("nps-team-dashboard")

	b.Run(chromedp.Navigate(app.URL+"/org"), chromedp.WaitVisible(`[data-testid="nps"]`, chromedp.ByQuery))
	checkNPSPanel(t, b, want)
	b.Screenshot("nps-org")
}

// adminOpensNPSSnapshot authors a blank snapshot with one section and one
// net promoter question, schedules it and opens it now, and returns the
// builder's URL.
func adminOpensNPSSnapshot(t *testing.T, b *testbrowser.Browser, base string) string {
	t.Helper()
	const prompt = "How likely are you to recommend working here to a friend?"
	builderURL := createSnapshot(b, base, "2026 Q4", "UTC", func() {
		b.Run(chromedp.Click(`input[name="start"][value="blank"]`, chromedp.ByQuery))
	})
	fill(b, map[string]string{"new-section": "Recommending us"})
	submit(b, `[data-testid="section-add-form"] button[type="submit"]`)
	addQuestion(t, b, pilotQuestion{survey.KindNPS, map[string]string{"q-prompt": prompt}})
	expectText(t, b, `[data-testid="builder-question"] .badge-kind`, "Net promoter (0 to 10)")

	opens, closes := time.Now().Add(time.Hour).UTC(), time.Now().Add(7*24*time.Hour).UTC()
	saveSchedule(b, opens, closes)
	submit(b, `[data-testid="snapshot-schedule"]`)
	submit(b, `[data-testid="snapshot-open"]`)
	expectText(t, b, `[data-testid="snapshot-state"]`, "Open")
	// Opening asked first, saying whom it invites.
	if asked := b.Dialogs(); len(asked) != 1 || !strings.HasPrefix(asked[0], "Open “2026 Q4” now? This invites ") {
		t.Errorf("opening asked %q", asked)
	}
	return builderURL
}

// peopleAnswerNPS has each person answer by their link, the first four in
// a browser with scripts on and the rest with scripts off; the first checks
// the question is an accessible group of eleven radios.
func peopleAnswerNPS(t *testing.T, base string, q survey.Question, links []string) {
	t.Helper()
	resp := testbrowser.New(t)
	noJS := testbrowser.New(t)
	noJS.Run(emulation.SetScriptExecutionDisabled(true))
	for i, n := range npsGiven {
		rb := resp
		if i >= 4 {
			rb = noJS
		}
		rb.Run(chromedp.Navigate(base+"/s/"+links[i]), chromedp.WaitVisible(`[data-testid="survey-form"]`, chromedp.ByQuery))
		if i == 0 {
			checkNPSRadios(t, rb, q.ID)
		}
		rb.Run(chromedp.Click(fmt.Sprintf(`#q-%d input[value="%d"]`, q.ID, n), chromedp.ByQuery))
		rb.ClickNavigate(`button[value="submit"]`)
		rb.Run(chromedp.WaitVisible(`[data-testid="survey-done"]`, chromedp.ByQuery))
	}
}

// checkNPSRadios: eleven radios in a fieldset with one legend, described
// by the scale's end labels.
func checkNPSRadios(t *testing.T, rb *testbrowser.Browser, id int64) {
	t.Helper()
	var radios, legend int
	var described string
	rb.Run(
		chromedp.Evaluate(fmt.Sprintf(`document.querySelectorAll('#q-%d input[type=radio][name="q%d"]').length`, id, id), &radios),
		chromedp.Evaluate(fmt.Sprintf(`document.querySelectorAll('fieldset#q-%d > legend').length`, id), &legend),
		chromedp.Evaluate(fmt.Sprintf(`document.getElementById('q-%d').getAttribute('aria-describedby') || ''`, id), &described),
	)
	if radios != 11 || legend != 1 || !strings.Contains(described, fmt.Sprintf("q%d-ends", id)) {
		t.Fatalf("the question has %d radios, %d legends, aria-describedby %q", radios, legend, described)
	}
	rb.Screenshot("nps-question")
}

// npsTruth is a group's net promoter score worked out from answer rows.
type npsTruth struct {
	answered, promoters, passives, detractors int
	score                                     int
}

func npsFromRows(t *testing.T, db *gorm.DB, snapID, questionID int64) npsTruth {
	t.Helper()
	var values []float64
	err := db.Raw(`SELECT a.number FROM answers a JOIN responses r ON r.id = a.response_id
		WHERE r.snapshot_id = ? AND r.submitted = ? AND a.question_id = ?`, snapID, true, questionID).Scan(&values).Error
	if err != nil {
		t.Fatal(err)
	}
	var out npsTruth
	for _, v := range values {
		out.answered++
		switch {
		case v >= 9:
			out.promoters++
		case v >= 7:
			out.passives++
		default:
			out.detractors++
		}
	}
	if out.answered > 0 {
		exact := 100*float64(out.promoters)/float64(out.answered) - 100*float64(out.detractors)/float64(out.answered)
		out.score = int(math.Round(exact))
	}
	return out
}

// checkNPSPanel reads the panel on the page and compares it with want.
func checkNPSPanel(t *testing.T, b *testbrowser.Browser, want npsTruth) {
	t.Helper()
	var score, promoters, passives, detractors, answered string
	b.Run(
		chromedp.Text(`[data-testid="nps-score"]`, &score, chromedp.ByQuery),
		chromedp.Text(`[data-testid="nps-promoters"]`, &promoters, chromedp.ByQuery),
		chromedp.Text(`[data-testid="nps-passives"]`, &passives, chromedp.ByQuery),
		chromedp.Text(`[data-testid="nps-detractors"]`, &detractors, chromedp.ByQuery),
		chromedp.Text(`[data-testid="nps-answered"]`, &answered, chromedp.ByQuery),
	)
	got, err := strconv.Atoi(strings.NewReplacer("−", "-", "+", "").Replace(strings.TrimSpace(score)))
	if err != nil || got != want.score {
		t.Errorf("the page shows NPS %q, the stored answers give %d", score, want.score)
	}
	for _, c := range []struct {
		shown string
		count int
	}{{promoters, want.promoters}, {passives, want.passives}, {detractors, want.detractors}} {
		if !strings.Contains(c.shown, fmt.Sprintf("(%d)", c.count)) {
			t.Errorf("the split shows %q, want %d people", c.shown, c.count)
		}
	}
	if strings.TrimSpace(answered) != strconv.Itoa(want.answered) {
		t.Errorf("answered %q, want %d", answered, want.answered)
	}
}

// addPeople creates n active people in a team.
func addPeople(t *testing.T, db *gorm.DB, path string, n int) []directory.Person {
	t.Helper()
	ctx := context.Background()
	team, err := directory.EnsureTeam(ctx, db, path)
	if err != nil {
		t.Fatal(err)
	}
	var out []directory.Person
	for i := range n {
		p := directory.Person{Email: fmt.Sprintf("p%d@example.com", i), Name: fmt.Sprintf("Person %d", i), TeamID: &team.ID,
			JobRole: "backend", WorkArrangement: directory.Hybrid, Active: true, CreatedAt: time.Now(), UpdatedAt: time.Now()}
		if err := directory.NewStore(db).CreatePerson(ctx, &p); err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}

func onlySnapshot(t *testing.T, db *gorm.DB) survey.Snapshot {
	t.Helper()
	snaps, err := survey.NewStore(db, nil).Snapshots(context.Background())
	if err != nil || len(snaps) != 1 {
		t.Fatalf("snapshots: %v %v", snaps, err)
	}
	return snaps[0]
}

func onlyQuestion(t *testing.T, db *gorm.DB, snapID int64) survey.Question {
	t.Helper()
	o, err := survey.NewStore(db, nil).Outline(context.Background(), snapID)
	if err != nil || len(o.Questions) != 1 || o.Questions[0].Kind != survey.KindNPS {
		t.Fatalf("outline: %+v %v", o.Questions, err)
	}
	return o.Questions[0]
}

// personalLinks issues a link token for each person's invitation, inviting
// the audience first (the job runner may have done so already).
func personalLinks(t *testing.T, db *gorm.DB, snapID int64, people []directory.Person) []string {
	t.Helper()
	ctx := context.Background()
	rs := responses.NewStore(db)
	var out []string
	for _, p := range people {
		var inv responses.Invitation
		for try := 0; ; try++ {
			_, _ = rs.Invite(ctx, snapID) // invites nobody twice
			var err error
			if inv, err = rs.ForPerson(ctx, snapID, p.ID); err == nil {
				break
			}
			if try == 20 {
				t.Fatalf("no invitation for %s: %v", p.Email, err)
			}
			time.Sleep(250 * time.Millisecond)
		}
		token, err := rs.IssueToken(ctx, inv.ID)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, token)
	}
	return out
}
