package directory_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/testdb"
)

var admin = directory.Actor{Name: "admin@example.com", PersonID: 999}

func newService(t *testing.T, db *gorm.DB) *directory.Service {
	t.Helper()
	svc, err := directory.NewService(db, auth.NewSessions(db))
	if err != nil {
		t.Fatal(err)
	}
	return svc
}

// events returns the audit entries with action, oldest first.
func events(t *testing.T, db *gorm.DB, action string) []audit.Event {
	t.Helper()
	var out []audit.Event
	if err := db.Where("action = ?", action).Order("id").Find(&out).Error; err != nil {
		t.Fatal(err)
	}
	return out
}

func sessionsOf(t *testing.T, db *gorm.DB, personID int64) int64 {
	t.Helper()
	var n int64
	if err := db.Model(&auth.Session{}).Where("person_id = ?", personID).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func TestServiceSetActive(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		o, svc := newOrg(t, db), newService(t, db)
		bob := o.add(t, "Bob", "bob@example.com", "Eng/A", "", true)
		if _, err := auth.NewSessions(db).Create(ctx, bob.ID); err != nil {
			t.Fatal(err)
		}
		if err := svc.SetActive(ctx, admin, bob.ID, false); err != nil {
			t.Fatal(err)
		}
		if p, _ := o.store.Person(ctx, bob.ID); p.Active {
			t.Error("still active")
		}
		if n := sessionsOf(t, db, bob.ID); n != 0 {
			t.Errorf("%d sessions left after deactivation", n)
		}
		ev := events(t, db, directory.ActionDeactivate)
		if len(ev) != 1 || ev[0].Actor != admin.Name || ev[0].Target != fmt.Sprintf("person:%d", bob.ID) {
			t.Errorf("deactivate audit: %+v", ev)
		}
		if err := svc.SetActive(ctx, admin, bob.ID, true); err != nil {
			t.Fatal(err)
		}
		if p, _ := o.store.Person(ctx, bob.ID); !p.Active || len(events(t, db, directory.ActionActivate)) != 1 {
			t.Errorf("activate: active=%v, audit %+v", p.Active, events(t, db, directory.ActionActivate))
		}
		// Refused: oneself, and someone who is not there. Neither is recorded.
		self := directory.Actor{Name: "bob@example.com", PersonID: bob.ID}
		if err := svc.SetActive(ctx, self, bob.ID, false); !errors.Is(err, directory.ErrDeactivateSelf) {
			t.Errorf("self: %v", err)
		}
		if err := svc.SetActive(ctx, admin, 12345, false); !errors.Is(err, directory.ErrNotFound) {
			t.Errorf("unknown person: %v", err)
		}
		if p, _ := o.store.Person(ctx, bob.ID); !p.Active || len(events(t, db, directory.ActionDeactivate)) != 1 {
			t.Error("a refused deactivation changed something")
		}
	})
}

func TestServiceDeactivateAllInCallersTransaction(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		o, svc := newOrg(t, db), newService(t, db)
		a := o.add(t, "A", "a@example.com", "Eng", "", true)
		b := o.add(t, "B", "b@example.com", "Eng", "", true)
		keep := o.add(t, "C", "c@example.com", "Eng", "", true)
		for _, id := range []int64{a.ID, b.ID, keep.ID} {
			if _, err := auth.NewSessions(db).Create(ctx, id); err != nil {
				t.Fatal(err)
			}
		}
		// A transaction that fails after deactivating leaves everyone as they were.
		failed := errors.New("later step failed")
		err := db.Transaction(func(tx *gorm.DB) error {
			if err := svc.DeactivateAll(ctx, tx, []int64{a.ID, b.ID}); err != nil {
				return err
			}
			return failed
		})
		if !errors.Is(err, failed) || sessionsOf(t, db, a.ID) != 1 {
			t.Fatalf("rolled back transaction: err %v, sessions of a %d", err, sessionsOf(t, db, a.ID))
		}
		if err := db.Transaction(func(tx *gorm.DB) error { return svc.DeactivateAll(ctx, tx, []int64{a.ID, b.ID}) }); err != nil {
			t.Fatal(err)
		}
		for _, p := range []directory.Person{a, b, keep} {
			got, _ := o.store.Person(ctx, p.ID)
			if want := p.ID == keep.ID; got.Active != want || (sessionsOf(t, db, p.ID) == 1) != want {
				t.Errorf("%s: active %v, %d sessions", p.Name, got.Active, sessionsOf(t, db, p.ID))
			}
		}
	})
}

