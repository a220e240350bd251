package events

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Hook runs inside the transaction that stores new events, with the events
// that were new (not duplicates). Pulse decides its asks there, so an
// event and the asks it causes commit together or not at all.
type Hook func(ctx context.Context, tx *gorm.DB, stored []Event) error

// Store keeps events.
type Store struct {
	db   *gorm.DB
	hook Hook
	now  func() time.Time
}

// NewStore returns an event store on db.
func NewStore(db *gorm.DB) *Store {
	return &Store{db: db, now: func() time.Time { return time.Now().UTC() }}
}

// OnStored sets the hook that runs for every batch of new events.
func (s *Store) OnStored(h Hook) { s.hook = h }

// Ingest validates every input, then stores them all in one transaction:
// either every event is valid and the new ones are stored, or an
// *InvalidError lists every problem and nothing is stored. A key seen
// before (in an earlier request or earlier in the batch) is a duplicate.
func (s *Store) Ingest(ctx context.Context, source string, ins []Input) ([]Outcome, error) {
	now := s.now()
	if len(ins) == 0 {
		return nil, &InvalidError{Errors: []FieldError{{Field: "events", Message: "no events: send one event or {\"events\": [...]}"}}}
	}
	if len(ins) > MaxBatch {
		return nil, &InvalidError{Errors: []FieldError{{Field: "events", Message: fmt.Sprintf("%d events: at most %d in one request", len(ins), MaxBatch)}}}
	}
	cs := make([]checked, len(ins))
	var errs []FieldError
	for i, in := range ins {
		c, e := validate(i, in, now)
		cs[i], errs = c, append(errs, e...)
	}
	if len(errs) > 0 {
		return nil, &InvalidError{Errors: errs}
	}
	var out []Outcome
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var err error
		out, err = s.store(ctx, tx, source, cs, now)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (s *Store) store(ctx context.Context, tx *gorm.DB, source string, cs []checked, now time.Time) ([]Outcome, error) {
	people, err := resolvePeople(ctx, tx, cs)
	if err != nil {
		return nil, err
	}
	out := make([]Outcome, len(cs))
	first := map[string]int{} // key -> index of its first occurrence in the batch
	var fresh []Event
	for i, c := range cs {
		out[i].Key = c.in.Key
		if j, ok := first[c.in.Key]; ok {
			out[i].Duplicate, out[i].Matched = true, out[j].Matched
			continue
		}
		first[c.in.Key] = i
		e := Event{Key: c.in.Key, Type: c.in.Type, PersonRef: c.person, ISOWeek: ISOWeek(c.occurredAt),
			OccurredAt: c.occurredAt, ReceivedAt: now, Source: source, Context: c.context}
		if p, ok := people[c.person]; ok {
			e.PersonID, e.TeamID = &p.id, p.teamID
			out[i].Matched = true
		}
		fresh = append(fresh, e)
	}
	ids, err := insert(ctx, tx, fresh)
	if err != nil {
		return nil, err
	}
	var stored []Event
	var dupKeys []string
	for i := range fresh {
		if id, ok := ids[fresh[i].Key]; ok {
			fresh[i].ID = id
			stored = append(stored, fresh[i])
		} else {
			dupKeys = append(dupKeys, fresh[i].Key)
		}
	}
	existing, err := idsOf(ctx, tx, dupKeys)
	if err != nil {
		return nil, err
	}
	for i := range out {
		if id, ok := ids[out[i].Key]; ok {
			out[i].ID = id
			continue
		}
		out[i].ID, out[i].Duplicate = existing[out[i].Key], true
	}
	if s.hook != nil && len(stored) > 0 {
		if err := s.hook(ctx, tx, stored); err != nil {
			return nil, err
		}
	}
	return out, nil
}

type personRow struct {
	id     int64
	teamID *int64
}

// resolvePeople matches every person of a batch in one query: by email
// when it has an @, else by GitHub login.
func resolvePeople(ctx context.Context, tx *gorm.DB, cs []checked) (map[string]personRow, error) {
	var emails, logins []string
	for _, c := range cs {
		if strings.Contains(c.person, "@") {
			emails = append(emails, c.person)
		} else {
			logins = append(logins, c.person)
		}
	}
	var rows []struct {
		ID          int64
		TeamID      *int64
		Email       string
		GitHubLogin string `gorm:"column:github_login"`
	}
	q := tx.WithContext(ctx).Table("people").Select("id, team_id, email, github_login").Where("active")
	switch {
	case len(emails) > 0 && len(logins) > 0:
		q = q.Where("(email IN ? OR (LOWER(github_login) IN ? AND github_login <> ''))", emails, logins)
	case len(emails) > 0:
		q = q.Where("email IN ?", emails)
	default:
		q = q.Where("LOWER(github_login) IN ? AND github_login <> ''", logins)
	}
	if err := q.Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("events: match people: %w", err)
	}
	out := map[string]personRow{}
	for _, r := range rows {
		out[r.Email] = personRow{r.ID, r.TeamID}
		if r.GitHubLogin != "" {
			out[strings.ToLower(r.GitHubLogin)] = personRow{r.ID, r.TeamID}
		}
	}
	return out, nil
}

// insert stores events whose keys are new in one statement per chunk and
// returns the ids by key; keys already stored are skipped.
func insert(ctx context.Context, tx *gorm.DB, evs []Event) (map[string]int64, error) {
	ids := make(map[string]int64, len(evs))
	const chunk = 250
	for start := 0; start < len(evs); start += chunk {
		part := evs[start:min(start+chunk, len(evs))]
		var sb strings.Builder
		sb.WriteString("INSERT INTO events (event_key, type, person_ref, person_id, team_id, iso_week, occurred_at, received_at, source, context) VALUES ")
		args := make([]any, 0, len(part)*10)
		for i, e := range part {
			if i > 0 {
				sb.WriteString(", ")
			}
			sb.WriteString("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			args = append(args, e.Key, e.Type, e.PersonRef, e.PersonID, e.TeamID, e.ISOWeek, e.OccurredAt, e.ReceivedAt, e.Source, e.Context)
		}
		sb.WriteString(" ON CONFLICT (event_key) DO NOTHING RETURNING id, event_key")
		var rows []struct {
			ID       int64
			EventKey string
		}
		if err := tx.WithContext(ctx).Raw(sb.String(), args...).Scan(&rows).Error; err != nil {
			return nil, fmt.Errorf("events: insert: %w", err)
		}
		for _, r := range rows {
			ids[r.EventKey] = r.ID
		}
	}
	return ids, nil
}

// idsOf returns the ids of stored events by key.
func idsOf(ctx context.Context, tx *gorm.DB, keys []string) (map[string]int64, error) {
	out := map[string]int64{}
	if len(keys) == 0 {
		return out, nil
	}
	var rows []struct {
		ID       int64
		EventKey string
	}
	if err := tx.WithContext(ctx).Table("events").Select("id, event_key").Where("event_key IN ?", keys).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("events: duplicates: %w", err)
	}
	for _, r := range rows {
		out[r.EventKey] = r.ID
	}
	return out, nil
}

// Event returns one stored event.
func (s *Store) Event(ctx context.Context, id int64) (Event, error) {
	var e Event
	if err := s.db.WithContext(ctx).First(&e, id).Error; err != nil {
		return Event{}, fmt.Errorf("events: event %d: %w", id, err)
	}
	return e, nil
}
