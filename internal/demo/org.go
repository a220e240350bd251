package demo

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
)

// teamSpec is one team of the demo organisation.
type teamSpec struct {
	path string
	size int // including its lead
	kind string
}

// groupStaff is how many people besides its lead belong directly to the
// root and to each group.
const groupStaff = 6

// root is the top of the team tree; the groups sit below it.
const root = "Engineering"

var groups = []string{"Engineering/Platform", "Engineering/Product", "Engineering/Data"}

var teamSpecs = []teamSpec{
	{"Engineering/Platform/CI", 22, kindPlatform},
	{"Engineering/Platform/Developer Tools", 20, kindPlatform},
	{"Engineering/Platform/Infrastructure", 26, kindInfra},
	{"Engineering/Platform/Observability", 18, kindInfra},
	{"Engineering/Product/Checkout", 30, kindProduct},
	{"Engineering/Product/Search", 28, kindProduct},
	{"Engineering/Product/Accounts", 24, kindProduct},
	{"Engineering/Product/Mobile Apps", 28, kindMobile},
	{"Engineering/Product/Growth", 26, kindProduct},
	{"Engineering/Data/Analytics", 24, kindData},
	{"Engineering/Data/Machine Learning", 28, kindML},
	{SmallTeam, 3, kindData},
}

// AdminEmail is the demo's platform admin, a member of Developer Tools.
const AdminEmail = "admin@example.com"

// member is a person of the demo with what answering needs to know.
type member struct {
	directory.Person
	team int // index into teamSpecs, or -1 for the root and groups
	// mood shifts every rating the person gives; engagement shifts how
	// likely they are to answer; aiAffinity how much they use AI tools.
	mood, engagement, aiAffinity float64
}

// org is the built directory.
type org struct {
	teamIDs  []int64 // by teamSpecs index
	groupIDs []int64
	members  []member
}

// buildOrg creates the team tree, the people and the grants.
func buildOrg(ctx context.Context, tx *gorm.DB, g *gen, now time.Time) (org, error) {
	var o org
	rootTeam, err := directory.EnsureTeam(ctx, tx, root)
	if err != nil {
		return o, err
	}
	for _, p := range groups {
		t, err := directory.EnsureTeam(ctx, tx, p)
		if err != nil {
			return o, err
		}
		o.groupIDs = append(o.groupIDs, t.ID)
	}
	for _, s := range teamSpecs {
		t, err := directory.EnsureTeam(ctx, tx, s.path)
		if err != nil {
			return o, err
		}
		o.teamIDs = append(o.teamIDs, t.ID)
	}
	o.members = o.people(g, now, rootTeam.ID)
	people := make([]directory.Person, len(o.members))
	for i := range o.members {
		if err := o.members[i].Validate(); err != nil {
			return o, fmt.Errorf("demo: person %s: %w", o.members[i].Email, err)
		}
		people[i] = o.members[i].Person
	}
	if err := tx.CreateInBatches(&people, 200).Error; err != nil {
		return o, fmt.Errorf("demo: people: %w", err)
	}
	for i := range people {
		o.members[i].ID = people[i].ID
	}
	return o, o.grant(ctx, tx)
}

// people draws everyone: the executive, the group leads, then each team
// with its lead first. The admin is the second member of Developer Tools.
func (o *org) people(g *gen, now time.Time, rootID int64) []member {
	names := map[string]bool{}
	var out []member
	add := func(teamID int64, team int, role, level string, minYears float64) *member {
		m := member{team: team, mood: g.norm(0, 0.07), engagement: g.norm(0, 0.08), aiAffinity: g.norm(0, 1)}
		first, last := g.name(names)
		m.Name = first + " " + last
		m.Email = emailOf(first, last)
		m.TeamID = &teamID
		m.JobRole, m.Level = role, level
		m.WorkArrangement = g.pick(arrangements)
		if m.WorkArrangement == directory.Remote {
			m.Location = g.pick(remoteCities)
		} else {
			m.Location = g.pick(officeCities)
		}
		start := g.startDate(quarterStart(now), minYears)
		m.StartDate = &start
		m.Active = true
		m.CreatedAt, m.UpdatedAt = now, now
		out = append(out, m)
		return &out[len(out)-1]
	}
	add(rootID, -1, roleManager, "M4", 5)
	for _, id := range o.groupIDs {
		add(id, -1, roleManager, "M3", 2)
	}
	// Staff and principal engineers and programme managers belong to the
	// root and the groups themselves. There are enough of them that these
	// direct members make a group of their own (at least the minimum group
	// size answers), so no whole team has to be hidden to protect them.
	staffKinds := []string{kindPlatform, kindPlatform, kindProduct, kindData}
	for i, id := range append([]int64{rootID}, o.groupIDs...) {
		for range groupStaff {
			add(id, -1, g.pick(rolesByKind[staffKinds[i]]), g.pick([]weighted{{"L5", 60}, {"L6", 40}}), 2)
		}
	}
	for i, s := range teamSpecs {
		add(o.teamIDs[i], i, roleManager, g.pick([]weighted{{"M1", 60}, {"M2", 40}}), 1)
		for j := 1; j < s.size; j++ {
			minYears := 0.0
			if s.path == SmallTeam {
				minYears = 2 // the small team answers in every quarter
			}
			m := add(o.teamIDs[i], i, g.pick(rolesByKind[s.kind]), g.pick(icLevels), minYears)
			if s.path == "Engineering/Platform/Developer Tools" && j == 1 {
				delete(names, m.Name)
				m.Name, m.Email, m.JobRole, m.Level = "Demo Admin", AdminEmail, rolePlatform, "L4"
			}
		}
	}
	return out
}

// grantSpec is one role to grant.
type grantSpec struct {
	person int64
	role   string
	team   *int64
}

// grant makes the first member of the tree its executive, each group's
// and team's first member its lead, and the admin an admin.
func (o *org) grant(ctx context.Context, tx *gorm.DB) error {
	grants := []grantSpec{{o.members[0].ID, directory.RoleExecutive, nil}}
	for i := range o.groupIDs {
		grants = append(grants, grantSpec{o.members[1+i].ID, directory.RoleLead, &o.groupIDs[i]})
	}
	for _, m := range o.members {
		switch {
		case m.Email == AdminEmail:
			grants = append(grants, grantSpec{m.ID, directory.RoleAdmin, nil})
		case m.team >= 0 && m.JobRole == roleManager:
			grants = append(grants, grantSpec{m.ID, directory.RoleLead, m.TeamID})
		}
	}
	for _, gr := range grants {
		if _, err := directory.AddGrant(ctx, tx, gr.person, gr.role, gr.team); err != nil {
			return err
		}
	}
	return nil
}

// emailOf makes first.last@example.com, without spaces.
func emailOf(first, last string) string {
	local := strings.ToLower(first + "." + strings.ReplaceAll(last, " ", ""))
	return local + "@example.com"
}
