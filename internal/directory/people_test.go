package directory_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/testdb"
)

// org is a small directory: Eng, Eng/A, Eng/A/X, Eng/B, Sales.
type org struct {
	store *directory.Store
	teams map[string]directory.Team
}

func newOrg(t *testing.T, db *gorm.DB) *org {
	t.Helper()
	o := &org{store: directory.NewStore(db), teams: map[string]directory.Team{}}
	for _, p := range []string{"Eng/A/X", "Eng/B", "Sales"} {
		if _, err := directory.EnsureTeam(context.Background(), db, p); err != nil {
			t.Fatal(err)
		}
	}
	teams, err := o.store.Teams(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, tm := range teams {
		o.teams[tm.Path] = tm
	}
	return o
}

func (o *org) add(t *testing.T, name, email, team, arrangement string, active bool) directory.Person {
	t.Helper()
	p := directory.Person{Email: email, Name: name, WorkArrangement: arrangement, Active: active,
		CreatedAt: time.Now(), UpdatedAt: time.Now()}
	if team != "" {
		id := o.teams[team].ID
		p.TeamID = &id
	}
	if err := o.store.CreatePerson(context.Background(), &p); err != nil {
		t.Fatal(err)
	}
	return p
}

func names(people []directory.Person) []string {
	var out []string
	for _, p := range people {
		out = append(out, p.Name)
	}
	return out
}

func TestPeopleSearchAndFilters(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		o := newOrg(t, db)
		o.add(t, "Alice Archer", "alice@example.com", "Eng/A", directory.Remote, true)
		o.add(t, "Bob Builder", "bob.ALIas@example.com", "Eng/A/X", directory.Office, true)
		o.add(t, "Carol Chen", "carol@example.com", "Eng/B", directory.Hybrid, false)
		dan := o.add(t, "Dan 100%_Done", "dan@example.com", "Sales", directory.Remote, true)
		o.add(t, "Eve", "eve@example.com", "", "", true)
		if _, err := directory.AddGrant(ctx, db, dan.ID, directory.RoleExecutive, nil); err != nil {
			t.Fatal(err)
		}
		lead := o.teams["Eng/B"].ID
		carol, _ := o.store.PersonByEmail(ctx, "carol@example.com")
		if _, err := directory.AddGrant(ctx, db, carol.ID, directory.RoleLead, &lead); err != nil {
			t.Fatal(err)
		}

		tests := []struct {
			name string
			q    directory.PeopleQuery
			want []string
		}{
			{"everyone", directory.PeopleQuery{}, []string{"Alice Archer", "Bob Builder", "Carol Chen", "Dan 100%_Done", "Eve"}},
			{"name or email, any case", directory.PeopleQuery{Search: "  ALI "}, []string{"Alice Archer", "Bob Builder"}},
			{"email domain", directory.PeopleQuery{Search: "CAROL@EXAMPLE"}, []string{"Carol Chen"}},
			{"percent is literal", directory.PeopleQuery{Search: "%"}, []string{"Dan 100%_Done"}},
			{"underscore is literal", directory.PeopleQuery{Search: "0%_d"}, []string{"Dan 100%_Done"}},
			{"team includes subtree", directory.PeopleQuery{TeamID: o.teams["Eng"].ID}, []string{"Alice Archer", "Bob Builder", "Carol Chen"}},
			{"leaf team", directory.PeopleQuery{TeamID: o.teams["Eng/A/X"].ID}, []string{"Bob Builder"}},
			{"arrangement", directory.PeopleQuery{WorkArrangement: directory.Remote}, []string{"Alice Archer", "Dan 100%_Done"}},
			{"active", directory.PeopleQuery{Status: directory.StatusActive}, []string{"Alice Archer", "Bob Builder", "Dan 100%_Done", "Eve"}},
			{"inactive", directory.PeopleQuery{Status: directory.StatusInactive}, []string{"Carol Chen"}},
			{"role", directory.PeopleQuery{Role: directory.RoleLead}, []string{"Carol Chen"}},
			{"any role", directory.PeopleQuery{Role: directory.RoleAny}, []string{"Carol Chen", "Dan 100%_Done"}},
			{"combined", directory.PeopleQuery{TeamID: o.teams["Eng"].ID, Search: "a", Status: directory.StatusActive}, []string{"Alice Archer", "Bob Builder"}},
			{"nothing", directory.PeopleQuery{Search: "zebra"}, nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				people, total, err := o.store.People(ctx, tt.q)
				if err != nil {
					t.Fatal(err)
				}
				if got := names(people); fmt.Sprint(got) != fmt.Sprint(tt.want) {
					t.Errorf("got %q, want %q", got, tt.want)
				}
				if total != int64(len(tt.want)) {
					t.Errorf("total %d, want %d", total, len(tt.want))
				}
			})
		}
	})
}

