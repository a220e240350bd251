package roster

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/database"
	"github.com/devpulse/devpulse/internal/directory"
)

// ActionImport is the audit log action of an applied import.
const ActionImport = "roster.import"

// ErrStale means the directory changed between the preview and Apply, so
// the plan differs from the one previewed. Nothing was written.
var ErrStale = errors.New("roster: the directory changed since the preview")

// batchSize rows go into one INSERT; it keeps statements below both
// databases' limits on bound parameters.
const batchSize = 500

// updatedColumns are the people columns an import writes on existing people.
var updatedColumns = []string{"name", "team_id", "job_role", "work_arrangement", "location", "start_date",
	"level", "github_login", "slack_user_id", "active", "updated_at"}

// Importer previews and applies roster imports; the web pages, the API
// and the command line all import through it.
type Importer struct {
	db     *gorm.DB
	people *directory.Service
}

// NewImporter returns an Importer on db that deactivates people through
// people, so an import ends their sessions as an admin's deactivation does.
func NewImporter(db *gorm.DB, people *directory.Service) (*Importer, error) {
	if db == nil || people == nil {
		return nil, errors.New("roster: importer needs a database and the directory service")
	}
	return &Importer{db: db, people: people}, nil
}

// Preview plans the import of f without changing anything.
func (im *Importer) Preview(ctx context.Context, f File, opts Options) (*Plan, error) {
	return plan(ctx, im.db.WithContext(ctx), f, opts, time.Now().UTC())
}

// Apply plans the import of f again inside one transaction and writes it:
// all of it or, on any error, nothing. Deactivated people keep their
// history and lose their sessions. A plan with changes is recorded in the
// audit log under actor; an empty one writes nothing. With opts.Expect set
// and a different plan, Apply returns the new plan and ErrStale.
func (im *Importer) Apply(ctx context.Context, f File, opts Options, actor string) (*Plan, error) {
	var p *Plan
	err := im.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if database.DialectOf(tx) == database.Postgres {
			// Imports and directory edits wait for each other, so the plan
			// stays true until it is written. (SQLite transactions already
			// take the write lock when they begin.)
			if err := tx.Exec("LOCK TABLE people IN SHARE ROW EXCLUSIVE MODE").Error; err != nil {
				return fmt.Errorf("roster: lock people: %w", err)
			}
		}
		var err error
		if p, err = plan(ctx, tx, f, opts, time.Now().UTC()); err != nil {
			return err
		}
		if opts.Expect != "" && opts.Expect != p.Fingerprint() {
			return ErrStale
		}
		if p.Empty() {
			return nil
		}
		if err := im.write(ctx, tx, p); err != nil {
			return err
		}
		detail := p.Summary()
		if opts.DeactivateMissing {
			detail += "; people missing from the file deactivated"
		}
		return audit.New(tx).Record(ctx, tx, actor, ActionImport, "roster", detail)
	})
	if err != nil {
		return p, err
	}
	return p, nil
}

// write carries the plan out inside transaction tx, in batches.
func (im *Importer) write(ctx context.Context, tx *gorm.DB, p *Plan) error {
	if err := p.ensureTeams(ctx, tx); err != nil {
		return err
	}
	inserts, err := p.withTeams(p.inserts)
	if err != nil {
		return err
	}
	if len(inserts) > 0 {
		if err := tx.WithContext(ctx).CreateInBatches(&inserts, batchSize).Error; err != nil {
			return fmt.Errorf("roster: add people: %w", err)
		}
	}
	for _, person := range inserts {
		p.state.personID[person.Email] = person.ID
	}
	updates, err := p.withTeams(p.updates)
	if err != nil {
		return err
	}
	if len(updates) > 0 {
		// An insert that meets the existing row updates it: one statement
		// per batch instead of one per person.
		upsert := clause.OnConflict{Columns: []clause.Column{{Name: "id"}}, DoUpdates: clause.AssignmentColumns(updatedColumns)}
		if err := tx.WithContext(ctx).Clauses(upsert).CreateInBatches(&updates, batchSize).Error; err != nil {
			return fmt.Errorf("roster: change people: %w", err)
		}
	}
	if err := im.people.DeactivateAll(ctx, tx, p.deactivate); err != nil {
		return fmt.Errorf("roster: %w", err)
	}
	return p.addGrants(ctx, tx)
}

// ensureTeams creates the new teams, parents first, and notes their IDs.
func (p *Plan) ensureTeams(ctx context.Context, tx *gorm.DB) error {
	for _, path := range p.TeamsCreated { // sorted: a parent comes before its children
		t, err := directory.NewStore(tx).EnsureTeam(ctx, path)
		if err != nil {
			return fmt.Errorf("roster: %w", err)
		}
		p.state.teamID[path] = t.ID
	}
	return nil
}

// withTeams returns the people to write with their team IDs set.
func (p *Plan) withTeams(rows []pending) ([]directory.Person, error) {
	out := make([]directory.Person, len(rows))
	for i, r := range rows {
		id, ok := p.state.teamID[r.team]
		if !ok {
			return nil, fmt.Errorf("roster: team %q was not created", r.team)
		}
		out[i] = r.person
		out[i].TeamID = &id
	}
	return out, nil
}

// addGrants stores the new lead grants, now that every person and team has an ID.
func (p *Plan) addGrants(ctx context.Context, tx *gorm.DB) error {
	if len(p.GrantsAdded) == 0 {
		return nil
	}
	now := time.Now().UTC()
	grants := make([]directory.Grant, 0, len(p.GrantsAdded))
	for _, g := range p.GrantsAdded {
		pid, team := p.state.personID[g.Email], p.state.teamID[g.Team]
		if pid == 0 || team == 0 {
			return fmt.Errorf("roster: lead grant of %d on team %q: person or team missing", pid, g.Team)
		}
		grants = append(grants, directory.Grant{PersonID: pid, Role: directory.RoleLead, TeamID: &team, CreatedAt: now})
	}
	if err := tx.WithContext(ctx).CreateInBatches(&grants, batchSize).Error; err != nil {
		return fmt.Errorf("roster: add lead grants: %w", err)
	}
	return nil
}
