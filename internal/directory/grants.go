package directory

import (
	"context"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
)

// Granted says what a grant did: Label describes the role ("admin", "lead
// of Eng/Platform"); Added is false when the person held it already.
type Granted struct {
	Label string
	Added bool
}

// Grant gives a person a role: admin, executive, or lead of a team (teamID
// names it; it is ignored for the other roles). Granting a role the person
// holds changes nothing and records nothing. An unknown person is
// ErrNotFound; an unknown role or team is ErrInvalid.
func (s *Service) Grant(ctx context.Context, by Actor, personID int64, role string, teamID *int64) (Granted, error) {
	var g Granted
	err := s.change(ctx, func(tx *gorm.DB, st *Store, log *audit.Log) error {
		if _, err := st.Person(ctx, personID); err != nil {
			return err
		}
		var err error
		if g.Label, err = st.grantLabel(ctx, role, teamID); err != nil {
			return err
		}
		if g.Added, err = st.AddGrant(ctx, personID, role, teamID); err != nil || !g.Added {
			return err
		}
		return log.Record(ctx, tx, by.Name, ActionGrantAdd, personTarget(personID), g.Label)
	})
	return g, err
}

// Revoke takes a grant of a person away and returns its label. A grant of
// someone else is ErrNotFound. Admins cannot remove their own admin role
// (ErrRevokeOwnAdmin), so devpulse always keeps the admin who is acting.
func (s *Service) Revoke(ctx context.Context, by Actor, personID, grantID int64) (string, error) {
	var label string
	err := s.change(ctx, func(tx *gorm.DB, st *Store, log *audit.Log) error {
		g, err := st.Grant(ctx, personID, grantID)
		if err != nil {
			return err
		}
		if g.Role == RoleAdmin && by.PersonID != 0 && personID == by.PersonID {
			return ErrRevokeOwnAdmin
		}
		if label, err = st.grantLabel(ctx, g.Role, g.TeamID); err != nil {
			return err
		}
		if _, err := st.RemoveGrant(ctx, g.ID); err != nil {
			return err
		}
		return log.Record(ctx, tx, by.Name, ActionGrantRemove, personTarget(personID), label)
	})
	return label, err
}
