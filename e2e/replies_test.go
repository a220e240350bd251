package e2e

import (
	"context"
	"fmt"
	"io"
	"mime/quotedprintable"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/results/resultstest"
	"github.com/devpulse/devpulse/internal/testbrowser"
	"github.com/devpulse/devpulse/internal/testdb"
	"github.com/devpulse/devpulse/internal/testslack"
	"github.com/devpulse/devpulse/internal/testsmtp"
)

const (
	replyComment = "The Android build takes 40 minutes on CI and blocks every merge."
	replyText    = "Which step is slowest for you? We are trying bigger runners next sprint."
	replyAnswer  = "The Gradle cache misses on every run."
)

// repliesOrg: six engineers of Engineering/Mobile answered a closed
// snapshot, each with a comment; Kim Park wrote replyComment. Lena leads
// the team and Ada is an admin; neither answered.
func repliesOrg(t *testing.T, db *gorm.DB) (kim, lena, ada directory.Person, team int64) {
	t.Helper()
	w := resultstest.New(t, db, 5)
	engineers := w.Add(t, "Engineering/Mobile", 6, "mobile", "hybrid")
	kim = rename(t, db, engineers[0], "Kim Park")
	w.Snapshot(t, "2026 Q3", func(p directory.Person) *resultstest.Answers {
		if p.ID == kim.ID {
			return &resultstest.Answers{Comment: replyComment}
		}
		return &resultstest.Answers{Comment: fmt.Sprintf("Release notes are hard to find (%d).", p.ID)}
	})
	team = w.Teams["Engineering/Mobile"].ID
	lena = rename(t, db, w.Add(t, "Engineering", 1, "manager", "office")[0], "Lena Lead")
	ada = rename(t, db, w.Add(t, "Engineering", 1, "platform", "office")[0], "Ada Admin")
	ctx := context.Background()
	if _, err := directory.AddGrant(ctx, db, lena.ID, directory.RoleLead, &team); err != nil {
		t.Fatal(err)
	}
	if _, err := directory.AddGrant(ctx, db, ada.ID, directory.RoleAdmin, nil); err != nil {
		t.Fatal(err)
	}
	return kim, lena, ada, team
}

