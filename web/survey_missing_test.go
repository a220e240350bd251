package web

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testdb"
)

// Submitting with required questions left, in any section, lists every one
// of them once, in survey order, each linking to its section and question;
// the progress line counts questions answered, not sections.
func TestSubmitListsEveryMissingAnswer(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s := newTestServer(t, db, "http://localhost")
		token, o := openLinkSurvey(t, db)
		link := "/s/" + token

		// Answer only the first section's first question, then submit from
		// the last section.
		first := o.Questions[0]
		rec := postForm(t, s, link, url.Values{"section": {fmt.Sprint(len(o.Sections))}, "go": {"submit"}, survey.FieldName(first): {"4"}})
		if rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("submit with answers missing: %d", rec.Code)
		}
		body := rec.Body.String()
		var want []string
		for i, sec := range o.Sections {
			for _, q := range o.InSection(sec.ID) {
				if q.Required && q.ID != first.ID {
					want = append(want, fmt.Sprintf("%s?section=%d#q-%d", link, i+1, q.ID))
				}
			}
		}
		var got []string
		for _, m := range regexp.MustCompile(`<a href="([^"]*)" data-testid="missing-link"`).FindAllStringSubmatch(body, -1) {
			got = append(got, m[1])
		}
		if len(want) < 10 || strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("missing links:\n got %v\nwant %v", got, want)
		}
		if !strings.Contains(pageText(body), fmt.Sprintf("%d questions still need an answer", len(want))) {
			t.Errorf("the summary does not count what is missing")
		}

		page := pageText(get(t, s.Handler(), link+"?section=1").Body.String())
		progress := fmt.Sprintf("1 of %d questions answered · about", len(o.Questions))
		if !strings.Contains(page, progress) || strings.Contains(page, "missing") {
			t.Errorf("progress line: want %q in\n%s", progress, page)
		}
	})
}
