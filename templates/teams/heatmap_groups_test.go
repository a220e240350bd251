package teams

import (
	"testing"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/results"
)

// TestLongListsKeepToTheGroups: past the bounds, the heatmap and the
// sub-team list keep the rows one level down, unchanged, and count the
// rest; a short list is left whole.
func TestLongListsKeepToTheGroups(t *testing.T) {
	heat := func(groups, leaves int) []results.HeatRow {
		out := []results.HeatRow{{Depth: 1, DirectMembers: true}}
		for g := range groups {
			out = append(out, results.HeatRow{Team: directory.Team{ID: int64(g + 1)}, Depth: 1, View: results.GroupView{Responses: g}})
			for range leaves {
				out = append(out, results.HeatRow{Depth: 2})
			}
		}
		return out
	}
	v := DashboardView{Dash: results.Dashboard{Heat: heat(5, 10)}}
	if rows, n := v.heatRows(); len(rows) != 56 || n != 0 {
		t.Errorf("56 rows: kept %d, folded %d; want all", len(rows), n)
	}
	v.Dash.Heat = heat(50, 10)
	rows, n := v.heatRows()
	if len(rows) != 51 || n != 500 {
		t.Fatalf("551 rows: kept %d, folded %d; want 51 and 500", len(rows), n)
	}
	for i, r := range rows[1:] {
		if r.Depth != 1 || r.Team.ID != int64(i+1) || r.View.Responses != i {
			t.Errorf("row %d: %+v", i+1, r)
		}
	}
	var nodes []directory.TreeNode
	for g := range 50 {
		nodes = append(nodes, directory.TreeNode{Team: directory.Team{ID: int64(g)}, Level: 1})
		for range 10 {
			nodes = append(nodes, directory.TreeNode{Level: 2})
		}
	}
	if top, n := TopSubTeams(nodes); len(top) != 50 || n != 500 {
		t.Errorf("550 sub-teams: kept %d, folded %d; want 50 and 500", len(top), n)
	}
	if top, n := TopSubTeams(nodes[:55]); len(top) != 55 || n != 0 {
		t.Errorf("55 sub-teams: kept %d, folded %d; want all", len(top), n)
	}
}
