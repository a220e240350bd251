package directory

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/input"
)

// PageSize is how many people one page of the people list shows.
const PageSize = 50

// Status filters of the people list.
const (
	StatusActive   = "active"
	StatusInactive = "inactive"
)

// RoleAny filters the people list to those holding any granted role.
const RoleAny = "any"

// PeopleQuery filters and pages the people list. Zero values mean "any".
type PeopleQuery struct {
	// Search matches a substring of the name or email, case-insensitively.
	Search string
	// TeamID keeps people in the team or any team below it.
	TeamID          int64
	WorkArrangement string
	// Status is StatusActive, StatusInactive or empty.
	Status string
	// Role keeps holders of a granted role (admin, executive, lead) or of RoleAny.
	Role string
	// Page counts from 1; PerPage defaults to PageSize.
	Page    int
	PerPage int
}

// Offset returns how many rows come before the query's page.
func (q PeopleQuery) Offset() int { return (max(q.Page, 1) - 1) * q.Limit() }

// Limit returns the page size.
func (q PeopleQuery) Limit() int {
	if q.PerPage <= 0 {
		return PageSize
	}
	return q.PerPage
}

// People returns one page of the people matching q, ordered by name, and
// how many match in all.
func (s *Store) People(ctx context.Context, q PeopleQuery) ([]Person, int64, error) {
	db, err := s.peopleFilter(ctx, q)
	if err != nil {
		return nil, 0, err
	}
	var total int64
	if err := db.Model(&Person{}).Count(&total).Error; err != nil {
		return nil, 0, fmt.Errorf("directory: count people: %w", err)
	}
	var people []Person
	err = db.Order("LOWER(name), id").Limit(q.Limit()).Offset(q.Offset()).Find(&people).Error
	if err != nil {
		return nil, 0, fmt.Errorf("directory: people: %w", err)
	}
	return people, total, nil
}

// peopleFilter builds the WHERE clauses of a people query.
func (s *Store) peopleFilter(ctx context.Context, q PeopleQuery) (*gorm.DB, error) {
	db := s.db.WithContext(ctx).Model(&Person{})
	if term := strings.ToLower(strings.TrimSpace(q.Search)); term != "" {
		like := "%" + escapeLike(term) + "%"
		db = db.Where(`(LOWER(name) LIKE ? ESCAPE '\' OR LOWER(email) LIKE ? ESCAPE '\')`, like, like)
	}
	if q.TeamID != 0 {
		teams, err := s.Teams(ctx)
		if err != nil {
			return nil, err
		}
		var ids []int64
		for id := range Subtrees(teams, []int64{q.TeamID}) {
			ids = append(ids, id)
		}
		db = db.Where("team_id IN ?", ids)
	}
	if q.WorkArrangement != "" {
		db = db.Where("work_arrangement = ?", q.WorkArrangement)
	}
	switch q.Status {
	case StatusActive:
		db = db.Where("active = ?", true)
	case StatusInactive:
		db = db.Where("active = ?", false)
	}
	switch q.Role {
	case "":
	case RoleAny:
		db = db.Where("id IN (SELECT person_id FROM role_grants)")
	default:
		db = db.Where("id IN (SELECT person_id FROM role_grants WHERE role = ?)", q.Role)
	}
	return db, nil
}

// escapeLike makes s match literally inside a LIKE pattern with ESCAPE '\'.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// UpdatePerson validates and saves a person's editable fields (not the
// active flag, see SetActive). An email another person has already is a
// ValidationError on the email field, whatever its case.
func (s *Store) UpdatePerson(ctx context.Context, p *Person) error {
	if err := p.Validate(); err != nil {
		return err
	}
	var taken int64
	err := s.db.WithContext(ctx).Model(&Person{}).Where("LOWER(email) = ? AND id <> ?", p.Email, p.ID).Count(&taken).Error
	if err != nil {
		return fmt.Errorf("directory: update person %d: %w", p.ID, err)
	}
	if taken > 0 {
		return invalidField("email", input.M("directory.invalid.email_taken"))
	}
	p.UpdatedAt = time.Now().UTC()
	res := s.db.WithContext(ctx).Model(&Person{ID: p.ID}).
		Select("email", "name", "team_id", "job_role", "work_arrangement", "location",
			"start_date", "level", "github_login", "slack_user_id", "updated_at").
		Updates(p)
	switch {
	case errors.Is(res.Error, gorm.ErrDuplicatedKey):
		return invalidField("email", input.M("directory.invalid.email_taken"))
	case res.Error != nil:
		return fmt.Errorf("directory: update person %d: %w", p.ID, res.Error)
	case res.RowsAffected == 0:
		return ErrNotFound
	}
	return nil
}

