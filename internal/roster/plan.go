package roster

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
)

// Options choose what an import may do.
type Options struct {
	// DeactivateMissing deactivates active people the file does not list.
	// Without it an import only adds and changes people.
	DeactivateMissing bool
	// Expect, when set, is the Fingerprint of the plan a person previewed:
	// Apply refuses with ErrStale when the plan it would carry out differs.
	Expect string
}

// Person names someone in a plan.
type Person struct {
	Email string
	Name  string
	Team  string
}

// FieldChange is one field of a person that an import changes. Field is the
// column name, or "status" for a reactivation.
type FieldChange struct {
	Field string `json:"field"`
	Old   string `json:"old"`
	New   string `json:"new"`
}

// Change is an existing person whose fields the import changes.
type Change struct {
	Email  string
	Name   string
	Fields []FieldChange
}

// GrantAdd is a lead grant the import adds.
type GrantAdd struct {
	Email string `json:"email"`
	Team  string `json:"team"`
}

// Plan is what an import changes in the directory: the preview people check
// before applying, and what Apply writes.
type Plan struct {
	Added        []Row
	Changed      []Change
	Deactivated  []Person
	GrantsAdded  []GrantAdd
	TeamsCreated []string
	// Unchanged counts the people in the file the import leaves as they are.
	Unchanged int
	// KeptAdmins are admins missing from the file: they stay active so an
	// import cannot lock every admin out. Deactivate them on their page.
	KeptAdmins        []Person
	DeactivateMissing bool

	inserts    []pending
	updates    []pending
	deactivate []int64
	state      *state
}

// pending is a person row to write once its team exists.
type pending struct {
	person directory.Person
	team   string
}

// Empty reports whether applying the plan would change nothing.
func (p *Plan) Empty() bool {
	return len(p.Added)+len(p.Changed)+len(p.Deactivated)+len(p.GrantsAdded)+len(p.TeamsCreated) == 0
}

