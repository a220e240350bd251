package roster

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/testdb"
)

// parse parses a file that must be valid.
func parse(t testing.TB, csv string) File {
	t.Helper()
	f, errs := Parse(strings.NewReader(csv))
	if len(errs) > 0 {
		t.Fatalf("parse: %v", errs)
	}
	return f
}

// importer imports into db as the app does, ending sessions through auth.
func importer(t testing.TB, db *gorm.DB) *Importer {
	t.Helper()
	people, err := directory.NewService(db, auth.NewSessions(db))
	if err != nil {
		t.Fatal(err)
	}
	im, err := NewImporter(db, people)
	if err != nil {
		t.Fatal(err)
	}
	return im
}

// apply imports csv and returns the plan it carried out.
func apply(t testing.TB, db *gorm.DB, csv string, opts Options) *Plan {
	t.Helper()
	p, err := importer(t, db).Apply(context.Background(), parse(t, csv), opts, "admin@example.com")
	if err != nil {
		t.Fatalf("apply: %v", err)
	}
	return p
}

func person(t testing.TB, db *gorm.DB, email string) directory.Person {
	t.Helper()
	p, err := directory.NewStore(db).PersonByEmail(context.Background(), email)
	if err != nil {
		t.Fatalf("person %s: %v", email, err)
	}
	return p
}

func teamPath(t testing.TB, db *gorm.DB, id *int64) string {
	t.Helper()
	if id == nil {
		return ""
	}
	team, err := directory.NewStore(db).Team(context.Background(), *id)
	if err != nil {
		t.Fatal(err)
	}
	return team.Path
}

func count(t testing.TB, db *gorm.DB, model any, where string, args ...any) int64 {
	t.Helper()
	var n int64
	q := db.Model(model)
	if where != "" {
		q = q.Where(where, args...)
	}
	if err := q.Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

const firstRoster = header +
	"ada@example.com,Ada Lovelace,Eng/Platform,Eng/Platform,Engineering manager,hybrid,London,2019-04-01,M2,ada-l,U01\n" +
	"grace@example.com,Grace Hopper,Eng/Platform,,Backend engineer,remote,Lisbon,2021-09-13,L4,ghopper,U02\n" +
	"alan@example.com,Alan Turing,Eng/Payments,,SRE,office,Berlin,,L3,,\n"

func TestImportAddsPeopleTeamsAndGrants(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		preview, err := importer(t, db).Preview(ctx, parse(t, firstRoster), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if count(t, db, &directory.Person{}, "") != 0 {
			t.Fatal("preview wrote people")
		}
		p := apply(t, db, firstRoster, Options{})
		if p.Fingerprint() != preview.Fingerprint() {
			t.Error("the applied plan differs from the preview")
		}
		if got := p.Summary(); got != "3 added, 0 changed, 0 deactivated, 1 lead grant added, 3 teams created, 0 unchanged" {
			t.Errorf("summary %q", got)
		}
		if got := strings.Join(p.TeamsCreated, ","); got != "Eng,Eng/Payments,Eng/Platform" {
			t.Errorf("teams created %s", got)
		}
		ada := person(t, db, "ADA@example.com")
		if ada.Name != "Ada Lovelace" || teamPath(t, db, ada.TeamID) != "Eng/Platform" || ada.JobRole != "Engineering manager" ||
			ada.WorkArrangement != "hybrid" || ada.Location != "London" || formatDate(ada.StartDate) != "2019-04-01" ||
			ada.Level != "M2" || ada.GitHubLogin != "ada-l" || ada.SlackUserID != "U01" || !ada.Active {
			t.Errorf("stored %+v", ada)
		}
		if alan := person(t, db, "alan@example.com"); alan.StartDate != nil || teamPath(t, db, alan.TeamID) != "Eng/Payments" {
			t.Errorf("alan %+v", alan)
		}
		grants, err := directory.NewStore(db).Grants(ctx, ada.ID)
		if err != nil || len(grants) != 1 || grants[0].Role != directory.RoleLead || teamPath(t, db, grants[0].TeamID) != "Eng/Platform" {
			t.Errorf("grants %+v %v", grants, err)
		}
		events, err := audit.New(db).Recent(ctx, 10, 0)
		if err != nil || len(events) != 1 || events[0].Actor != "admin@example.com" || events[0].Action != ActionImport ||
			!strings.HasPrefix(events[0].Detail, "3 added") || strings.Contains(events[0].Detail, "@") {
			t.Errorf("audit %+v %v", events, err)
		}

		// The same file again changes nothing and records nothing.
		again := apply(t, db, firstRoster, Options{})
		if !again.Empty() || again.Unchanged != 3 || again.Summary() != "no changes (3 unchanged)" {
			t.Errorf("re-import: %s %+v", again.Summary(), again)
		}
		if n := count(t, db, &audit.Event{}, ""); n != 1 {
			t.Errorf("%d audit entries after a re-import, want 1", n)
		}
	})
}

