package directory

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
)

// Audit log actions of directory changes.
const (
	ActionActivate    = "person.activate"
	ActionDeactivate  = "person.deactivate"
	ActionUpdate      = "person.update"
	ActionGrantAdd    = "grant.add"
	ActionGrantRemove = "grant.remove"
	ActionTeamCreate  = "team.create"
)

// Refusals of changes an admin may not make to themselves.
var (
	ErrDeactivateSelf  = errors.New("directory: admins cannot deactivate themselves")
	ErrRevokeOwnAdmin  = errors.New("directory: admins cannot remove their own admin role")
	errNoSessionsOwner = errors.New("directory: service needs a database and a way to end sessions")
)

// Sessions ends people's sign-in sessions inside a transaction;
// auth.Sessions is one. Deactivating someone signs them out everywhere.
type Sessions interface {
	DeleteForPeople(ctx context.Context, tx *gorm.DB, personIDs []int64) error
}

// Actor is who asks for a change: Name is what the audit log records
// (an email, "cli", "token:NAME"); PersonID is the signed-in person, 0 for
// the command line and API tokens.
type Actor struct {
	Name     string
	PersonID int64
}

// Service carries out the directory's business operations. Each runs in
// one transaction that stores the change and its audit entry together, so
// the web handlers, the command line and the roster import all go through
// the same rules.
type Service struct {
	db       *gorm.DB
	sessions Sessions
}

// NewService returns a Service on db that ends sessions with sessions.
func NewService(db *gorm.DB, sessions Sessions) (*Service, error) {
	if db == nil || sessions == nil {
		return nil, errNoSessionsOwner
	}
	return &Service{db: db, sessions: sessions}, nil
}

// change runs fn in one transaction with a store and an audit log on it.
func (s *Service) change(ctx context.Context, fn func(tx *gorm.DB, st *Store, log *audit.Log) error) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return fn(tx, NewStore(tx), audit.New(tx))
	})
}

// personTarget names a person in the audit log without personal data.
func personTarget(id int64) string { return "person:" + strconv.FormatInt(id, 10) }

// SetActive activates or deactivates a person. Deactivation ends every
// session of theirs; nobody is ever deleted, so their history stays.
// Admins cannot deactivate themselves (ErrDeactivateSelf).
func (s *Service) SetActive(ctx context.Context, by Actor, personID int64, active bool) error {
	if !active && by.PersonID != 0 && personID == by.PersonID {
		return ErrDeactivateSelf
	}
	action := ActionActivate
	if !active {
		action = ActionDeactivate
	}
	return s.change(ctx, func(tx *gorm.DB, st *Store, log *audit.Log) error {
		if err := st.SetActive(ctx, personID, active); err != nil {
			return err
		}
		if !active {
			if err := s.sessions.DeleteForPeople(ctx, tx, []int64{personID}); err != nil {
				return err
			}
		}
		return log.Record(ctx, tx, by.Name, action, personTarget(personID), "")
	})
}

// DeactivateAll sets people inactive and ends their sessions inside the
// caller's transaction tx, in batches; their answers and grants stay. The
// caller records the audit entry (an import records one for the file).
func (s *Service) DeactivateAll(ctx context.Context, tx *gorm.DB, personIDs []int64) error {
	st := NewStore(tx)
	for start := 0; start < len(personIDs); start += batchSize {
		chunk := personIDs[start:min(start+batchSize, len(personIDs))]
		if err := st.deactivate(ctx, chunk); err != nil {
			return err
		}
		if err := s.sessions.DeleteForPeople(ctx, tx, chunk); err != nil {
			return err
		}
	}
	return nil
}

// UpdatePerson validates and saves a person's editable fields (see
// Store.UpdatePerson) and records which fields changed, not their values.
// A save that changes nothing records nothing.
func (s *Service) UpdatePerson(ctx context.Context, by Actor, updated *Person) error {
	return s.change(ctx, func(tx *gorm.DB, st *Store, log *audit.Log) error {
		before, err := st.Person(ctx, updated.ID)
		if err != nil {
			return err
		}
		if err := st.UpdatePerson(ctx, updated); err != nil {
			return err
		}
		changed := ChangedFields(before, *updated)
		if changed == "" {
			return nil
		}
		return log.Record(ctx, tx, by.Name, ActionUpdate, personTarget(updated.ID), "changed: "+changed)
	})
}

// CreateTeam adds the team at path and any missing parents (see
// Store.CreateTeam), recording each team created.
func (s *Service) CreateTeam(ctx context.Context, by Actor, path string) ([]Team, error) {
	var created []Team
	err := s.change(ctx, func(tx *gorm.DB, st *Store, log *audit.Log) error {
		var err error
		if created, err = st.CreateTeam(ctx, path); err != nil {
			return err
		}
		for _, t := range created {
			if err := log.Record(ctx, tx, by.Name, ActionTeamCreate, fmt.Sprintf("team:%d", t.ID), t.Path); err != nil {
				return err
			}
		}
		return nil
	})
	return created, err
}
