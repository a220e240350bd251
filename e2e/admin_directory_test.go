package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/testbrowser"
	"github.com/devpulse/devpulse/internal/testdb"
)

// directoryOrg seeds a small organisation and returns people by name and
// teams by path.
func directoryOrg(t *testing.T, db *gorm.DB) (map[string]int64, map[string]int64) {
	t.Helper()
	ctx := context.Background()
	teams := map[string]int64{}
	for _, p := range []string{"Engineering/Platform/Release", "Engineering/Product/Checkout", "Engineering/Product/Search", "Sales/EMEA"} {
		if _, err := directory.EnsureTeam(ctx, db, p); err != nil {
			t.Fatal(err)
		}
	}
	all, err := directory.NewStore(db).Teams(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, tm := range all {
		teams[tm.Path] = tm.ID
	}
	people := map[string]int64{}
	add := func(name, team, arrangement string) {
		id := teams[team]
		p := directory.Person{
			Email: strings.ToLower(strings.ReplaceAll(name, " ", ".")) + "@example.com", Name: name, TeamID: &id,
			WorkArrangement: arrangement, Active: true, CreatedAt: time.Now(), UpdatedAt: time.Now(),
		}
		if err := directory.NewStore(db).CreatePerson(ctx, &p); err != nil {
			t.Fatal(err)
		}
		people[name] = p.ID
	}
	add("Ada Admin", "Engineering/Platform", directory.Hybrid)
	add("Lena Lead", "Engineering/Product", directory.Remote)
	add("Kim Park", "Engineering/Product/Checkout", directory.Office)
	add("Sam Rivera", "Engineering/Product/Search", directory.Remote)
	add("Jo Okafor", "Engineering/Platform/Release", directory.Hybrid)
	add("Priya Nair", "Sales/EMEA", directory.Office)
	for i := range 55 {
		add(fmt.Sprintf("Engineer %02d", i), []string{"Engineering/Product/Checkout", "Engineering/Platform/Release", "Sales/EMEA"}[i%3], directory.WorkArrangements[i%3])
	}
	if _, err := directory.AddGrant(ctx, db, people["Ada Admin"], directory.RoleAdmin, nil); err != nil {
		t.Fatal(err)
	}
	product := teams["Engineering/Product"]
	if _, err := directory.AddGrant(ctx, db, people["Lena Lead"], directory.RoleLead, &product); err != nil {
		t.Fatal(err)
	}
	return people, teams
}

func TestAdminEditsPeopleAndLeadSeesOwnTeams(t *testing.T) {
	db := testdb.SQLite(t)
	base := startServer(t, db)
	people, teams := directoryOrg(t, db)
	b := testbrowser.New(t)
	signInAs(t, b, db, base, people["Ada Admin"])

	adminSearchesPeople(t, b, base)
	kim := adminEditsPerson(t, b, db, people["Kim Park"])
	adminGrantsLead(t, b, db, kim.ID, teams["Engineering/Product/Checkout"])
	adminPagesAtPhoneWidth(b, base, kim.ID)

	// The lead of Engineering/Product sees that subtree and nothing else.
	signInAs(t, b, db, base, people["Lena Lead"])
	leadSeesOwnTeams(t, b, base, teams["Engineering/Platform"])
}

// adminSearchesPeople: the list pages and searches as you type (htmx),
// keeping the URL shareable.
func adminSearchesPeople(t *testing.T, b *testbrowser.Browser, base string) {
	t.Helper()
	var total, search string
	var rows int
	b.Run(
		chromedp.Navigate(base+"/admin/people"),
		chromedp.WaitVisible(`[data-testid="people-table"]`, chromedp.ByQuery),
		chromedp.Text(`[data-testid="people-total"]`, &total, chromedp.ByQuery),
	)
	if !strings.Contains(total, "61 people") {
		t.Errorf("total %q", total)
	}
	b.Screenshot("admin-people-all")
	b.Run(
		chromedp.SendKeys(`[data-testid="people-search"]`, "KIM", chromedp.ByQuery),
		chromedp.Poll(`document.querySelectorAll('[data-testid="person-row"]').length === 1`, nil),
		chromedp.Evaluate(`document.querySelectorAll('[data-testid="person-row"]').length`, &rows),
		chromedp.Evaluate(`location.search`, &search),
	)
	if rows != 1 || !strings.Contains(search, "q=KIM") {
		t.Errorf("search: %d rows, URL query %q", rows, search)
	}
	b.Screenshot("admin-people")
}

// adminEditsPerson opens the person the search found (Kim Park): a bad
// email comes back next to its field with the rest kept, and the fixed
// form saves. It returns the stored person.
func adminEditsPerson(t *testing.T, b *testbrowser.Browser, db *gorm.DB, kimID int64) directory.Person {
	t.Helper()
	b.Expect("status of 422 (Unprocessable Entity)")
	var emailErr, location, flash string
	b.Run(
		chromedp.Click(`[data-testid="person-link"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid="person-form"]`, chromedp.ByQuery),
		chromedp.SetValue(`#f-email`, "kim.park@", chromedp.ByQuery),
		chromedp.SetValue(`#f-location`, "Berlin", chromedp.ByQuery),
		chromedp.SetValue(`#f-start_date`, "2023-04-03", chromedp.ByQuery),
		chromedp.SetValue(`#f-job_role`, "Backend engineer", chromedp.ByQuery),
		chromedp.Click(`[data-testid="person-save"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid="error-email"]`, chromedp.ByQuery),
		chromedp.Text(`[data-testid="error-email"]`, &emailErr, chromedp.ByQuery),
		chromedp.Value(`#f-location`, &location, chromedp.ByQuery),
	)
	if !strings.Contains(emailErr, "email address") || location != "Berlin" {
		t.Errorf("error %q, location kept as %q", emailErr, location)
	}
	b.Screenshot("admin-person-error")
	b.Run(
		chromedp.SetValue(`#f-email`, "kim.park@example.com", chromedp.ByQuery),
		chromedp.Click(`[data-testid="person-save"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid="flash"]`, chromedp.ByQuery),
		chromedp.Text(`[data-testid="flash"]`, &flash, chromedp.ByQuery),
	)
	if flash != "Saved changes to Kim Park." {
		t.Errorf("flash %q", flash)
	}
	kim, err := directory.NewStore(db).Person(context.Background(), kimID)
	if err != nil || kim.Location != "Berlin" || kim.JobRole != "Backend engineer" || kim.StartDate == nil {
		t.Errorf("stored %+v %v", kim, err)
	}
	return kim
}

// adminGrantsLead grants the person lead of the Checkout team on their
// edit page.
func adminGrantsLead(t *testing.T, b *testbrowser.Browser, db *gorm.DB, personID, checkout int64) {
	t.Helper()
	var grant string
	b.Run(
		chromedp.SetValue(`#f-role`, "lead", chromedp.ByQuery),
		chromedp.SetValue(`#f-grant_team`, fmt.Sprint(checkout), chromedp.ByQuery),
		chromedp.Click(`[data-testid="grant-add"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid="grant"]`, chromedp.ByQuery),
		chromedp.Text(`[data-testid="grant"]`, &grant, chromedp.ByQuery),
	)
	if !strings.Contains(grant, "lead") || !strings.Contains(grant, "Engineering/Product/Checkout") {
		t.Errorf("grant shown %q", grant)
	}
	if grants, _ := directory.NewStore(db).Grants(context.Background(), personID); len(grants) != 1 || grants[0].Role != directory.RoleLead {
		t.Errorf("stored grants %+v", grants)
	}
	b.Screenshot("admin-person-edit")
}

// adminPagesAtPhoneWidth takes screenshots of the team tree, then of the
// admin pages at phone width.
func adminPagesAtPhoneWidth(b *testbrowser.Browser, base string, personID int64) {
	b.Run(chromedp.Navigate(base+"/admin/teams"), chromedp.WaitVisible(`[data-testid="team-tree"]`, chromedp.ByQuery))
	b.Screenshot("admin-teams")

	b.Run(chromedp.EmulateViewport(375, 812), chromedp.Navigate(base+fmt.Sprintf("/admin/people/%d", personID)),
		chromedp.WaitVisible(`[data-testid="person-form"]`, chromedp.ByQuery))
	b.Screenshot("admin-person-edit-phone")
	b.Run(chromedp.Navigate(base+"/admin/people?status=active"), chromedp.WaitVisible(`[data-testid="people-table"]`, chromedp.ByQuery))
	b.Screenshot("admin-people-phone")
	b.Run(chromedp.Navigate(base+"/admin/teams"), chromedp.WaitVisible(`[data-testid="team-tree"]`, chromedp.ByQuery))
	b.Screenshot("admin-teams-phone")
}

// leadSeesOwnTeams: the signed-in lead of Engineering/Product sees that
// subtree's teams, opens one, and is refused another team's page.
func leadSeesOwnTeams(t *testing.T, b *testbrowser.Browser, base string, otherTeam int64) {
	t.Helper()
	var paths []string
	b.Run(
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(base+"/teams"),
		chromedp.WaitVisible(`[data-testid="team-tree"]`, chromedp.ByQuery),
		chromedp.Evaluate(`[...document.querySelectorAll('[data-testid="team-row"]')].map(r => r.dataset.path)`, &paths),
	)
	if fmt.Sprint(paths) != "[Engineering/Product Engineering/Product/Checkout Engineering/Product/Search]" {
		t.Errorf("lead sees %v", paths)
	}
	b.Screenshot("teams-lead")
	var teamPath string
	b.Run(
		chromedp.Click(`[data-path="Engineering/Product/Checkout"] a`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid="team-path"]`, chromedp.ByQuery),
		chromedp.Text(`[data-testid="team-path"]`, &teamPath, chromedp.ByQuery),
	)
	if teamPath != "Engineering/Product/Checkout" {
		t.Errorf("team page for %q", teamPath)
	}
	b.Screenshot("team-show")
	var status int64
	b.Expect("status of 403 (Forbidden)")
	b.Run(
		chromedp.Navigate(base+fmt.Sprintf("/teams/%d", otherTeam)),
		chromedp.WaitVisible(`[data-testid="error"]`, chromedp.ByQuery),
		chromedp.Evaluate(`parseInt(document.querySelector('.error-status').textContent)`, &status),
	)
	if status != 403 {
		t.Errorf("lead on another team's page: %d", status)
	}
	b.Run(chromedp.EmulateViewport(375, 812), chromedp.Navigate(base+"/teams"), chromedp.WaitVisible(`[data-testid="team-tree"]`, chromedp.ByQuery))
	b.Screenshot("teams-lead-phone")
}