// SetActive activates or deactivates a person. Deactivated people keep
// their history; the caller also ends their sessions.
func (s *Store) SetActive(ctx context.Context, personID int64, active bool) error {
	res := s.db.WithContext(ctx).Model(&Person{ID: personID}).
		Updates(map[string]any{"active": active, "updated_at": time.Now().UTC()})
	if res.Error != nil {
		return fmt.Errorf("directory: set active %d: %w", personID, res.Error)
	}
	if res.RowsAffected == 0 {
		return ErrNotFound
	}
	return nil
}

// deactivate sets people inactive in one statement; Service.DeactivateAll
// also ends their sessions.
func (s *Store) deactivate(ctx context.Context, personIDs []int64) error {
	err := s.db.WithContext(ctx).Model(&Person{}).Where("id IN ?", personIDs).
		Updates(map[string]any{"active": false, "updated_at": time.Now().UTC()}).Error
	if err != nil {
		return fmt.Errorf("directory: deactivate people: %w", err)
	}
	return nil
}

// SetNotifyChannel stores how a person prefers to be asked: "" (whatever
// is configured), "email" or "slack".
func (s *Store) SetNotifyChannel(ctx context.Context, personID int64, channel string) error {
	if channel != "" && channel != "email" && channel != "slack" {
		return invalidField("channel", input.M("directory.invalid.channel"))
	}
	err := s.db.WithContext(ctx).Model(&Person{}).Where("id = ?", personID).Update("notify_channel", channel).Error
	if err != nil {
		return fmt.Errorf("directory: notify channel of %d: %w", personID, err)
	}
	return nil
}

// SetLanguage stores the language a person reads devpulse in: "" (their
// browser's) or a supported language's code.
func (s *Store) SetLanguage(ctx context.Context, personID int64, lang string) error {
	if lang != "" && !i18n.Supported(lang) {
		return invalidField("language", input.M("directory.invalid.language"))
	}
	err := s.db.WithContext(ctx).Model(&Person{}).Where("id = ?", personID).Update("language", lang).Error
	if err != nil {
		return fmt.Errorf("directory: language of %d: %w", personID, err)
	}
	return nil
}

// GrantsOf returns the grants of several people, keyed by person.
func (s *Store) GrantsOf(ctx context.Context, personIDs []int64) (map[int64][]Grant, error) {
	out := map[int64][]Grant{}
	if len(personIDs) == 0 {
		return out, nil
	}
	var gs []Grant
	err := s.db.WithContext(ctx).Where("person_id IN ?", personIDs).Order("person_id, role, team_id").Find(&gs).Error
	if err != nil {
		return nil, fmt.Errorf("directory: grants: %w", err)
	}
	for _, g := range gs {
		out[g.PersonID] = append(out[g.PersonID], g)
	}
	return out, nil
}

// Grant returns one grant of a person; a grant of someone else is ErrNotFound.
func (s *Store) Grant(ctx context.Context, personID, grantID int64) (Grant, error) {
	var g Grant
	err := s.db.WithContext(ctx).Where("id = ? AND person_id = ?", grantID, personID).First(&g).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Grant{}, ErrNotFound
	}
	if err != nil {
		return Grant{}, fmt.Errorf("directory: grant %d: %w", grantID, err)
	}
	return g, nil
}
