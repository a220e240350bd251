// Package directory owns who is in the organisation: the team tree, the
// people in it, and the roles they hold.
package directory

import (
	"errors"
	"strings"
	"time"
)

// Sentinel errors the web layer maps to status codes.
var (
	ErrNotFound = errors.New("directory: not found")
	ErrInvalid  = errors.New("directory: invalid")
)

// Team is one node of the team tree, addressed by its slash path
// ("Engineering/Platform/Release").
type Team struct {
	ID        int64
	ParentID  *int64
	Name      string
	Path      string
	CreatedAt time.Time
}

// Depth is the number of ancestors the team has.
func (t Team) Depth() int { return strings.Count(t.Path, "/") }

// Work arrangements a person can have.
const (
	Remote = "remote"
	Hybrid = "hybrid"
	Office = "office"
)

// WorkArrangements lists the valid work arrangements.
var WorkArrangements = []string{Remote, Hybrid, Office}

// Person is someone in the organisation. People who ever responded are
// never deleted; deactivation keeps their history.
type Person struct {
	ID    int64
	Email string // lower case, unique
	Name  string
	// TeamID is the team the person belongs to now.
	TeamID *int64
	// JobRole is the person's discipline ("backend engineer", "SRE"), a segment.
	JobRole         string
	WorkArrangement string
	Location        string
	StartDate       *time.Time
	Level           string
	GitHubLogin     string `gorm:"column:github_login"`
	SlackUserID     string
	// NotifyChannel is how the person prefers to be asked: "" (whatever
	// is configured), "email" or "slack".
	NotifyChannel string
	// Language is the person's own choice of language ("es"); "" follows
	// their browser, and English for what is sent to them.
	Language string
	Active   bool
	// PasswordHash is set only for bootstrap admins who sign in locally.
	PasswordHash string `gorm:"column:password_hash"`
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// TableName names the people table.
func (Person) TableName() string { return "people" }

// Access roles. Every active person is a respondent; the others are granted.
const (
	RoleAdmin      = "admin"
	RoleExecutive  = "executive"
	RoleLead       = "lead"
	RoleRespondent = "respondent"
)

// GrantableRoles are the roles an admin can grant; lead needs a team.
var GrantableRoles = []string{RoleAdmin, RoleExecutive, RoleLead}

// Grant gives a person a role; a lead grant names the team led.
type Grant struct {
	ID        int64
	PersonID  int64
	Role      string
	TeamID    *int64
	CreatedAt time.Time
}

// TableName names the grants table.
func (Grant) TableName() string { return "role_grants" }

// Tenure bands, derived from a start date.
const (
	TenureUnder6Months = "under 6 months"
	Tenure6To12Months  = "6-12 months"
	Tenure1To2Years    = "1-2 years"
	Tenure2To5Years    = "2-5 years"
	TenureOver5Years   = "over 5 years"
	TenureUnknown      = "unknown"
)

// TenureBands lists the bands in order.
var TenureBands = []string{TenureUnder6Months, Tenure6To12Months, Tenure1To2Years, Tenure2To5Years, TenureOver5Years}

// TenureBand returns the band a start date falls in on day now.
func TenureBand(start *time.Time, now time.Time) string {
	if start == nil {
		return TenureUnknown
	}
	switch {
	case now.Before(start.AddDate(0, 6, 0)):
		return TenureUnder6Months
	case now.Before(start.AddDate(1, 0, 0)):
		return Tenure6To12Months
	case now.Before(start.AddDate(2, 0, 0)):
		return Tenure1To2Years
	case now.Before(start.AddDate(5, 0, 0)):
		return Tenure2To5Years
	default:
		return TenureOver5Years
	}
}

// NormalizeEmail lower-cases and trims an address; emails match case-insensitively.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// NormalizePath trims each segment of a slash path and drops empty ones,
// so " Engineering / Platform/" becomes "Engineering/Platform".
func NormalizePath(p string) string {
	var parts []string
	for _, s := range strings.Split(p, "/") {
		if s = strings.TrimSpace(s); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, "/")
}

// batchSize rows go into one statement; it keeps statements below both
// databases' limits on bound parameters.
const batchSize = 500
