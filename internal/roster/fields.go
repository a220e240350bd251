package roster

import (
	"time"

	"github.com/devpulse/devpulse/internal/directory"
)

// optional is a column the file may leave out; one that is left out leaves
// the stored value alone.
type optional struct {
	column string
	stored func(*directory.Person) string
	file   func(Row) string
	set    func(*directory.Person, Row)
}

var optionals = []optional{
	{ColRole, func(p *directory.Person) string { return p.JobRole }, func(r Row) string { return r.JobRole },
		func(p *directory.Person, r Row) { p.JobRole = r.JobRole }},
	{ColWorkArrangement, func(p *directory.Person) string { return p.WorkArrangement }, func(r Row) string { return r.WorkArrangement },
		func(p *directory.Person, r Row) { p.WorkArrangement = r.WorkArrangement }},
	{ColLocation, func(p *directory.Person) string { return p.Location }, func(r Row) string { return r.Location },
		func(p *directory.Person, r Row) { p.Location = r.Location }},
	{ColStartDate, func(p *directory.Person) string { return formatDate(p.StartDate) }, func(r Row) string { return formatDate(r.StartDate) },
		func(p *directory.Person, r Row) { p.StartDate = r.StartDate }},
	{ColLevel, func(p *directory.Person) string { return p.Level }, func(r Row) string { return r.Level },
		func(p *directory.Person, r Row) { p.Level = r.Level }},
	{ColGitHubLogin, func(p *directory.Person) string { return p.GitHubLogin }, func(r Row) string { return r.GitHubLogin },
		func(p *directory.Person, r Row) { p.GitHubLogin = r.GitHubLogin }},
	{ColSlackUserID, func(p *directory.Person) string { return p.SlackUserID }, func(r Row) string { return r.SlackUserID },
		func(p *directory.Person, r Row) { p.SlackUserID = r.SlackUserID }},
}

// assign copies the row's values onto p, except the team, which is set
// once the team exists.
func assign(p *directory.Person, r Row, f File) {
	p.Name = r.Name
	for _, o := range optionals {
		if f.Has(o.column) {
			o.set(p, r)
		}
	}
}

// diff lists the fields the row changes on an existing person, in column order.
func (s *state) diff(p *directory.Person, r Row, f File) []FieldChange {
	var out []FieldChange
	add := func(field, old, new string) {
		if old != new {
			out = append(out, FieldChange{Field: field, Old: old, New: new})
		}
	}
	add(ColName, p.Name, r.Name)
	add(ColTeam, s.teamOf(p), r.Team)
	for _, o := range optionals {
		if f.Has(o.column) {
			add(o.column, o.stored(p), o.file(r))
		}
	}
	if !p.Active {
		add("status", "inactive", "active")
	}
	return out
}

// formatDate shows a date as the file writes it, or "" for none.
func formatDate(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format(DateLayout)
}