// changeCase is one import over firstRoster and what it must change.
type changeCase struct {
	name   string
	csv    string
	opts   Options
	setup  func(t *testing.T, db *gorm.DB)
	want   []string // "email field: old -> new"
	check  func(t *testing.T, db *gorm.DB, p *Plan)
	active map[string]bool
}

// changeCases are the imports TestImportChanges runs.
var changeCases = []changeCase{
	{
		name: "fields change, emails match in any case",
		csv: header +
			"ADA@Example.com,Ada King,Eng/Payments,,Engineering manager,office,London,2019-04-02,M2,ada-l,U01\n" +
			"grace@example.com,Grace Hopper,Eng/Platform,,Backend engineer,remote,Lisbon,2021-09-13,L4,ghopper,\n" +
			"alan@example.com,Alan Turing,Eng/Payments,,SRE,office,Berlin,,L3,,\n",
		want: []string{
			"ada@example.com name: Ada Lovelace -> Ada King",
			"ada@example.com team: Eng/Platform -> Eng/Payments",
			"ada@example.com work_arrangement: hybrid -> office",
			"ada@example.com start_date: 2019-04-01 -> 2019-04-02",
			"grace@example.com slack_user_id: U02 -> ",
		},
		setup: func(t *testing.T, db *gorm.DB) {
			err := db.Model(&directory.Person{}).Where("email = ?", "ada@example.com").
				Updates(map[string]any{"password_hash": "hash", "notify_channel": "slack"}).Error
			if err != nil {
				t.Fatal(err)
			}
		},
		check: func(t *testing.T, db *gorm.DB, p *Plan) {
			ada := person(t, db, "ada@example.com")
			if ada.PasswordHash != "hash" || ada.NotifyChannel != "slack" {
				t.Errorf("an import changed fields it does not own: %+v", ada)
			}
			if ada.Name != "Ada King" || teamPath(t, db, ada.TeamID) != "Eng/Payments" || formatDate(ada.StartDate) != "2019-04-02" || ada.WorkArrangement != "office" {
				t.Errorf("ada %+v", ada)
			}
			if !ada.UpdatedAt.After(ada.CreatedAt) || time.Since(ada.CreatedAt) > time.Minute {
				t.Errorf("created %v updated %v", ada.CreatedAt, ada.UpdatedAt)
			}
			if grace := person(t, db, "grace@example.com"); grace.SlackUserID != "" {
				t.Errorf("grace's Slack ID was not cleared: %q", grace.SlackUserID)
			}
			// A lead grant is never taken away by an import.
			if n := count(t, db, &directory.Grant{}, "role = ?", directory.RoleLead); n != 1 {
				t.Errorf("%d lead grants", n)
			}
			if p.Unchanged != 1 {
				t.Errorf("unchanged %d", p.Unchanged)
			}
		},
	},
	{
		name: "columns left out keep their values",
		csv:  "email,name,team\nada@example.com,Ada Lovelace,Eng/Platform\n",
		want: nil,
		check: func(t *testing.T, db *gorm.DB, p *Plan) {
			if ada := person(t, db, "ada@example.com"); ada.Location != "London" || ada.SlackUserID != "U01" || formatDate(ada.StartDate) != "2019-04-01" {
				t.Errorf("ada %+v", ada)
			}
			if p.Unchanged != 1 || len(p.Deactivated) != 0 {
				t.Errorf("plan %s", p.Summary())
			}
		},
		active: map[string]bool{"ada@example.com": true, "grace@example.com": true, "alan@example.com": true},
	},
	{
		name:   "missing people are deactivated only when asked, admins never",
		csv:    "email,name,team\nada@example.com,Ada Lovelace,Eng/Platform\nnew@example.com,New Person,Eng/New\n",
		opts:   Options{DeactivateMissing: true},
		setup:  grantAdmin("alan@example.com"),
		active: map[string]bool{"ada@example.com": true, "new@example.com": true, "grace@example.com": false, "alan@example.com": true},
		check: func(t *testing.T, db *gorm.DB, p *Plan) {
			if len(p.Deactivated) != 1 || p.Deactivated[0].Email != "grace@example.com" || p.Deactivated[0].Team != "Eng/Platform" {
				t.Errorf("deactivated %+v", p.Deactivated)
			}
			if len(p.KeptAdmins) != 1 || p.KeptAdmins[0].Email != "alan@example.com" {
				t.Errorf("kept admins %+v", p.KeptAdmins)
			}
			if n := count(t, db, &auth.Session{}, "person_id = ?", person(t, db, "grace@example.com").ID); n != 0 {
				t.Errorf("grace still has %d sessions", n)
			}
			if n := count(t, db, &auth.Session{}, "person_id = ?", person(t, db, "ada@example.com").ID); n != 1 {
				t.Errorf("ada has %d sessions, want 1", n)
			}
		},
	},
	{
		name:   "a deactivated person in the file is reactivated",
		csv:    firstRoster,
		setup:  deactivatePerson("grace@example.com"),
		want:   []string{"grace@example.com status: inactive -> active"},
		active: map[string]bool{"grace@example.com": true},
	},
	{
		name: "a new lead grant for an existing person",
		csv:  strings.Replace(firstRoster, "Eng/Payments,,SRE", "Eng/Payments,Eng/Payments;Eng/Risk,SRE", 1),
		check: func(t *testing.T, db *gorm.DB, p *Plan) {
			if len(p.GrantsAdded) != 2 || p.GrantsAdded[1] != (GrantAdd{"alan@example.com", "Eng/Risk"}) ||
				strings.Join(p.TeamsCreated, ",") != "Eng/Risk" || p.Unchanged != 3 {
				t.Errorf("plan %s %+v", p.Summary(), p.GrantsAdded)
			}
			if n := count(t, db, &directory.Grant{}, "person_id = ?", person(t, db, "alan@example.com").ID); n != 2 {
				t.Errorf("alan has %d grants", n)
			}
		},
	},
}

