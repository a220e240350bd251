// Package teams holds the pages leads, executives and admins read about
// the teams they may see.
package teams

import "github.com/devpulse/devpulse/internal/directory"

// ListView is the tree of the teams the reader may see.
type ListView struct {
	Nodes []directory.TreeNode
	// AllTeams is true for executives and admins, who see every team.
	AllTeams bool
}

// ShowView is one team's page.
type ShowView struct {
	Node directory.TreeNode
	// Parent is set when the reader may see the parent team too.
	Parent *directory.Team
	// SubTeams are the team's direct sub-teams.
	SubTeams []directory.TreeNode
}
