package auth

import (
	"fmt"
	"testing"

	"github.com/devpulse/devpulse/internal/directory"
)

func TestOwnTeams(t *testing.T) {
	id := func(n int64) *int64 { return &n }
	teams := []directory.Team{{ID: 1}, {ID: 2, ParentID: id(1)}, {ID: 3, ParentID: id(2)}, {ID: 4, ParentID: id(1)}}
	tests := []struct {
		team *int64
		want string
	}{
		{nil, "map[]"},
		{id(3), "map[1:true 2:true 3:true]"},
		{id(4), "map[1:true 4:true]"},
		{id(1), "map[1:true]"},
	}
	for _, tt := range tests {
		if got := fmt.Sprint(ownTeams(teams, tt.team)); got != tt.want {
			t.Errorf("ownTeams(%v) = %s, want %s", tt.team, got, tt.want)
		}
	}
	// A cycle in bad data ends rather than looping.
	loop := []directory.Team{{ID: 1, ParentID: id(2)}, {ID: 2, ParentID: id(1)}}
	if got := fmt.Sprint(ownTeams(loop, id(1))); got != "map[1:true 2:true]" {
		t.Errorf("cycle: %s", got)
	}
}
