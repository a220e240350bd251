package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/testdb"
)

func TestChannelPreference(t *testing.T) {
	db := testdb.SQLite(t)
	s := newTestServer(t, db, "http://localhost")
	f := newFixture(t, db)
	token, _ := auth.NewSessions(db).Create(context.Background(), f.people[respondent])
	post := func(channel string) int {
		req := httptest.NewRequest(http.MethodPost, "/me/channel", strings.NewReader(url.Values{"channel": {channel}, "_csrf": {sessionCSRFToken(token)}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.AddCookie(&http.Cookie{Name: "devpulse_csrf", Value: sessionCSRFToken(token)})
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: token})
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, req)
		return rec.Code
	}
	if code := post("slack"); code != http.StatusSeeOther {
		t.Fatalf("save: %d", code)
	}
	p, _ := directory.NewStore(db).Person(context.Background(), f.people[respondent])
	if p.NotifyChannel != "slack" {
		t.Fatalf("channel %q", p.NotifyChannel)
	}
	if code := post("pigeon"); code != http.StatusUnprocessableEntity {
		t.Fatalf("bad channel: %d", code)
	}
	rec := f.request(t, s, http.MethodGet, "/", respondent)
	if !strings.Contains(rec.Body.String(), `<option value="slack" selected>`) {
		t.Fatal("home page does not show the saved preference")
	}
}
