package web

import (
	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/templates/layout"
	"github.com/devpulse/devpulse/templates/pages"
)

// navFor lists the header links a principal may follow, in order. The
// links here must agree with the rules their routes are registered with.
func navFor(p *auth.Principal) []layout.NavItem {
	if !p.IsPerson() {
		return nil
	}
	nav := []layout.NavItem{{Label: "nav.home", Href: "/"}, {Label: "nav.pulse", Href: "/pulse"}, {Label: "nav.feedback", Href: "/feedback"}}
	if p.AllTeams() { // auth.Executive
		nav = append(nav, layout.NavItem{Label: "nav.organisation", Href: "/org"})
	}
	if p.AllTeams() || p.IsLead() { // auth.Reader
		nav = append(nav,
			layout.NavItem{Label: "nav.teams", Href: "/teams"},
			layout.NavItem{Label: "nav.participation", Href: "/participation"},
		)
	}
	if p.Admin {
		nav = append(nav,
			layout.NavItem{Label: "nav.surveys", Href: "/admin/snapshots"},
			layout.NavItem{Label: "nav.drivers", Href: "/admin/drivers"},
			layout.NavItem{Label: "nav.admin", Href: "/admin"},
		)
	}
	return nav
}

// adminSections are the admin index's links, in the order an admin runs a
// quarter: directory first, then surveys, then integrations and records.
var adminSections = []pages.AdminSection{
	{Title: "People", Href: "/admin/people", About: "Search the directory, edit people, grant roles."},
	{Title: "Teams", Href: "/admin/teams", About: "The team tree, with members and leads."},
	{Title: "Roster import", Href: "/admin/roster", About: "Bring the directory up to date from a CSV file."},
	{Title: "Feedback board", Href: "/admin/tools", About: "The tools people give feedback on, their owning teams, and the reactions shown."},
	{Title: "Drivers", Href: "/admin/drivers", About: "The driver library: what people rate, with keys that compare across snapshots."},
	{Title: "Benchmarks", Href: "/admin/benchmarks", About: "External benchmark percentiles from CSV files, for comparing teams and the organisation."},
	{Title: "Surveys", Href: "/admin/snapshots", About: "Build a snapshot, preview it, schedule it; open, close and publish."},
	{Title: "Invitations", Href: "/admin/invitations", About: "Delivery of invitations and reminders; retry failures."},
	{Title: "System metrics", Href: "/admin/metrics", About: "Weekly team metrics from CSV files, and which metrics track which driver."},
	{Title: "Pulse programmes", Href: "/admin/pulse", About: "Short surveys triggered by events from the tools, with their weekly results."},
	{Title: "API tokens", Href: "/admin/tokens", About: "Tokens for the JSON API, with scopes."},
	{Title: "Audit log", Href: "/admin/audit", About: "Who changed what, and when."},
}
