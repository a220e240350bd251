package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/directory"
)

// signInLive gives the live server's client a session of the person.
func (l *liveServer) signInLive(t *testing.T, db *gorm.DB, personID int64) {
	t.Helper()
	token, err := auth.NewSessions(db).Create(context.Background(), personID)
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(l.URL)
	l.client.Jar.SetCookies(u, []*http.Cookie{{Name: sessionCookie, Value: token, Path: "/"}})
}

// pulseOrg: team Eng/Platform with an admin and the given members.
func pulseOrg(t *testing.T, db *gorm.DB, members ...directory.Person) (directory.Team, directory.Person, []directory.Person) {
	t.Helper()
	ctx := context.Background()
	team, err := directory.EnsureTeam(ctx, db, "Eng/Platform")
	if err != nil {
		t.Fatal(err)
	}
	store := directory.NewStore(db)
	adm := directory.Person{Email: "admin@example.com", Name: "Admin", TeamID: &team.ID, Active: true, CreatedAt: time.Now(), UpdatedAt: time.Now()}
	if err := store.CreatePerson(ctx, &adm); err != nil {
		t.Fatal(err)
	}
	if _, err := directory.AddGrant(ctx, db, adm.ID, directory.RoleAdmin, nil); err != nil {
		t.Fatal(err)
	}
	var out []directory.Person
	for _, m := range members {
		m.TeamID, m.Active, m.CreatedAt, m.UpdatedAt = &team.ID, true, time.Now(), time.Now()
		if m.Name == "" {
			m.Name = m.Email
		}
		if err := store.CreatePerson(ctx, &m); err != nil {
			t.Fatal(err)
		}
		out = append(out, m)
	}
	return team, adm, out
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
