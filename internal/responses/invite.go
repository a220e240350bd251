package responses

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/database"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/survey"
)

// Store reads and writes invitations and responses.
type Store struct {
	db  *gorm.DB
	now func() time.Time
}

// NewStore returns a Store on db.
func NewStore(db *gorm.DB) *Store {
	return &Store{db: db, now: func() time.Time { return time.Now().UTC() }}
}

// Invite creates an invitation for every active person in the snapshot's
// audience who has none yet, and returns the new invitations. Running it
// twice invites nobody twice.
func (s *Store) Invite(ctx context.Context, snapID int64) ([]Invitation, error) {
	var created []Invitation
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var snap survey.Snapshot
		if err := tx.First(&snap, snapID).Error; err != nil {
			return fmt.Errorf("responses: invite: snapshot %d: %w", snapID, err)
		}
		people, err := audience(tx, snap)
		if err != nil {
			return err
		}
		var existing []int64
		if err := tx.Model(&Invitation{}).Where("snapshot_id = ?", snapID).Pluck("person_id", &existing).Error; err != nil {
			return err
		}
		invited := map[int64]bool{}
		for _, id := range existing {
			invited[id] = true
		}
		now := s.now()
		for _, p := range people {
			if !invited[p.ID] {
				created = append(created, Invitation{SnapshotID: snapID, PersonID: p.ID, TeamID: p.TeamID, CreatedAt: now})
			}
		}
		if len(created) == 0 {
			return nil
		}
		if err := tx.CreateInBatches(&created, 500).Error; err != nil {
			return fmt.Errorf("responses: invite: %w", err)
		}
		return nil
	})
	if err != nil || len(created) == 0 {
		return created, err
	}
	// The invitations' shape has just changed, and every respondent's
	// link is looked up in them from now on: plan those lookups on
	// statistics that know it, rather than wait for autovacuum.
	if err := database.Analyse(ctx, s.db, "invitations"); err != nil {
		return created, fmt.Errorf("responses: invite: %w", err)
	}
	_, err = database.AnalyseOutgrown(ctx, s.db, database.SubmitTables...)
	return created, err
}

// AudienceSize is how many active people opening the snapshot would
// invite now, so that the person who opens it knows.
func (s *Store) AudienceSize(ctx context.Context, snapID int64) (int, error) {
	var snap survey.Snapshot
	if err := s.db.WithContext(ctx).First(&snap, snapID).Error; err != nil {
		return 0, fmt.Errorf("responses: audience: snapshot %d: %w", snapID, err)
	}
	q, err := audienceQuery(s.db.WithContext(ctx), snap)
	if err != nil || q == nil {
		return 0, err
	}
	var n int64
	if err := q.Count(&n).Error; err != nil {
		return 0, fmt.Errorf("responses: audience size of %d: %w", snapID, err)
	}
	return int(n), nil
}

// audience lists the active people a snapshot is for: everyone, or the
// members of the chosen teams and their subtrees.
func audience(tx *gorm.DB, snap survey.Snapshot) ([]directory.Person, error) {
	q, err := audienceQuery(tx, snap)
	if err != nil || q == nil {
		return nil, err
	}
	var people []directory.Person
	if err := q.Select("id", "team_id").Order("id").Find(&people).Error; err != nil {
		return nil, fmt.Errorf("responses: audience of %d: %w", snap.ID, err)
	}
	return people, nil
}

// audienceQuery selects the people of the snapshot's audience; nil when
// its chosen teams hold nobody.
func audienceQuery(tx *gorm.DB, snap survey.Snapshot) (*gorm.DB, error) {
	q := tx.Model(&directory.Person{}).Where("active")
	if !snap.AudienceAll {
		var roots []int64
		if err := tx.Model(&survey.SnapshotTeam{}).Where("snapshot_id = ?", snap.ID).Pluck("team_id", &roots).Error; err != nil {
			return nil, err
		}
		var teams []directory.Team
		if err := tx.Find(&teams).Error; err != nil {
			return nil, err
		}
		var ids []int64
		for id := range directory.Subtrees(teams, roots) {
			ids = append(ids, id)
		}
		if len(ids) == 0 {
			return nil, nil
		}
		q = q.Where("team_id IN ?", ids)
	}
	return q, nil
}

// IssueToken makes a new personal link token for an invitation and returns
// it; only its hash is stored. Each message carries a token of its own.
func (s *Store) IssueToken(ctx context.Context, invitationID int64) (string, error) {
	token := auth.RandomToken()
	row := InvitationToken{TokenHash: auth.Hash(token), InvitationID: invitationID, CreatedAt: s.now()}
	if err := s.db.WithContext(ctx).Create(&row).Error; err != nil {
		return "", fmt.Errorf("responses: issue token: %w", err)
	}
	return token, nil
}

// ByToken finds the invitation a personal link token belongs to.
func (s *Store) ByToken(ctx context.Context, token string) (Invitation, error) {
	var inv Invitation
	err := s.db.WithContext(ctx).
		Joins("JOIN invitation_tokens ON invitation_tokens.invitation_id = invitations.id").
		Where("invitation_tokens.token_hash = ?", auth.Hash(token)).First(&inv).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Invitation{}, ErrNotFound
	}
	if err != nil {
		return Invitation{}, fmt.Errorf("responses: by token: %w", err)
	}
	return inv, nil
}

