package directory_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/testdb"
)

func TestTenureBand(t *testing.T) {
	now := time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)
	day := func(y int, m time.Month, d int) *time.Time {
		t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		return &t
	}
	tests := []struct {
		start *time.Time
		want  string
	}{
		{nil, directory.TenureUnknown},
		{day(2026, 6, 15), directory.TenureUnder6Months},
		{day(2026, 9, 1), directory.TenureUnder6Months}, // starts in the future
		{day(2025, 12, 16), directory.TenureUnder6Months},
		{day(2025, 12, 15), directory.Tenure6To12Months}, // six months ago to the day
		{day(2025, 6, 16), directory.Tenure6To12Months},
		{day(2025, 6, 15), directory.Tenure1To2Years}, // one year ago to the day
		{day(2024, 6, 16), directory.Tenure1To2Years},
		{day(2024, 6, 15), directory.Tenure2To5Years},
		{day(2021, 6, 16), directory.Tenure2To5Years},
		{day(2021, 6, 15), directory.TenureOver5Years},
		{day(1999, 1, 1), directory.TenureOver5Years},
	}
	for _, tt := range tests {
		name := "nil"
		if tt.start != nil {
			name = tt.start.Format(time.DateOnly)
		}
		t.Run(name, func(t *testing.T) {
			if got := directory.TenureBand(tt.start, now); got != tt.want {
				t.Errorf("TenureBand(%s) = %q, want %q", name, got, tt.want)
			}
		})
	}
}

func team(id int64, parent int64, path string) directory.Team {
	t := directory.Team{ID: id, Path: path, Name: path[max(0, lastSlash(path)+1):]}
	if parent != 0 {
		t.ParentID = &parent
	}
	return t
}

func lastSlash(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '/' {
			return i
		}
	}
	return -1
}

// teams is Eng(1) > A(2) > X(3), Eng > B(4), Sales(5), and Eng-Ops(6), whose
// path sorts between Eng and Eng/A.
var teams = []directory.Team{
	team(1, 0, "Eng"), team(6, 0, "Eng-Ops"), team(2, 1, "Eng/A"), team(3, 2, "Eng/A/X"), team(4, 1, "Eng/B"), team(5, 0, "Sales"),
}

func TestSubtrees(t *testing.T) {
	tests := []struct {
		roots []int64
		want  string
	}{
		{nil, "[]"},
		{[]int64{1}, "[1 2 3 4]"},
		{[]int64{2}, "[2 3]"},
		{[]int64{3}, "[3]"},
		{[]int64{2, 4}, "[2 3 4]"},
		{[]int64{3, 2}, "[2 3]"},
		{[]int64{5}, "[5]"},
	}
	for _, tt := range tests {
		got := directory.Subtrees(teams, tt.roots)
		var ids []int64
		for id := int64(1); id <= 6; id++ {
			if got[id] {
				ids = append(ids, id)
			}
		}
		if fmt.Sprint(ids) != tt.want && !(tt.want == "[]" && ids == nil) {
			t.Errorf("Subtrees(%v) = %v, want %s", tt.roots, ids, tt.want)
		}
	}
}

// EachSubtree gives, for every team, what Subtrees gives for it alone.
func TestEachSubtree(t *testing.T) {
	each := directory.EachSubtree(teams)
	for _, team := range teams {
		if got, want := each[team.ID], directory.Subtrees(teams, []int64{team.ID}); !maps.Equal(got, want) {
			t.Errorf("EachSubtree[%d] = %v, want %v", team.ID, got, want)
		}
	}
}

func TestTree(t *testing.T) {
	st := directory.TeamStats{
		Members: map[int64]int{1: 1, 2: 2, 3: 3, 4: 4, 5: 5},
		Leads:   map[int64][]string{2: {"Ann"}},
	}
	line := func(nodes []directory.TreeNode) string {
		var s string
		for _, n := range nodes {
			s += fmt.Sprintf("%d:%s:%d/%d:%d ", n.Level, n.Team.Path, n.Members, n.SubtreeMembers, n.Children)
		}
		return s
	}
	all := directory.Tree(teams, st, nil)
	if got, want := line(all), "0:Eng:1/10:2 1:Eng/A:2/5:1 2:Eng/A/X:3/3:0 1:Eng/B:4/4:0 0:Eng-Ops:0/0:0 0:Sales:5/5:0 "; got != want {
		t.Errorf("whole tree\n got %s\nwant %s", got, want)
	}
	if len(all[1].Leads) != 1 || all[1].Leads[0] != "Ann" {
		t.Errorf("leads of Eng/A: %v", all[1].Leads)
	}
	lead := directory.Tree(teams, st, directory.Subtrees(teams, []int64{2}))
	if got, want := line(lead), "0:Eng/A:2/5:1 1:Eng/A/X:3/3:0 "; got != want {
		t.Errorf("a lead's subtree\n got %s\nwant %s", got, want)
	}
}

func TestCreateTeamAndStats(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		o := newOrg(t, db)
		created, err := o.store.CreateTeam(ctx, " Eng / Platform / Release ")
		if err != nil {
			t.Fatal(err)
		}
		var paths []string
		for _, c := range created {
			paths = append(paths, c.Path)
		}
		if fmt.Sprint(paths) != "[Eng/Platform Eng/Platform/Release]" {
			t.Errorf("created %v", paths)
		}
		rel, err := o.store.TeamByPath(ctx, "Eng/Platform/Release")
		if err != nil || rel.Name != "Release" || rel.ParentID == nil || *rel.ParentID != created[0].ID {
			t.Errorf("stored %+v %v", rel, err)
		}
		for _, bad := range []string{"Eng/A", " / ", ""} {
			_, err := o.store.CreateTeam(ctx, bad)
			var verr *directory.ValidationError
			if !errors.As(err, &verr) || verr.Fields["path"].ID == "" {
				t.Errorf("CreateTeam(%q): %v", bad, err)
			}
		}

		a := o.add(t, "Ann", "ann@example.com", "Eng/A", "", true)
		o.add(t, "Ben", "ben@example.com", "Eng/A", "", true)
		o.add(t, "Cid", "cid@example.com", "Eng/A", "", false)
		gone := o.add(t, "Dee", "dee@example.com", "Eng/B", "", false)
		teamA, teamB := o.teams["Eng/A"].ID, o.teams["Eng/B"].ID
		if _, err := directory.AddGrant(ctx, db, a.ID, directory.RoleLead, &teamA); err != nil {
			t.Fatal(err)
		}
		if _, err := directory.AddGrant(ctx, db, gone.ID, directory.RoleLead, &teamB); err != nil {
			t.Fatal(err)
		}
		st, err := o.store.TeamStats(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if st.Members[teamA] != 2 || st.Members[teamB] != 0 {
			t.Errorf("members %v", st.Members)
		}
		if fmt.Sprint(st.Leads[teamA]) != "[Ann]" || len(st.Leads[teamB]) != 0 {
			t.Errorf("leads %v", st.Leads)
		}
		// Counting one team's members only.
		if st, err = o.store.TeamStats(ctx, []int64{teamA}); err != nil || len(st.Members) != 1 || st.Members[teamA] != 2 {
			t.Errorf("A's members %v, %v", st.Members, err)
		}
	})
}
