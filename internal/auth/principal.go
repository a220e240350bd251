// Package auth decides who is asking and what they may do: browser
// sessions, API tokens, and the one policy every route goes through.
package auth

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
)

// Sentinel errors.
var (
	ErrNoSession = errors.New("auth: no valid session")
	ErrForbidden = errors.New("auth: forbidden")
)

// Principal is who a request acts for: a signed-in person, or an API token.
type Principal struct {
	PersonID int64
	Email    string
	Name     string
	// Language is the person's own language setting; "" follows the browser.
	Language string
	// Admin and Executive come from grants.
	Admin     bool
	Executive bool
	// LeadOf lists the teams the person leads; Visible is their subtrees.
	LeadOf  []int64
	Visible map[int64]bool
	// MemberOf is the person's own team and its ancestors: the dashboards
	// they read as a respondent (see member.go).
	MemberOf map[int64]bool
	// TokenID and Scopes are set for API tokens instead of a person.
	TokenID   int64
	TokenName string
	Scopes    []string
}

// IsPerson reports whether a signed-in person (not a token) is acting.
func (p *Principal) IsPerson() bool { return p != nil && p.PersonID != 0 }

// AllTeams reports whether the principal sees every team's aggregates.
func (p *Principal) AllTeams() bool { return p != nil && (p.Admin || p.Executive) }

// IsLead reports whether the person leads at least one team.
func (p *Principal) IsLead() bool { return p != nil && len(p.LeadOf) > 0 }

// CanSeeTeam reports whether the principal may read a team's aggregates:
// executives and admins any team, leads their subtrees.
func (p *Principal) CanSeeTeam(teamID int64) bool {
	if p == nil {
		return false
	}
	return p.AllTeams() || p.Visible[teamID]
}

// HasScope reports whether an API token carries scope.
func (p *Principal) HasScope(scope string) bool {
	return p != nil && p.TokenID != 0 && slices.Contains(p.Scopes, scope)
}

// Actor names the principal in the audit log.
func (p *Principal) Actor() string {
	switch {
	case p == nil:
		return "anonymous"
	case p.TokenID != 0:
		return "token:" + p.TokenName
	default:
		return p.Email
	}
}

// LoadPerson builds the principal of an active person from their grants.
func LoadPerson(ctx context.Context, db *gorm.DB, personID int64) (*Principal, error) {
	var person directory.Person
	err := db.WithContext(ctx).Where("id = ? AND active", personID).First(&person).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, ErrNoSession
	}
	if err != nil {
		return nil, fmt.Errorf("auth: load person %d: %w", personID, err)
	}
	var grants []directory.Grant
	if err := db.WithContext(ctx).Where("person_id = ?", personID).Find(&grants).Error; err != nil {
		return nil, fmt.Errorf("auth: grants of %d: %w", personID, err)
	}
	p := &Principal{PersonID: person.ID, Email: person.Email, Name: person.Name, Language: person.Language}
	for _, g := range grants {
		switch g.Role {
		case directory.RoleAdmin:
			p.Admin = true
		case directory.RoleExecutive:
			p.Executive = true
		case directory.RoleLead:
			if g.TeamID != nil {
				p.LeadOf = append(p.LeadOf, *g.TeamID)
			}
		}
	}
	if len(p.LeadOf) > 0 || person.TeamID != nil {
		var teams []directory.Team
		if err := db.WithContext(ctx).Find(&teams).Error; err != nil {
			return nil, fmt.Errorf("auth: teams: %w", err)
		}
		p.Visible = directory.Subtrees(teams, p.LeadOf)
		p.MemberOf = ownTeams(teams, person.TeamID)
	}
	return p, nil
}
