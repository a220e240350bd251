package e2e

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/roster"
	"github.com/devpulse/devpulse/internal/testbrowser"
	"github.com/devpulse/devpulse/internal/testdb"
)

const rosterHeader = "email,name,team,lead_of,role,work_arrangement,location,start_date,level,github_login,slack_user_id\n"

// The directory before the upload: three people, one of whom leaves.
const rosterBefore = rosterHeader +
	"ada@example.com,Ada Lovelace,Engineering/Platform,Engineering/Platform,Engineering manager,hybrid,London,2019-04-01,M2,ada-l,U01\n" +
	"grace@example.com,Grace Hopper,Engineering/Platform,,Backend engineer,remote,Lisbon,2021-09-13,L4,ghopper,U02\n" +
	"alan@example.com,Alan Turing,Engineering/Platform,,SRE,office,London,2023-01-09,L3,aturing,U03\n"

// The upload: Grace moves team and city, Alan is gone, three people join.
// rosterBad has three bad lines (3, 5 and 6) among good ones.
const (
	rosterGood = rosterHeader +
		"ada@example.com,Ada Lovelace,Engineering/Platform,Engineering/Platform,Engineering manager,hybrid,London,2019-04-01,M2,ada-l,U01\n" +
		"grace@example.com,Grace Hopper,Engineering/Payments,,Backend engineer,remote,Porto,2021-09-13,L4,ghopper,U02\n" +
		"katherine@example.com,Katherine Johnson,Engineering/Payments,Engineering/Payments,Engineering manager,office,Berlin,2018-06-18,M1,kjohnson,U04\n" +
		"linus@example.com,Linus Pauling,Engineering/Payments,,Backend engineer,hybrid,Berlin,2022-11-02,L3,lpauling,U05\n" +
		"margaret@example.com,Margaret Hamilton,Engineering/Payments,,Frontend engineer,remote,Porto,2024-02-19,L2,mhamilton,U06\n"
	rosterBad = rosterHeader +
		"ada@example.com,Ada Lovelace,Engineering/Platform,Engineering/Platform,Engineering manager,hybrid,London,2019-04-01,M2,ada-l,U01\n" +
		"grace@example.com,Grace Hopper,Engineering/Payments,,Backend engineer,sometimes,Porto,2021-09-13,L4,ghopper,U02\n" +
		"katherine@example.com,Katherine Johnson,Engineering/Payments,Engineering/Payments,Engineering manager,office,Berlin,2018-06-18,M1,kjohnson,U04\n" +
		"katherine@example.com,Linus Pauling,Engineering/Payments,,Backend engineer,hybrid,Berlin,2022-11-02,L3,lpauling,U05\n" +
		"margaret@example.com,Margaret Hamilton,Engineering/Payments,,Frontend engineer,remote,Porto,19/02/2024,L2,mhamilton,U06\n"
)

// signInAdmin stores a bootstrap admin with a password and signs in the
// way a person does: the password form on /login.
func signInAdmin(t *testing.T, db *gorm.DB, b *testbrowser.Browser, base string) {
	t.Helper()
	addPerson(t, db, "root@example.com", "Rita Root", "correct horse battery")
	b.Run(
		chromedp.Navigate(base+"/login"),
		chromedp.WaitVisible(`[data-testid="login-password"]`, chromedp.ByQuery),
		chromedp.SendKeys(`#login-email`, "root@example.com", chromedp.ByQuery),
		chromedp.SendKeys(`#login-password`, "correct horse battery", chromedp.ByQuery),
	)
	b.ClickNavigate(`[data-testid="password-submit"]`)
	b.Run(chromedp.WaitVisible(`[data-testid="home"]`, chromedp.ByQuery))
}

func TestRosterImportInTheBrowser(t *testing.T) {
	db := testdb.SQLite(t)
	importRoster(t, db, rosterBefore)
	base := startServer(t, db)
	b := testbrowser.New(t)
	b.Expect("status of 422") // the file with bad lines is sent back with 422
	signInAdmin(t, db, b, base)

	dir := t.TempDir()
	bad, good := filepath.Join(dir, "people.csv"), filepath.Join(dir, "people-fixed.csv")
	for path, content := range map[string]string{bad: rosterBad, good: rosterGood} {
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}

	badFileListsItsLines(t, b, base, bad)
	previewFixedFile(t, b, db, good)
	applyRosterPreview(t, b)
	checkRosterApplied(t, db)
}

// importRoster applies a roster file directly, as setup before the browser
// comes in.
func importRoster(t *testing.T, db *gorm.DB, file string) {
	t.Helper()
	f, errs := roster.Parse(strings.NewReader(file))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	people, err := directory.NewService(db, auth.NewSessions(db))
	if err != nil {
		t.Fatal(err)
	}
	im, err := roster.NewImporter(db, people)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := im.Apply(context.Background(), f, roster.Options{}, "setup"); err != nil {
		t.Fatal(err)
	}
}