func TestImportChanges(t *testing.T) {
	for _, tt := range changeCases {
		t.Run(tt.name, func(t *testing.T) {
			testdb.Each(t, func(t *testing.T, db *gorm.DB) {
				apply(t, db, firstRoster, Options{})
				for _, email := range []string{"ada@example.com", "grace@example.com"} {
					if _, err := auth.NewSessions(db).Create(context.Background(), person(t, db, email).ID); err != nil {
						t.Fatal(err)
					}
				}
				if tt.setup != nil {
					tt.setup(t, db)
				}
				p := apply(t, db, tt.csv, tt.opts)
				var got []string
				for _, c := range p.Changed {
					for _, f := range c.Fields {
						got = append(got, c.Email+" "+f.Field+": "+f.Old+" -> "+f.New)
					}
				}
				if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
					t.Errorf("changes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
				}
				for email, want := range tt.active {
					if got := person(t, db, email).Active; got != want {
						t.Errorf("%s active=%v, want %v", email, got, want)
					}
				}
				if tt.check != nil {
					tt.check(t, db, p)
				}
				if again := apply(t, db, tt.csv, tt.opts); !again.Empty() {
					t.Errorf("importing the same file twice changed %s", again.Summary())
				}
			})
		})
	}
}

func grantAdmin(email string) func(*testing.T, *gorm.DB) {
	return func(t *testing.T, db *gorm.DB) {
		if _, err := directory.AddGrant(context.Background(), db, person(t, db, email).ID, directory.RoleAdmin, nil); err != nil {
			t.Fatal(err)
		}
	}
}

func deactivatePerson(email string) func(*testing.T, *gorm.DB) {
	return func(t *testing.T, db *gorm.DB) {
		if err := db.Model(&directory.Person{}).Where("email = ?", email).Update("active", false).Error; err != nil {
			t.Fatal(err)
		}
	}
}

func TestImportIsAllOrNothing(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		apply(t, db, firstRoster, Options{})
		next := firstRoster + "new@example.com,New Person,Eng/New,Eng/New,,,,,,,\n"

		// A plan that differs from the preview is refused before writing.
		_, err := importer(t, db).Apply(ctx, parse(t, next), Options{Expect: "previewed-something-else"}, "cli")
		if !errors.Is(err, ErrStale) {
			t.Fatalf("want ErrStale, got %v", err)
		}
		// A failure halfway (the grants table is gone) leaves no trace of
		// the people and teams written before it.
		if err := db.Exec("DROP TABLE role_grants").Error; err != nil {
			t.Fatal(err)
		}
		if _, err := importer(t, db).Apply(ctx, parse(t, next), Options{}, "cli"); err == nil {
			t.Fatal("want an error")
		}
		if n := count(t, db, &directory.Person{}, ""); n != 3 {
			t.Errorf("%d people, want 3", n)
		}
		if n := count(t, db, &directory.Team{}, "path = ?", "Eng/New"); n != 0 {
			t.Errorf("team Eng/New was created")
		}
		if n := count(t, db, &audit.Event{}, ""); n != 1 {
			t.Errorf("%d audit entries, want 1", n)
		}
	})
}