func TestPeoplePagination(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		o := newOrg(t, db)
		for i := range 123 {
			o.add(t, fmt.Sprintf("Person %03d", i), fmt.Sprintf("p%03d@example.com", i), "Eng/A", "", true)
		}
		pages := []struct {
			page  int
			n     int
			first string
		}{{0, 50, "Person 000"}, {1, 50, "Person 000"}, {2, 50, "Person 050"}, {3, 23, "Person 100"}, {4, 0, ""}}
		for _, pg := range pages {
			people, total, err := o.store.People(ctx, directory.PeopleQuery{Page: pg.page})
			if err != nil {
				t.Fatal(err)
			}
			if total != 123 || len(people) != pg.n {
				t.Errorf("page %d: %d people of %d, want %d of 123", pg.page, len(people), total, pg.n)
			}
			if pg.n > 0 && people[0].Name != pg.first {
				t.Errorf("page %d starts with %q, want %q", pg.page, people[0].Name, pg.first)
			}
		}
	})
}

func TestEmailIsUniqueWhateverItsCase(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		o := newOrg(t, db)
		o.add(t, "Alice", "Alice@Example.com", "", "", true)
		dup := directory.Person{Email: "ALICE@example.COM", Name: "Other", CreatedAt: time.Now(), UpdatedAt: time.Now()}
		if err := o.store.CreatePerson(ctx, &dup); !errors.Is(err, directory.ErrInvalid) {
			t.Fatalf("create duplicate: %v", err)
		}
		bob := o.add(t, "Bob", "bob@example.com", "", "", true)
		bob.Email = " ALICE@EXAMPLE.COM "
		err := o.store.UpdatePerson(ctx, &bob)
		var verr *directory.ValidationError
		if !errors.As(err, &verr) || verr.Fields["email"].ID == "" || !errors.Is(err, directory.ErrInvalid) {
			t.Fatalf("update to a taken email: %v", err)
		}
		// Changing only the case of one's own address is fine, and stored lower case.
		alice, err := o.store.PersonByEmail(ctx, "alice@example.com")
		if err != nil {
			t.Fatal(err)
		}
		alice.Email = "ALICE@example.com"
		if err := o.store.UpdatePerson(ctx, &alice); err != nil {
			t.Fatal(err)
		}
		if got, _ := o.store.Person(ctx, alice.ID); got.Email != "alice@example.com" {
			t.Errorf("stored email %q", got.Email)
		}
	})
}

func TestUpdatePerson(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		o := newOrg(t, db)
		p := o.add(t, "Alice", "alice@example.com", "Eng/A", directory.Remote, true)
		start := time.Date(2021, 3, 15, 0, 0, 0, 0, time.UTC)
		team := o.teams["Sales"].ID
		p.Name, p.TeamID, p.JobRole, p.WorkArrangement = "Alice A.", &team, "SRE", directory.Office
		p.Location, p.StartDate, p.Level, p.GitHubLogin, p.SlackUserID = "Lisbon", &start, "L4", "alice-gh", "U123"
		if err := o.store.UpdatePerson(ctx, &p); err != nil {
			t.Fatal(err)
		}
		got, err := o.store.Person(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != "Alice A." || *got.TeamID != team || got.JobRole != "SRE" || got.WorkArrangement != directory.Office ||
			got.Location != "Lisbon" || !got.StartDate.Equal(start) || got.Level != "L4" || got.GitHubLogin != "alice-gh" ||
			got.SlackUserID != "U123" || !got.Active {
			t.Errorf("stored %+v", got)
		}

		bad := got
		bad.Email, bad.Name, bad.WorkArrangement = "not-an-email", " ", "moon"
		err = o.store.UpdatePerson(ctx, &bad)
		var verr *directory.ValidationError
		if !errors.As(err, &verr) || len(verr.Fields) != 3 {
			t.Fatalf("invalid update: %v", err)
		}
		missing := got
		missing.ID = 999999
		missing.Email = "nobody@example.com"
		if err := o.store.UpdatePerson(ctx, &missing); !errors.Is(err, directory.ErrNotFound) {
			t.Errorf("update of a missing person: %v", err)
		}

		if err := o.store.SetActive(ctx, p.ID, false); err != nil {
			t.Fatal(err)
		}
		if got, _ := o.store.Person(ctx, p.ID); got.Active {
			t.Error("still active")
		}
		if err := o.store.SetActive(ctx, 999999, false); !errors.Is(err, directory.ErrNotFound) {
			t.Errorf("deactivate a missing person: %v", err)
		}
	})
}

func TestValidEmail(t *testing.T) {
	for s, want := range map[string]bool{
		"a@example.com": true, "first.last+tag@sub.example.org": true,
		"": false, "a": false, "a@b": false, "a@example.": false, "A <a@example.com>": false, "a @example.com": false,
	} {
		if got := directory.ValidEmail(s); got != want {
			t.Errorf("ValidEmail(%q) = %v, want %v", s, got, want)
		}
	}
}