// badFileListsItsLines: a file with bad lines has each listed by number,
// and nothing changes.
func badFileListsItsLines(t *testing.T, b *testbrowser.Browser, base, bad string) {
	t.Helper()
	var lines []string
	var summary string
	b.Run(
		chromedp.Navigate(base+"/admin/roster"),
		chromedp.WaitVisible(`[data-testid="roster-upload"]`, chromedp.ByQuery),
		chromedp.SetUploadFiles(`#roster-file`, []string{bad}, chromedp.ByQuery),
		chromedp.Click(`[data-testid="roster-preview"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid="roster-errors"]`, chromedp.ByQuery),
		chromedp.Evaluate(`Array.from(document.querySelectorAll('[data-testid="roster-error-line"]')).map(e => e.textContent)`, &lines),
		chromedp.Text(`[data-testid="roster-errors-summary"]`, &summary, chromedp.ByQuery),
	)
	if strings.Join(lines, ",") != "3,5,6" {
		t.Errorf("error lines %v, want 3,5,6", lines)
	}
	if !strings.Contains(summary, "3 problems on 3 lines in people.csv") {
		t.Errorf("summary %q", summary)
	}
	b.Screenshot("roster-errors")
}

// previewFixedFile uploads the fixed file, deactivating people missing
// from it, and checks the preview's additions, changes and deactivations
// while the directory stays as it was.
func previewFixedFile(t *testing.T, b *testbrowser.Browser, db *gorm.DB, good string) {
	t.Helper()
	var added, changed, deactivated string
	b.Run(
		chromedp.SetUploadFiles(`#roster-file`, []string{good}, chromedp.ByQuery),
		chromedp.Click(`input[name="deactivate_missing"]`, chromedp.ByQuery),
		chromedp.Click(`[data-testid="roster-preview"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid="roster-added"]`, chromedp.ByQuery),
		chromedp.Text(`[data-testid="roster-added"]`, &added, chromedp.ByQuery),
		chromedp.Text(`[data-testid="roster-changed"]`, &changed, chromedp.ByQuery),
		chromedp.Text(`[data-testid="roster-deactivated"]`, &deactivated, chromedp.ByQuery),
	)
	for _, email := range []string{"katherine@example.com", "linus@example.com", "margaret@example.com"} {
		if !strings.Contains(added, email) {
			t.Errorf("preview does not add %s:\n%s", email, added)
		}
	}
	if !strings.Contains(changed, "Porto") || !strings.Contains(changed, "Engineering/Payments") {
		t.Errorf("changes:\n%s", changed)
	}
	if !strings.Contains(deactivated, "alan@example.com") || strings.Contains(deactivated, "root@example.com") {
		t.Errorf("deactivated:\n%s", deactivated)
	}
	if n := countPeople(t, db, ""); n != 4 {
		t.Fatalf("the preview changed the directory: %d people", n)
	}
	b.Screenshot("roster-preview")
}

// applyRosterPreview applies the preview: back on the upload page with the
// outcome.
func applyRosterPreview(t *testing.T, b *testbrowser.Browser) {
	t.Helper()
	var done string
	b.Run(
		chromedp.Click(`[data-testid="roster-apply"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid="roster-done"]`, chromedp.ByQuery),
		chromedp.Text(`[data-testid="roster-done"]`, &done, chromedp.ByQuery),
	)
	if done != "Roster imported: 3 added, 1 changed, 1 deactivated, 1 lead grant added, 1 team created." {
		t.Errorf("message %q", done)
	}
	b.Screenshot("roster-applied")
}

// checkRosterApplied: the new people are active, Grace moved and Alan is
// deactivated.
func checkRosterApplied(t *testing.T, db *gorm.DB) {
	t.Helper()
	if n := countPeople(t, db, "active"); n != 6 { // Rita, Ada, Grace and the three new people
		t.Errorf("%d active people, want 6", n)
	}
	grace, err := directory.NewStore(db).PersonByEmail(context.Background(), "grace@example.com")
	if err != nil || grace.Location != "Porto" {
		t.Errorf("grace %+v %v", grace, err)
	}
	if alan, _ := directory.NewStore(db).PersonByEmail(context.Background(), "alan@example.com"); alan.Active {
		t.Error("alan is still active")
	}
}

func countPeople(t *testing.T, db *gorm.DB, where string) int64 {
	t.Helper()
	var n int64
	q := db.Model(&directory.Person{})
	if where != "" {
		q = q.Where(where)
	}
	if err := q.Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}
