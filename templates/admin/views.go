// Package admin holds the platform admin's directory screens: people,
// person edit with role grants, and the team tree.
package admin

import (
	"context"
	"net/url"
	"strconv"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/input"
)

// TeamOption is one choice in a team select.
type TeamOption struct {
	ID   int64
	Path string
}

// PeopleFilter is the people list's state as the query string carries it.
type PeopleFilter struct {
	Search      string
	Team        string
	Arrangement string
	Status      string
	Role        string
}

// Values encodes the filter with page (omitted when 1) as query parameters.
func (f PeopleFilter) Values(page int) url.Values {
	v := url.Values{}
	for k, s := range map[string]string{"q": f.Search, "team": f.Team, "arrangement": f.Arrangement, "status": f.Status, "role": f.Role} {
		if s != "" {
			v.Set(k, s)
		}
	}
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	return v
}

// PersonRow is one person in the people list.
type PersonRow struct {
	ID              int64
	Name            string
	Email           string
	Team            string
	WorkArrangement string
	Roles           []string
	Active          bool
}

// PeopleView is the people list: filters, one page of people, page links.
type PeopleView struct {
	Filter PeopleFilter
	Teams  []TeamOption
	Rows   []PersonRow
	Total  int64
	Page   int
	Pages  int
	Flash  string
}

// URL links to page of the list with the same filters, so links are shareable.
func (v PeopleView) URL(page int) string {
	if q := v.Filter.Values(page).Encode(); q != "" {
		return "/admin/people?" + q
	}
	return "/admin/people"
}

// PageLinks lists the pages to link: the first, the last and two either
// side of the current one; 0 stands for a gap.
func (v PeopleView) PageLinks() []int {
	var out []int
	for p := 1; p <= v.Pages; p++ {
		switch {
		case p == 1 || p == v.Pages || (p >= v.Page-2 && p <= v.Page+2):
			out = append(out, p)
		case len(out) > 0 && out[len(out)-1] != 0:
			out = append(out, 0)
		}
	}
	return out
}

// Range describes which rows the page shows, e.g. "showing 51–100 of 123".
func (v PeopleView) Range(l *i18n.Localizer) string {
	total := l.Number(int(v.Total))
	if v.Total == 0 || len(v.Rows) == 0 {
		return l.T("directory.people.range", "First", "0", "Last", "0", "Total", total)
	}
	first := (v.Page-1)*directory.PageSize + 1
	return l.T("directory.people.range", "First", l.Number(first), "Last", l.Number(first+len(v.Rows)-1), "Total", total)
}

// PersonForm holds the person form's fields exactly as entered, so a form
// with errors is shown again with nothing lost.
type PersonForm struct {
	Name            string
	Email           string
	Team            string
	JobRole         string
	WorkArrangement string
	Location        string
	StartDate       string
	Level           string
	GitHubLogin     string
	SlackUserID     string
}

// GrantRow is one role a person holds.
type GrantRow struct {
	ID   int64
	Role string
	Team string
	// Locked marks the viewing admin's own admin role, which only another
	// admin may remove.
	Locked bool
}

// GrantForm is the add-a-role form as entered.
type GrantForm struct {
	Role string
	Team string
}

// PersonView is the person page: the edit form, status and role grants.
type PersonView struct {
	ID     int64
	Name   string
	Active bool
	// Self is true when admins look at their own record: they cannot
	// deactivate themselves or drop their own admin role.
	Self   bool
	Tenure string
	Form   PersonForm
	Errors map[string]input.Message
	Teams  []TeamOption
	Grants []GrantRow
	// GrantForm and GrantErrors belong to the add-a-role form.
	GrantForm   GrantForm
	GrantErrors map[string]input.Message
	Flash       string
	// Problem is an error about the page as a whole (e.g. a refused removal).
	Problem string
}

// TeamsView is the admin's team tree with the add-a-team form.
type TeamsView struct {
	Nodes []directory.TreeNode
	Path  string
	Error input.Message
	Flash string
}

// Roles are the roles an admin can grant, in order.
var Roles = directory.GrantableRoles

// WorkArrangements are the valid work arrangements, in order.
var WorkArrangements = directory.WorkArrangements

// RoleLabel names a role in the reader's language; the stored value stays
// the English key.
func RoleLabel(ctx context.Context, role string) string {
	return i18n.T(ctx, "directory.role."+role)
}

// ArrangementLabel names a work arrangement in the reader's language; ""
// stays "".
func ArrangementLabel(ctx context.Context, a string) string {
	if a == "" {
		return ""
	}
	return i18n.T(ctx, "directory.arrangement."+a)
}

// tenureKeys are the catalog keys of the tenure bands (stored values).
var tenureKeys = map[string]string{
	directory.TenureUnder6Months: "directory.tenure.under_6_months",
	directory.Tenure6To12Months:  "directory.tenure.6_12_months",
	directory.Tenure1To2Years:    "directory.tenure.1_2_years",
	directory.Tenure2To5Years:    "directory.tenure.2_5_years",
	directory.TenureOver5Years:   "directory.tenure.over_5_years",
	directory.TenureUnknown:      "directory.tenure.unknown",
}

// tenureLabel names a tenure band in the reader's language.
func tenureLabel(ctx context.Context, band string) string {
	if key, ok := tenureKeys[band]; ok {
		return i18n.T(ctx, key)
	}
	return band
}

// GrantLabel describes a role held, in the reader's language: "admin",
// "lead of Engineering/Platform".
func GrantLabel(ctx context.Context, role, team string) string {
	if team == "" {
		return RoleLabel(ctx, role)
	}
	return i18n.T(ctx, "directory.grant.of", "Role", RoleLabel(ctx, role), "Team", team)
}