// rename gives a generated person a name and address to look for.
func rename(t *testing.T, db *gorm.DB, p directory.Person, name string) directory.Person {
	t.Helper()
	p.Name, p.Email = name, strings.ToLower(strings.ReplaceAll(name, " ", "."))+"@example.com"
	if err := db.Model(&directory.Person{}).Where("id = ?", p.ID).Updates(map[string]any{"name": p.Name, "email": p.Email}).Error; err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLeadRepliesAndTheAuthorAnswersAnonymously(t *testing.T) {
	db := testdb.SQLite(t)
	smtp := testsmtp.Start(t)
	kim, lena, ada, team := repliesOrg(t, db)
	// The snapshot is materialised already: its close would recompute it
	// (new comment IDs) and announce it once the server's runner starts.
	if err := db.Exec("DELETE FROM river_job").Error; err != nil {
		t.Fatal(err)
	}
	base, _ := startNotifyingServer(t, db, smtp, testslack.Start(t))
	var comment int64
	if err := db.Raw("SELECT id FROM result_comments WHERE body = ?", replyComment).Scan(&comment).Error; err != nil || comment == 0 {
		t.Fatalf("comment: %d %v", comment, err)
	}
	b := testbrowser.New(t)
	var opened []string // every page the lead and the admin open, as HTML

	signInAs(t, b, db, base, lena.ID)
	opened = append(opened, openHTML(t, b, base+"/"), openHTML(t, b, fmt.Sprintf("%s/teams/%d", base, team)))
	b.Screenshot("replies-dashboard")
	b.ClickNavigate(fmt.Sprintf(`a[href="/comments/%d"]`, comment))
	b.Run(chromedp.WaitVisible(`[data-testid="reply-form"]`, chromedp.ByQuery))
	b.Expect("422") // the empty reply refused first
	b.ClickNavigate(`[data-testid="reply-submit"]`)
	b.Run(chromedp.WaitVisible(`[data-testid="error-body"]`, chromedp.ByQuery),
		chromedp.SendKeys(`#f-body`, replyText, chromedp.ByQuery))
	b.ClickNavigate(`[data-testid="reply-submit"]`)
	b.Run(chromedp.WaitVisible(`[data-testid="thread-entry"]`, chromedp.ByQuery))
	b.Screenshot("replies-lead-replied")
	checkReplyNotice(t, smtp, kim, base)

	authorAnswers(t, b, db, base, kim)

	signInAs(t, b, db, base, lena.ID)
	thread := openHTML(t, b, fmt.Sprintf("%s/comments/%d", base, comment))
	if !strings.Contains(thread, replyAnswer) || !strings.Contains(thread, "The author") {
		t.Fatal("the lead does not see the author's answer as the author's")
	}
	b.Screenshot("replies-lead-sees-answer")
	opened = append(opened, thread, openHTML(t, b, fmt.Sprintf("%s/teams/%d", base, team)), openHTML(t, b, base+"/teams"))
	signInAs(t, b, db, base, ada.ID)
	audit := openHTML(t, b, base+"/admin/audit")
	if !strings.Contains(audit, "comment.reply") {
		t.Fatal("the reply is not in the audit log")
	}
	opened = append(opened, audit, openHTML(t, b, fmt.Sprintf("%s/comments/%d", base, comment)))
	for i, html := range opened {
		if strings.Contains(html, kim.Name) || strings.Contains(html, kim.Email) || strings.Contains(html, "kim.park") {
			t.Fatalf("page %d a replier opened names the author", i)
		}
	}
}

// authorAnswers: Kim reads the reply on the home page, answers it on her
// comments page, and sees her answer as hers.
func authorAnswers(t *testing.T, b *testbrowser.Browser, db *gorm.DB, base string, kim directory.Person) {
	t.Helper()
	signInAs(t, b, db, base, kim.ID)
	var shown string
	b.Run(chromedp.Navigate(base+"/"), chromedp.Text(`[data-testid="home-reply-body"]`, &shown, chromedp.ByQuery))
	if shown != replyText {
		t.Fatalf("home page shows reply %q", shown)
	}
	b.Screenshot("replies-author-home")
	b.ClickNavigate(`[data-testid="home-reply"] a`)
	b.Run(chromedp.WaitVisible(`[data-testid="answer-form"]`, chromedp.ByQuery),
		chromedp.SendKeys(`[data-testid="field-answer"]`, replyAnswer, chromedp.ByQuery))
	b.ClickNavigate(`[data-testid="answer-submit"]`)
	var by string
	b.Run(chromedp.WaitVisible(`[data-testid="flash"]`, chromedp.ByQuery),
		chromedp.Text(`[data-testid="thread-entry"]:last-child [data-testid="entry-by"]`, &by, chromedp.ByQuery))
	if by != "You" {
		t.Fatalf("the author's answer shows as %q", by)
	}
	b.Screenshot("replies-author-answered")
	var stored int64
	if err := db.Table("comment_replies").Where("body = ? AND replier_id IS NULL", replyAnswer).Count(&stored).Error; err != nil || stored != 1 {
		t.Fatalf("author's answers stored: %d %v", stored, err)
	}
}

// openHTML opens a URL and returns its HTML.
func openHTML(t *testing.T, b *testbrowser.Browser, url string) string {
	t.Helper()
	var html string
	b.Run(chromedp.Navigate(url), chromedp.OuterHTML("html", &html, chromedp.ByQuery))
	return html
}

// checkReplyNotice: Kim is mailed a link, without the comment or the reply.
func checkReplyNotice(t *testing.T, smtp *testsmtp.Server, kim directory.Person, base string) {
	t.Helper()
	smtp.Wait(t, 1)
	ms := smtp.To(kim.Email)
	if len(ms) != 1 {
		t.Fatalf("%d notices to the author", len(ms))
	}
	text, err := io.ReadAll(quotedprintable.NewReader(strings.NewReader(ms[0].Data)))
	if err != nil {
		t.Fatal(err)
	}
	body := string(text)
	if !strings.Contains(body, base+"/me/comments") || strings.Contains(body, "Android") || strings.Contains(body, "runners") {
		t.Fatalf("notice:\n%s", body)
	}
}