// Link is what a personal link opens: the invitation, the person invited
// (without their password hash) and the snapshot as it is now.
type Link struct {
	Invitation Invitation
	Person     directory.Person
	Snapshot   survey.Snapshot
	// Responded is whether the invitation had a response (a draft or
	// submitted) when the link was read: a first visit has no answers to
	// read.
	Responded bool
}

// linkSQL reads a Link by token hash; OpenLink scans its columns in order.
const linkSQL = `SELECT i.id, i.snapshot_id, i.person_id, i.team_id, i.channel, i.created_at, i.sent_at,
		i.send_error, i.reminders_sent, i.last_reminded_at, i.submitted,
	p.id, p.email, p.name, p.team_id, p.job_role, p.work_arrangement, p.location, p.start_date,
		p.level, p.github_login, p.slack_user_id, p.notify_channel, p.language, p.active, p.created_at, p.updated_at,
	s.id, s.title, s.state, s.time_zone, s.opens_at, s.closes_at, s.audience_all, s.reminder_days,
		s.copied_from_id, s.created_by, s.created_at, s.updated_at, s.opened_at, s.closed_at, s.published_at,
	EXISTS (SELECT 1 FROM responses r WHERE r.invitation_id = i.id)
	FROM invitation_tokens t
	JOIN invitations i ON i.id = t.invitation_id
	JOIN people p ON p.id = i.person_id
	JOIN snapshots s ON s.id = i.snapshot_id
	WHERE t.token_hash = ?`

// OpenLink finds what a personal link token opens, in one query: a survey
// page needs all three on every request. The row is scanned by hand, as
// mapping its columns by reflection cost a sixth of the server's CPU under
// load.
func (s *Store) OpenLink(ctx context.Context, token string) (Link, error) {
	rows, err := s.db.WithContext(ctx).Raw(linkSQL, auth.Hash(token)).Rows()
	if err != nil {
		return Link{}, fmt.Errorf("responses: open link: %w", err)
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return Link{}, fmt.Errorf("responses: open link: %w", err)
		}
		return Link{}, ErrNotFound
	}
	var l Link
	i, p, sn := &l.Invitation, &l.Person, &l.Snapshot
	err = rows.Scan(&i.ID, &i.SnapshotID, &i.PersonID, &i.TeamID, &i.Channel, &i.CreatedAt, &i.SentAt,
		&i.SendError, &i.RemindersSent, &i.LastRemindedAt, &i.Submitted,
		&p.ID, &p.Email, &p.Name, &p.TeamID, &p.JobRole, &p.WorkArrangement, &p.Location, &p.StartDate,
		&p.Level, &p.GitHubLogin, &p.SlackUserID, &p.NotifyChannel, &p.Language, &p.Active, &p.CreatedAt, &p.UpdatedAt,
		&sn.ID, &sn.Title, &sn.State, &sn.TimeZone, &sn.OpensAt, &sn.ClosesAt, &sn.AudienceAll, &sn.ReminderDays,
		&sn.CopiedFromID, &sn.CreatedBy, &sn.CreatedAt, &sn.UpdatedAt, &sn.OpenedAt, &sn.ClosedAt, &sn.PublishedAt,
		&l.Responded)
	if err != nil {
		return Link{}, fmt.Errorf("responses: open link: %w", err)
	}
	return l, nil
}

// ForPerson finds a person's invitation to a snapshot (signed-in answering).
func (s *Store) ForPerson(ctx context.Context, snapID, personID int64) (Invitation, error) {
	var inv Invitation
	err := s.db.WithContext(ctx).Where("snapshot_id = ? AND person_id = ?", snapID, personID).First(&inv).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Invitation{}, ErrNotFound
	}
	if err != nil {
		return Invitation{}, fmt.Errorf("responses: invitation: %w", err)
	}
	return inv, nil
}

// OpenSurvey is a snapshot a person is invited to and may answer now.
type OpenSurvey struct {
	SnapshotID   int64
	InvitationID int64
	Title        string
	ClosesAt     time.Time
	TimeZone     string
	Submitted    bool
	// AudienceAll: the whole organisation is asked, not chosen teams.
	AudienceAll bool
}

// OpenFor lists the open snapshots a person is invited to, soonest
// closing first: the signed-in home page answers them without a link.
func (s *Store) OpenFor(ctx context.Context, personID int64) ([]OpenSurvey, error) {
	var out []OpenSurvey
	err := s.db.WithContext(ctx).Raw(`
		SELECT s.id AS snapshot_id, i.id AS invitation_id, s.title, s.closes_at, s.time_zone, i.submitted, s.audience_all
		FROM invitations i JOIN snapshots s ON s.id = i.snapshot_id
		WHERE i.person_id = ? AND s.state = ? ORDER BY s.closes_at`, personID, survey.Open).Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("responses: open surveys of %d: %w", personID, err)
	}
	return out, nil
}