// Summary counts the plan's changes in one line, for people and the audit log.
func (p *Plan) Summary() string {
	if p.Empty() {
		return fmt.Sprintf("no changes (%d unchanged)", p.Unchanged)
	}
	return fmt.Sprintf("%d added, %d changed, %d deactivated, %s added, %s created, %d unchanged",
		len(p.Added), len(p.Changed), len(p.Deactivated),
		plural(len(p.GrantsAdded), "lead grant"), plural(len(p.TeamsCreated), "team"), p.Unchanged)
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// Fingerprint identifies the plan's changes, so Apply can check that it
// carries out exactly what was previewed.
func (p *Plan) Fingerprint() string {
	h := sha256.New()
	for _, r := range p.Added {
		fmt.Fprintf(h, "+%s\x00", r.Email)
	}
	for _, c := range p.Changed {
		fmt.Fprintf(h, "~%s", c.Email)
		for _, f := range c.Fields {
			fmt.Fprintf(h, "\x00%s\x00%s\x00%s", f.Field, f.Old, f.New)
		}
		h.Write([]byte{0})
	}
	for _, d := range p.Deactivated {
		fmt.Fprintf(h, "-%s\x00", d.Email)
	}
	for _, g := range p.GrantsAdded {
		fmt.Fprintf(h, "g%s\x00%s\x00", g.Email, g.Team)
	}
	for _, t := range p.TeamsCreated {
		fmt.Fprintf(h, "t%s\x00", t)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// state is the directory as an import finds it, loaded in one query per table.
type state struct {
	teamID   map[string]int64
	teamPath map[int64]string
	people   []directory.Person
	byEmail  map[string]*directory.Person
	personID map[string]int64  // by email, filled in for new people as they are written
	leads    map[[2]int64]bool // {person, team}
	admins   map[int64]bool
}

func load(ctx context.Context, db *gorm.DB) (*state, error) {
	s := &state{teamID: map[string]int64{}, teamPath: map[int64]string{}, leads: map[[2]int64]bool{}, admins: map[int64]bool{}}
	var teams []directory.Team
	if err := db.WithContext(ctx).Select("id", "path").Find(&teams).Error; err != nil {
		return nil, fmt.Errorf("roster: load teams: %w", err)
	}
	for _, t := range teams {
		s.teamID[t.Path], s.teamPath[t.ID] = t.ID, t.Path
	}
	if err := db.WithContext(ctx).Order("id").Find(&s.people).Error; err != nil {
		return nil, fmt.Errorf("roster: load people: %w", err)
	}
	s.byEmail = make(map[string]*directory.Person, len(s.people))
	s.personID = make(map[string]int64, len(s.people))
	for i := range s.people {
		s.byEmail[s.people[i].Email] = &s.people[i]
		s.personID[s.people[i].Email] = s.people[i].ID
	}
	var grants []directory.Grant
	err := db.WithContext(ctx).Where("role IN ?", []string{directory.RoleLead, directory.RoleAdmin}).Find(&grants).Error
	if err != nil {
		return nil, fmt.Errorf("roster: load grants: %w", err)
	}
	for _, g := range grants {
		if g.Role == directory.RoleAdmin {
			s.admins[g.PersonID] = true
		} else if g.TeamID != nil {
			s.leads[[2]int64{g.PersonID, *g.TeamID}] = true
		}
	}
	return s, nil
}

func plan(ctx context.Context, db *gorm.DB, f File, opts Options, now time.Time) (*Plan, error) {
	s, err := load(ctx, db)
	if err != nil {
		return nil, err
	}
	p := &Plan{DeactivateMissing: opts.DeactivateMissing, state: s}
	newTeams := map[string]bool{}
	for _, r := range f.Rows {
		for _, path := range append([]string{r.Team}, r.LeadOf...) {
			s.addMissingTeams(path, newTeams)
		}
		existing := s.byEmail[r.Email]
		if existing == nil {
			p.Added = append(p.Added, r)
			person := directory.Person{Email: r.Email, Active: true, CreatedAt: now, UpdatedAt: now}
			assign(&person, r, f)
			p.inserts = append(p.inserts, pending{person, r.Team})
		} else if fields := s.diff(existing, r, f); len(fields) > 0 {
			p.Changed = append(p.Changed, Change{Email: r.Email, Name: r.Name, Fields: fields})
			person := *existing
			assign(&person, r, f)
			person.Active, person.UpdatedAt = true, now
			p.updates = append(p.updates, pending{person, r.Team})
		} else {
			p.Unchanged++
		}
		for _, team := range r.LeadOf {
			id, ok := s.teamID[team]
			if existing == nil || !ok || !s.leads[[2]int64{existing.ID, id}] {
				p.GrantsAdded = append(p.GrantsAdded, GrantAdd{Email: r.Email, Team: team})
			}
		}
	}
	for path := range newTeams {
		p.TeamsCreated = append(p.TeamsCreated, path)
	}
	slices.Sort(p.TeamsCreated)
	if opts.DeactivateMissing {
		s.planDeactivations(p, f)
	}
	return p, nil
}

// addMissingTeams records path and its ancestors that do not exist yet.
func (s *state) addMissingTeams(path string, missing map[string]bool) {
	for i := 0; i <= len(path); i++ {
		if i == len(path) || path[i] == '/' {
			if _, ok := s.teamID[path[:i]]; !ok {
				missing[path[:i]] = true
			}
		}
	}
}

func (s *state) planDeactivations(p *Plan, f File) {
	listed := make(map[string]bool, len(f.Rows))
	for _, r := range f.Rows {
		listed[r.Email] = true
	}
	for _, person := range s.people {
		if !person.Active || listed[person.Email] {
			continue
		}
		who := Person{Email: person.Email, Name: person.Name, Team: s.teamOf(&person)}
		if s.admins[person.ID] {
			p.KeptAdmins = append(p.KeptAdmins, who)
			continue
		}
		p.Deactivated = append(p.Deactivated, who)
		p.deactivate = append(p.deactivate, person.ID)
	}
	byEmail := func(a, b Person) int { return strings.Compare(a.Email, b.Email) }
	slices.SortFunc(p.Deactivated, byEmail)
	slices.SortFunc(p.KeptAdmins, byEmail)
}

func (s *state) teamOf(p *directory.Person) string {
	if p.TeamID == nil {
		return ""
	}
	return s.teamPath[*p.TeamID]
}