func TestServiceGrantAndRevoke(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		o, svc := newOrg(t, db), newService(t, db)
		ann := o.add(t, "Ann", "ann@example.com", "Eng/A", "", true)
		g, err := svc.Grant(ctx, admin, ann.ID, directory.RoleAdmin, nil)
		if err != nil || !g.Added || g.Label != "admin" {
			t.Fatalf("grant admin: %+v %v", g, err)
		}
		if g, err := svc.Grant(ctx, admin, ann.ID, directory.RoleAdmin, nil); err != nil || g.Added {
			t.Fatalf("grant again: %+v %v", g, err)
		}
		team := o.teams["Eng/A"].ID
		if g, err := svc.Grant(ctx, admin, ann.ID, directory.RoleLead, &team); err != nil || g.Label != "lead of Eng/A" {
			t.Fatalf("grant lead: %+v %v", g, err)
		}
		if ev := events(t, db, directory.ActionGrantAdd); len(ev) != 2 || ev[1].Detail != "lead of Eng/A" || ev[0].Actor != admin.Name {
			t.Fatalf("grant audit (a repeat records nothing): %+v", ev)
		}
		gone := int64(424242)
		for name, err := range map[string]error{
			"unknown team":   second(svc.Grant(ctx, admin, ann.ID, directory.RoleLead, &gone)),
			"lead, no team":  second(svc.Grant(ctx, admin, ann.ID, directory.RoleLead, nil)),
			"unknown role":   second(svc.Grant(ctx, admin, ann.ID, "owner", nil)),
			"unknown person": second(svc.Grant(ctx, admin, 777, directory.RoleAdmin, nil)),
		} {
			if want := directory.ErrInvalid; name == "unknown person" {
				if !errors.Is(err, directory.ErrNotFound) {
					t.Errorf("%s: %v", name, err)
				}
			} else if !errors.Is(err, want) {
				t.Errorf("%s: %v", name, err)
			}
		}
		grants, _ := o.store.Grants(ctx, ann.ID)
		self := directory.Actor{Name: ann.Email, PersonID: ann.ID}
		for _, gr := range grants {
			_, err := svc.Revoke(ctx, self, ann.ID, gr.ID)
			if gr.Role == directory.RoleAdmin && !errors.Is(err, directory.ErrRevokeOwnAdmin) {
				t.Errorf("own admin role: %v", err)
			}
			if gr.Role == directory.RoleLead && err != nil {
				t.Errorf("own lead role: %v", err)
			}
		}
		if _, err := svc.Revoke(ctx, admin, ann.ID+1000, grants[0].ID); !errors.Is(err, directory.ErrNotFound) {
			t.Errorf("someone else's grant: %v", err)
		}
		left, _ := o.store.Grants(ctx, ann.ID)
		ev := events(t, db, directory.ActionGrantRemove)
		if len(left) != 1 || left[0].Role != directory.RoleAdmin || len(ev) != 1 || ev[0].Detail != "lead of Eng/A" {
			t.Errorf("after revoking: grants %+v, audit %+v", left, ev)
		}
	})
}

func TestServiceUpdatePerson(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		o, svc := newOrg(t, db), newService(t, db)
		p := o.add(t, "Cy", "cy@example.com", "Eng/A", "", true)
		p.Name, p.TeamID = "Cy Young", &[]int64{o.teams["Sales"].ID}[0]
		if err := svc.UpdatePerson(ctx, admin, &p); err != nil {
			t.Fatal(err)
		}
		if err := svc.UpdatePerson(ctx, admin, &p); err != nil { // nothing changed: nothing recorded
			t.Fatal(err)
		}
		bad := p
		bad.Email = "not an address"
		var verr *directory.ValidationError
		if err := svc.UpdatePerson(ctx, admin, &bad); !errors.As(err, &verr) || verr.Fields["email"].ID == "" {
			t.Fatalf("bad email: %v", err)
		}
		got, _ := o.store.Person(ctx, p.ID)
		ev := events(t, db, directory.ActionUpdate)
		if got.Name != "Cy Young" || got.Email != "cy@example.com" || len(ev) != 1 || ev[0].Detail != "changed: name, team" {
			t.Errorf("stored %+v, audit %+v", got, ev)
		}
	})
}

func TestServiceCreateTeamAuditsEachTeam(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		_, svc := newOrg(t, db), newService(t, db)
		created, err := svc.CreateTeam(ctx, admin, "Eng/C/D")
		if err != nil || len(created) != 2 {
			t.Fatalf("created %+v, %v", created, err)
		}
		if _, err := svc.CreateTeam(ctx, admin, "Eng/C/D"); !errors.Is(err, directory.ErrInvalid) {
			t.Errorf("existing path: %v", err)
		}
		ev := events(t, db, directory.ActionTeamCreate)
		if len(ev) != 2 || ev[0].Detail != "Eng/C" || ev[1].Detail != "Eng/C/D" {
			t.Errorf("audit %+v", ev)
		}
	})
}

// A change whose audit entry cannot be stored is not stored either.
func TestServiceChangeAndAuditTogether(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		o, svc := newOrg(t, db), newService(t, db)
		p := o.add(t, "Di", "di@example.com", "Eng", "", true)
		if err := db.Exec("DROP TABLE audit_events").Error; err != nil {
			t.Fatal(err)
		}
		if err := svc.SetActive(ctx, admin, p.ID, false); err == nil {
			t.Fatal("no error without an audit log")
		}
		if got, _ := o.store.Person(ctx, p.ID); !got.Active {
			t.Error("deactivated without an audit entry")
		}
	})
}

func second[T any](_ T, err error) error { return err }
