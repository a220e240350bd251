package web

import (
	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/templates/layout"
)

// navFor lists the header links a principal may follow, in order. The
// links here must agree with the rules their routes are registered with.
func navFor(p *auth.Principal) []layout.NavItem {
	if !p.IsPerson() {
		return nil
	}
	nav := []layout.NavItem{{Label: "Home", Href: "/"}}
	if p.Admin {
		nav = append(nav,
			layout.NavItem{Label: "Surveys", Href: "/admin/snapshots"},
			layout.NavItem{Label: "Drivers", Href: "/admin/drivers"},
			layout.NavItem{Label: "People", Href: "/admin/people"},
			layout.NavItem{Label: "Teams", Href: "/admin/teams"},
			layout.NavItem{Label: "Roster import", Href: "/admin/roster"},
			layout.NavItem{Label: "API tokens", Href: "/admin/tokens"},
			layout.NavItem{Label: "Audit log", Href: "/admin/audit"},
		)
	}
	return nav
}
