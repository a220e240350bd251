package directory

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Store reads and writes the directory.
type Store struct {
	db *gorm.DB
}

// NewStore returns a Store on db.
func NewStore(db *gorm.DB) *Store { return &Store{db: db} }

// DB exposes the handle for callers that join the directory in a transaction.
func (s *Store) DB() *gorm.DB { return s.db }

// Teams returns every team ordered by path, so parents come before children.
func (s *Store) Teams(ctx context.Context) ([]Team, error) {
	var teams []Team
	if err := s.db.WithContext(ctx).Order("path").Find(&teams).Error; err != nil {
		return nil, fmt.Errorf("directory: teams: %w", err)
	}
	return teams, nil
}

// Team returns one team by ID.
func (s *Store) Team(ctx context.Context, id int64) (Team, error) {
	var t Team
	err := s.db.WithContext(ctx).First(&t, id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Team{}, ErrNotFound
	}
	if err != nil {
		return Team{}, fmt.Errorf("directory: team %d: %w", id, err)
	}
	return t, nil
}

// TeamByPath returns the team at a slash path.
func (s *Store) TeamByPath(ctx context.Context, path string) (Team, error) {
	var t Team
	err := s.db.WithContext(ctx).Where("path = ?", NormalizePath(path)).First(&t).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Team{}, ErrNotFound
	}
	if err != nil {
		return Team{}, fmt.Errorf("directory: team %q: %w", path, err)
	}
	return t, nil
}

// EnsureTeam returns the team at path, creating it and any missing
// ancestors. Pass a transaction as tx to create them with other changes.
// Kept for callers that hold only a handle; Store.EnsureTeam is the method.
func EnsureTeam(ctx context.Context, tx *gorm.DB, path string) (Team, error) {
	return NewStore(tx).EnsureTeam(ctx, path)
}

// EnsureTeam returns the team at path, creating it and any missing
// ancestors. On a store made on a transaction they are created with the
// transaction's other changes.
func (s *Store) EnsureTeam(ctx context.Context, path string) (Team, error) {
	path = NormalizePath(path)
	if path == "" {
		return Team{}, fmt.Errorf("%w: empty team path", ErrInvalid)
	}
	if msg := CheckPath(path); msg.ID != "" {
		return Team{}, invalidField("path", msg)
	}
	var parent *Team
	parts := strings.Split(path, "/")
	for i := range parts {
		p := strings.Join(parts[:i+1], "/")
		var t Team
		err := s.db.WithContext(ctx).Where("path = ?", p).First(&t).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			t = Team{Name: parts[i], Path: p, CreatedAt: time.Now().UTC()}
			if parent != nil {
				t.ParentID = &parent.ID
			}
			err = s.db.WithContext(ctx).Create(&t).Error
		}
		if err != nil {
			return Team{}, fmt.Errorf("directory: ensure team %q: %w", p, err)
		}
		parent = &t
	}
	return *parent, nil
}

// Person returns one person by ID.
func (s *Store) Person(ctx context.Context, id int64) (Person, error) {
	var p Person
	err := s.db.WithContext(ctx).First(&p, id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Person{}, ErrNotFound
	}
	if err != nil {
		return Person{}, fmt.Errorf("directory: person %d: %w", id, err)
	}
	return p, nil
}

// PersonByEmail finds a person by email, case-insensitively.
func (s *Store) PersonByEmail(ctx context.Context, email string) (Person, error) {
	var p Person
	err := s.db.WithContext(ctx).Where("email = ?", NormalizeEmail(email)).First(&p).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Person{}, ErrNotFound
	}
	if err != nil {
		return Person{}, fmt.Errorf("directory: person by email: %w", err)
	}
	return p, nil
}

// CreatePerson stores a new person.
func (s *Store) CreatePerson(ctx context.Context, p *Person) error {
	p.Email = NormalizeEmail(p.Email)
	if err := s.db.WithContext(ctx).Create(p).Error; err != nil {
		if errors.Is(err, gorm.ErrDuplicatedKey) {
			return fmt.Errorf("%w: %s is already in the directory", ErrInvalid, p.Email)
		}
		return fmt.Errorf("directory: create person: %w", err)
	}
	return nil
}

// Grants returns the roles granted to a person.
func (s *Store) Grants(ctx context.Context, personID int64) ([]Grant, error) {
	var gs []Grant
	if err := s.db.WithContext(ctx).Where("person_id = ?", personID).Order("role, team_id").Find(&gs).Error; err != nil {
		return nil, fmt.Errorf("directory: grants of %d: %w", personID, err)
	}
	return gs, nil
}

// AddGrant gives a person a role on tx; see Store.AddGrant. Kept for
// callers that hold only a handle.
func AddGrant(ctx context.Context, tx *gorm.DB, personID int64, role string, teamID *int64) (added bool, err error) {
	return NewStore(tx).AddGrant(ctx, personID, role, teamID)
}

// AddGrant gives a person a role (a lead grant needs a team). Granting a
// role the person already holds changes nothing. It records nothing in the
// audit log: Service.Grant is the operation admins and the command line use.
func (s *Store) AddGrant(ctx context.Context, personID int64, role string, teamID *int64) (added bool, err error) {
	switch role {
	case RoleAdmin, RoleExecutive:
		teamID = nil
	case RoleLead:
		if teamID == nil {
			return false, fmt.Errorf("%w: a team lead grant needs a team", ErrInvalid)
		}
	default:
		return false, fmt.Errorf("%w: unknown role %q (admin, executive or lead)", ErrInvalid, role)
	}
	q := s.db.WithContext(ctx).Model(&Grant{}).Where("person_id = ? AND role = ?", personID, role)
	if teamID == nil {
		q = q.Where("team_id IS NULL")
	} else {
		q = q.Where("team_id = ?", *teamID)
	}
	var n int64
	if err := q.Count(&n).Error; err != nil {
		return false, fmt.Errorf("directory: grant: %w", err)
	}
	if n > 0 {
		return false, nil
	}
	g := Grant{PersonID: personID, Role: role, TeamID: teamID, CreatedAt: time.Now().UTC()}
	if err := s.db.WithContext(ctx).Create(&g).Error; err != nil {
		return false, fmt.Errorf("directory: grant: %w", err)
	}
	return true, nil
}

// grantLabel describes a grant for people and the audit log: "admin", or
// "lead of Eng/Platform". A lead grant on a team that does not exist is
// ErrInvalid.
func (s *Store) grantLabel(ctx context.Context, role string, teamID *int64) (string, error) {
	if role != RoleLead || teamID == nil {
		return role, nil
	}
	t, err := s.Team(ctx, *teamID)
	if errors.Is(err, ErrNotFound) {
		return "", fmt.Errorf("%w: no team %d to lead", ErrInvalid, *teamID)
	}
	if err != nil {
		return "", err
	}
	return role + " of " + t.Path, nil
}

// RemoveGrant takes a grant away.
func (s *Store) RemoveGrant(ctx context.Context, grantID int64) (Grant, error) {
	var g Grant
	err := s.db.WithContext(ctx).First(&g, grantID).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Grant{}, ErrNotFound
	}
	if err == nil {
		err = s.db.WithContext(ctx).Delete(&Grant{}, grantID).Error
	}
	if err != nil {
		return Grant{}, fmt.Errorf("directory: remove grant %d: %w", grantID, err)
	}
	return g, nil
}
