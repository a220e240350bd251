package auth

import "strconv"

// Params gives a rule the route parameters of the request (echo.Context
// satisfies it).
type Params interface {
	Param(name string) string
}

// Rule decides whether a principal may use a route. Every route is
// registered with one; the route x role table test covers them all.
type Rule struct {
	Name string
	// Anonymous reports whether the rule lets people who are not signed in through.
	Anonymous bool
	allow     func(p *Principal, params Params) bool
}

// Allow applies the rule. p is nil when nobody is signed in.
func (r Rule) Allow(p *Principal, params Params) bool { return r.allow(p, params) }

// The rules routes use.
var (
	// Public: anyone, signed in or not.
	Public = Rule{Name: "public", Anonymous: true, allow: func(*Principal, Params) bool { return true }}
	// SignedIn: any active person.
	SignedIn = Rule{Name: "signed in", allow: func(p *Principal, _ Params) bool { return p.IsPerson() }}
	// Admin: platform admins.
	Admin = Rule{Name: "admin", allow: func(p *Principal, _ Params) bool { return p.IsPerson() && p.Admin }}
	// Executive: executives and admins (every aggregate, org-wide).
	Executive = Rule{Name: "executive", allow: func(p *Principal, _ Params) bool { return p.IsPerson() && p.AllTeams() }}
	// OrgResults: any signed-in person; people who are neither executives
	// nor admins read only the snapshots shared with respondents.
	OrgResults = Rule{Name: "org results", allow: func(p *Principal, _ Params) bool { return p.IsPerson() }}
	// Reader: anyone who reads aggregates: leads, executives and admins.
	Reader = Rule{Name: "reader", allow: func(p *Principal, _ Params) bool { return p.IsPerson() && (p.AllTeams() || p.IsLead()) }}
)

// TeamReader lets through those who may read the team named by the route
// parameter: executives and admins, and leads of the team or an ancestor.
func TeamReader(param string) Rule {
	return Rule{Name: "team reader", allow: func(p *Principal, params Params) bool {
		id, err := strconv.ParseInt(params.Param(param), 10, 64)
		return err == nil && p.IsPerson() && p.CanSeeTeam(id)
	}}
}

// TeamResults lets through the team readers of TeamReader and, read-only,
// the team's own people and those of its sub-teams (see member.go).
func TeamResults(param string) Rule {
	return Rule{Name: "team results", allow: func(p *Principal, params Params) bool {
		id, err := strconv.ParseInt(params.Param(param), 10, 64)
		return err == nil && p.IsPerson() && (p.CanSeeTeam(id) || p.MemberOf[id])
	}}
}

// Scope lets through API tokens that carry scope.
func Scope(scope string) Rule {
	return Rule{Name: "scope " + scope, allow: func(p *Principal, _ Params) bool { return p.HasScope(scope) }}
}
