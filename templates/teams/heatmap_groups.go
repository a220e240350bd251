package teams

import (
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/results"
)

// MaxHeatRows is how many heatmap rows a team page lists before it keeps
// to the top-level groups: a root team of 550 sub-teams made an 860 KiB
// page no one could read. Each group's own page has the rows below it.
const MaxHeatRows = 60

// heatRows are the heatmap rows the page lists: all of them, or past
// MaxHeatRows only the rows one level down (the team's direct members
// and each group), with the number of rows left to the groups' pages.
// Every number is the row's own, as the dashboard decided it.
func (v DashboardView) heatRows() (rows []results.HeatRow, folded int) {
	if len(v.Dash.Heat) <= MaxHeatRows {
		return v.Dash.Heat, 0
	}
	for _, h := range v.Dash.Heat {
		if h.Depth == 1 {
			rows = append(rows, h)
		}
	}
	return rows, len(v.Dash.Heat) - len(rows)
}

// MaxTreeRows is the same bound for the sub-team list.
const MaxTreeRows = 60

// TopSubTeams keeps a long sub-team list to the teams one level down,
// with the number left to their own pages.
func TopSubTeams(nodes []directory.TreeNode) ([]directory.TreeNode, int) {
	if len(nodes) <= MaxTreeRows || len(nodes) == 0 {
		return nodes, 0
	}
	top := nodes[0].Level
	for _, n := range nodes {
		top = min(top, n.Level)
	}
	var out []directory.TreeNode
	for _, n := range nodes {
		if n.Level == top {
			out = append(out, n)
		}
	}
	return out, len(nodes) - len(out)
}

func heatList(v DashboardView) []results.HeatRow {
	rows, _ := v.heatRows()
	return rows
}

func heatFoldedCount(v DashboardView) int {
	_, n := v.heatRows()
	return n
}
