package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/testdb"
)

// TestFeedbackSimilarHint: the endpoint the title field asks while
// someone types returns the open item with a similar title, as a link to
// vote for instead, and nothing for an unrelated title.
func TestFeedbackSimilarHint(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s, f := newTestServer(t, db, "http://localhost"), newFixture(t, db)
		tool := f.boardTool(t, s)
		item := f.formRequest(t, s, http.MethodPost, "/feedback", leadB, form("title", "Builds are slow on the main branch", "tool", fmt.Sprint(tool.ID))).Header().Get("Location")
		rec := f.formRequest(t, s, http.MethodGet, "/feedback/similar?title="+url.QueryEscape("Slow builds"), respondent, nil)
		body := rec.Body.String()
		if rec.Code != http.StatusOK || !strings.Contains(body, `data-testid="similar-item"`) || !strings.Contains(body, `href="`+item+`"`) ||
			!strings.Contains(body, "instead of posting again") {
			t.Fatalf("similar: %d %s", rec.Code, body)
		}
		rec = f.formRequest(t, s, http.MethodGet, "/feedback/similar?title="+url.QueryEscape("Laptop battery drains"), respondent, nil)
		if rec.Code != http.StatusOK || strings.Contains(rec.Body.String(), "similar-item") || !strings.Contains(rec.Body.String(), `id="similar"`) {
			t.Fatalf("unrelated title: %d %s", rec.Code, rec.Body)
		}
		page := f.formRequest(t, s, http.MethodGet, "/feedback/new", respondent, nil).Body.String()
		if !strings.Contains(page, `hx-get="/feedback/similar"`) || !strings.Contains(page, `hx-trigger="keyup changed delay:400ms"`) {
			t.Fatal("the title field does not ask for similar items")
		}
		// Without JavaScript, a form sent back with a message shows them too.
		rec = f.formRequest(t, s, http.MethodPost, "/feedback", respondent, form("title", "slow builds again"))
		if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), `data-testid="similar-item"`) {
			t.Fatalf("the returned form lacks the hint: %d", rec.Code)
		}
	})
}

// TestFeedbackDrivers: the author picks drivers when posting, the owners
// change them, the list filters by them, the page links each to the
// dashboards and the API lists them.
func TestFeedbackDrivers(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s, f := newTestServer(t, db, "http://localhost"), newFixture(t, db)
		tool := f.boardTool(t, s)
		drivers, err := s.board.Drivers(context.Background())
		if err != nil || len(drivers) < 2 {
			t.Fatalf("drivers %v %v", drivers, err)
		}
		d0, d1 := drivers[0], drivers[1]
		v := form("title", "Docs are stale", "tool", fmt.Sprint(tool.ID))
		v.Add("driver", fmt.Sprint(d0.ID))
		item := f.formRequest(t, s, http.MethodPost, "/feedback", respondent, v).Header().Get("Location")
		f.formRequest(t, s, http.MethodPost, "/feedback", respondent, form("title", "Other", "tool", fmt.Sprint(tool.ID)))
		page := f.formRequest(t, s, http.MethodGet, item, respondent, nil).Body.String()
		if !strings.Contains(page, `href="/org#driver-`+d0.Key+`"`) {
			t.Fatal("the item page does not link its driver to the dashboards")
		}
		if rec := f.formRequest(t, s, http.MethodPost, item+"/drivers", leadB, form("driver", fmt.Sprint(d1.ID))); rec.Code != http.StatusForbidden {
			t.Fatalf("another team's lead chose drivers: %d", rec.Code)
		}
		if rec := f.formRequest(t, s, http.MethodPost, item+"/drivers", leadA, form("driver", "999999")); rec.Code != http.StatusUnprocessableEntity {
			t.Fatalf("an unknown driver: %d", rec.Code)
		}
		if rec := f.formRequest(t, s, http.MethodPost, item+"/drivers", leadA, form("driver", fmt.Sprint(d1.ID))); rec.Code != http.StatusSeeOther {
			t.Fatalf("the owner chose drivers: %d", rec.Code)
		}
		if n := countRows(t, db, &boardItemDriver{}, "driver_id = ?", d1.ID); n != 1 || countRows(t, db, &boardItemDriver{}, "1 = 1") != 1 {
			t.Fatalf("stored drivers: %d", n)
		}
		list := f.formRequest(t, s, http.MethodGet, fmt.Sprintf("/feedback?driver=%d", d1.ID), respondent, nil).Body.String()
		if !strings.Contains(list, "Docs are stale") || strings.Contains(list, ">Other<") {
			t.Fatal("the driver filter is wrong")
		}
		if list := f.formRequest(t, s, http.MethodGet, fmt.Sprintf("/feedback?driver=%d", d0.ID), respondent, nil).Body.String(); strings.Contains(list, "Docs are stale") {
			t.Fatal("the driver filter kept an item without that driver")
		}
		checkAPIDrivers(t, s, db, d1.ID, d1.Key)
	})
}

type boardItemDriver struct{ ItemID, DriverID int64 }

func (boardItemDriver) TableName() string { return "board_item_drivers" }

func checkAPIDrivers(t *testing.T, s *Server, db *gorm.DB, driverID int64, key string) {
	t.Helper()
	secret := apiReader(t, db)
	rec := bearerGet(t, s, fmt.Sprintf("/api/v1/feedback?driver=%d", driverID), secret)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"key":"`+key+`"`) || strings.Contains(rec.Body.String(), `"Other"`) {
		t.Fatalf("API list by driver: %d %s", rec.Code, rec.Body)
	}
	if rec := bearerGet(t, s, "/api/v1/feedback?driver=x", secret); rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), `"driver":`) {
		t.Fatalf("API bad driver: %d %s", rec.Code, rec.Body)
	}
}

// apiReader is the secret of a new token that reads results.
func apiReader(t *testing.T, db *gorm.DB) string {
	t.Helper()
	_, secret, err := auth.NewTokens(db).Create(context.Background(), "reader", []string{auth.ScopeResultsRead}, "test")
	if err != nil {
		t.Fatal(err)
	}
	return secret
}
