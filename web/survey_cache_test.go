package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testdb"
)

// Survey pages draw unanswered questions from a cache shared by every
// respondent (templates/survey/cache.go). Each respondent still sees only
// their own link, CSRF token and answers; a returning respondent sees what
// they saved; Spanish and English never mix; and a driver's wording or
// translation changed while the snapshot is open shows at once.
func TestSurveyPagesKeptApart(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s := newTestServer(t, db, "http://localhost")
		tokenA, o := openLinkSurvey(t, db)
		linkA, linkB := "/s/"+tokenA, benchRespondents(t, db, o, 1)[0]
		page := func(link, accept, csrf string) (body, cookie string) {
			rec := httptest.NewRecorder()
			s.Handler().ServeHTTP(rec, surveyRequest(link, accept, csrf))
			if rec.Code != http.StatusOK {
				t.Fatalf("GET %s: %d", link, rec.Code)
			}
			for _, c := range rec.Result().Cookies() {
				if c.Name == csrfCookie {
					cookie = c.Value
				}
			}
			return rec.Body.String(), cookie
		}

		// Two first visits: each page posts to its own link with its own token.
		bodyA, csrfA := page(linkA+"?section=1", "", "")
		bodyB, csrfB := page(linkB+"?section=1", "", "")
		if csrfA == "" || csrfB == "" || csrfA == csrfB {
			t.Fatalf("CSRF tokens %q and %q", csrfA, csrfB)
		}
		for _, p := range []struct{ body, own, other, ownCSRF, otherCSRF string }{
			{bodyA, linkA, linkB, csrfA, csrfB}, {bodyB, linkB, linkA, csrfB, csrfA},
		} {
			if !strings.Contains(p.body, `action="`+p.own+`"`) || !strings.Contains(p.body, p.ownCSRF) {
				t.Errorf("a page without its own link or CSRF token")
			}
			if strings.Contains(p.body, p.other) || strings.Contains(p.body, p.otherCSRF) {
				t.Errorf("a page carries the other respondent's link or CSRF token")
			}
		}

		// A saves section 1; returning, A sees the answers, B still none.
		first := o.InSection(o.Sections[0].ID)[0]
		form := url.Values{"section": {"1"}, "go": {"next"}, survey.FieldName(first): {"5"}}
		if rec := postForm(t, s, linkA, form); rec.Code != http.StatusSeeOther {
			t.Fatalf("save: %d", rec.Code)
		}
		checked := fmt.Sprintf(`name="%s" value="5" checked`, survey.FieldName(first))
		for i := 0; i < 2; i++ { // the second time from a warm cache
			bodyA, _ = page(linkA+"?section=1", "", csrfA)
			bodyB, _ = page(linkB+"?section=1", "", csrfB)
			if !strings.Contains(bodyA, checked) {
				t.Fatalf("returning, A does not see the saved answer")
			}
			if strings.Contains(bodyB, " checked") {
				t.Fatalf("B sees an answer ticked")
			}
		}

		// Spanish and English, alternating, each in its own words only, on
		// a page whose rating has no Spanish prompt: only the scale's
		// words tell the languages apart.
		ctx := context.Background()
		overall := len(o.Sections)
		for i, sec := range o.Sections {
			for _, q := range o.InSection(sec.ID) {
				if q.Key == survey.KeyOverall {
					overall = i + 1
					if err := s.surveys.SetTranslations(ctx, survey.TrQuestion, q.ID, "es", map[string]string{"prompt": ""}); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
		for i := 0; i < 2; i++ {
			link := fmt.Sprintf("%s?section=%d", linkB, overall)
			es := pageText(mustPage(t, page, link, "es"))
			en := pageText(mustPage(t, page, link, "en"))
			if !strings.Contains(es, "Totalmente de acuerdo") || strings.Contains(es, "Strongly agree") {
				t.Fatalf("the Spanish page:\n%s", es)
			}
			if !strings.Contains(en, "Strongly agree") || strings.Contains(en, "Totalmente de acuerdo") {
				t.Fatalf("the English page:\n%s", en)
			}
		}

		// Drivers' wording may change while the snapshot is open: a Spanish
		// statement (a driver rating's prompt) and an English name (a
		// priority question's option) show on the next page.
		var rated, picked survey.Question
		for _, q := range o.Questions {
			switch {
			case q.DriverID != nil && q.SectionID == o.Sections[0].ID && rated.ID == 0:
				rated = q
			case q.Kind == survey.KindPriority:
				picked = q
			}
		}
		if rated.ID == 0 || picked.ID == 0 {
			t.Fatal("the template has no driver rating in section 1 or no priority question")
		}
		if err := s.surveys.SetTranslations(ctx, survey.TrDriver, *rated.DriverID, "es", map[string]string{"statement": "Frase nueva del factor"}); err != nil {
			t.Fatal(err)
		}
		if es := pageText(mustPage(t, page, linkB+"?section=1", "es")); !strings.Contains(es, "Frase nueva del factor") {
			t.Errorf("the new Spanish statement is not shown:\n%s", es)
		}
		if en := pageText(mustPage(t, page, linkB+"?section=1", "en")); strings.Contains(en, "Frase nueva del factor") || !strings.Contains(en, rated.Prompt) {
			t.Errorf("the English page changed with the Spanish statement:\n%s", en)
		}
		section := 0
		for i, sec := range o.Sections {
			if sec.ID == picked.SectionID {
				section = i + 1
			}
		}
		d, err := s.surveys.Driver(ctx, *rated.DriverID)
		if err != nil {
			t.Fatal(err)
		}
		last := fmt.Sprintf("%s?section=%d", linkB, section)
		mustPage(t, page, last, "en") // kept with the old name
		if _, err := s.surveys.UpdateDriver(ctx, d.ID, "Renamed driver", d.Category, d.Statement, "admin"); err != nil {
			t.Fatal(err)
		}
		if en := pageText(mustPage(t, page, last, "en")); !strings.Contains(en, "Renamed driver") {
			t.Errorf("the renamed driver is not offered:\n%s", en)
		}
	})
}

// surveyRequest is a GET of a survey page in a language, with a CSRF
// cookie from an earlier page when csrf is set.
func surveyRequest(link, accept, csrf string) *http.Request {
	req := httptest.NewRequest(http.MethodGet, link, nil)
	if accept != "" {
		req.Header.Set("Accept-Language", accept)
	}
	if csrf != "" {
		req.AddCookie(&http.Cookie{Name: csrfCookie, Value: csrf})
	}
	return req
}

func mustPage(t *testing.T, page func(link, accept, csrf string) (string, string), link, accept string) string {
	t.Helper()
	body, _ := page(link, accept, "")
	return body
}
