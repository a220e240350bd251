package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/responses"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testdb"
)

// With two surveys open, the home page says of each who is asked and how
// much is left for this person, and marks the one that closes first.
func TestHomeSaysWhichOpenSurveyIsWhich(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		team, _ := directory.EnsureTeam(ctx, db, "Eng")
		p := directory.Person{Email: "r@example.com", Name: "R", TeamID: &team.ID, JobRole: "backend", Active: true, CreatedAt: time.Now(), UpdatedAt: time.Now()}
		if err := directory.NewStore(db).CreatePerson(ctx, &p); err != nil {
			t.Fatal(err)
		}
		late := openForAll(t, db, "2026 Q4", 72*time.Hour)
		soon := openForAll(t, db, "Tooling check", 24*time.Hour)
		rs := responses.NewStore(db)
		inv, err := rs.ForPerson(ctx, late.Snapshot.ID, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		first := late.Questions[0]
		if _, err := rs.Save(ctx, inv, late, []survey.Question{first}, url.Values{survey.FieldName(first): {"4"}}); err != nil {
			t.Fatal(err)
		}

		token, _ := auth.NewSessions(db).Create(ctx, p.ID)
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: token})
		rec := httptest.NewRecorder()
		newTestServer(t, db, "http://localhost").Handler().ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			t.Fatalf("home: %d", rec.Code)
		}
		cards := strings.Split(pageText(rec.Body.String()), "Open until")
		want := []string{
			"2 surveys are open for you.",
			fmt.Sprintf("Tooling check Closes first Asked of everyone in the organisation. %d questions, about", len(soon.Questions)),
			fmt.Sprintf("2026 Q4 Asked of everyone in the organisation. 1 of %d questions answered, about", len(late.Questions)),
		}
		text := strings.Join(cards, "|")
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("home page lacks %q in\n%s", w, text)
			}
		}
		if strings.Count(rec.Body.String(), `data-testid="closes-first"`) != 1 {
			t.Error("want exactly one survey marked as closing first")
		}
	})
}

// openForAll opens a snapshot from the template for the whole organisation,
// closing after d, invites everyone and returns its outline.
func openForAll(t *testing.T, db *gorm.DB, title string, d time.Duration) survey.Outline {
	t.Helper()
	ctx := context.Background()
	store := survey.NewStore(db, testQueue(t, db))
	snap, err := store.CreateSnapshot(ctx, survey.NewSnapshot{Title: title, Start: survey.StartTemplate, TimeZone: "UTC"}, "a")
	if err != nil {
		t.Fatal(err)
	}
	opens, closes := time.Now().Add(time.Hour), time.Now().Add(d)
	if err := store.UpdateSettings(ctx, snap.ID, survey.Settings{Title: title, TimeZone: "UTC", OpensAt: &opens, ClosesAt: &closes, AudienceAll: true}, "a"); err != nil {
		t.Fatal(err)
	}
	if err := store.Schedule(ctx, snap.ID, "a"); err != nil {
		t.Fatal(err)
	}
	if err := store.OpenNow(ctx, snap.ID, "a"); err != nil {
		t.Fatal(err)
	}
	if _, err := responses.NewStore(db).Invite(ctx, snap.ID); err != nil {
		t.Fatal(err)
	}
	o, err := store.Outline(ctx, snap.ID)
	if err != nil {
		t.Fatal(err)
	}
	return o
}
