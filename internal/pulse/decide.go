package pulse

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/riverqueue/river"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/devpulse/devpulse/internal/events"
)

// candidate is an event a programme would ask about.
type candidate struct {
	prog Programme
	ev   events.Event
}

// Decide is the events store's hook: inside the transaction that stored
// the events, it finds the programmes each event triggers, samples, and
// asks each person at most what their budget allows. It reads only the
// programmes of the batch's event types and, per person asked, that
// person's own rows.
func (s *Service) Decide(ctx context.Context, tx *gorm.DB, evs []events.Event) error {
	byPerson, err := s.candidates(ctx, tx, evs)
	if err != nil || len(byPerson) == 0 {
		return err
	}
	people := make([]int64, 0, len(byPerson))
	for id := range byPerson {
		people = append(people, id)
	}
	// Locks are taken in one order, so two batches never wait on each other in a cycle.
	slices.Sort(people)
	for _, id := range people {
		if err := s.decidePerson(ctx, tx, id, byPerson[id]); err != nil {
			return err
		}
	}
	return nil
}

// candidates pairs matched events with the active programmes they trigger
// and that sample them in, grouped by person.
func (s *Service) candidates(ctx context.Context, tx *gorm.DB, evs []events.Event) (map[int64][]candidate, error) {
	var types []string
	for _, e := range evs {
		if e.PersonID != nil && !slices.Contains(types, e.Type) {
			types = append(types, e.Type)
		}
	}
	if len(types) == 0 {
		return nil, nil
	}
	var progs []Programme
	if err := tx.WithContext(ctx).Where("event_type IN ? AND NOT paused", types).Order("id").Find(&progs).Error; err != nil {
		return nil, fmt.Errorf("pulse: programmes for %v: %w", types, err)
	}
	now := s.now()
	out := map[int64][]candidate{}
	for _, e := range evs {
		if e.PersonID == nil {
			continue
		}
		var ctxFields map[string]any
		_ = json.Unmarshal([]byte(e.Context), &ctxFields)
		for _, p := range progs {
			if p.EventType == e.Type && p.Active(now) && p.ParsedConditions().Matches(ctxFields) && sampled(e.Key, p.ID, p.SamplePercent) {
				out[*e.PersonID] = append(out[*e.PersonID], candidate{p, e})
			}
		}
	}
	return out, nil
}

// sampled decides from the event's key, so the same event always gets the
// same answer.
func sampled(key string, progID int64, percent int) bool {
	h := sha256.Sum256([]byte(strconv.FormatInt(progID, 10) + ":" + key))
	return int(binary.BigEndian.Uint64(h[:8])%100) < percent
}

// decidePerson locks the person's row, then for each candidate either
// moves the programme's waiting ask to the later event (same flow) or asks
// anew if the budget allows.
func (s *Service) decidePerson(ctx context.Context, tx *gorm.DB, personID int64, cands []candidate) error {
	prefs, err := lockPrefs(ctx, tx, personID, s.now())
	if err != nil {
		return err
	}
	for _, c := range cands {
		moved, err := s.replaceWaiting(ctx, tx, personID, c)
		if err != nil {
			return err
		}
		if moved {
			continue
		}
		ok, err := s.allowed(ctx, tx, personID, Frequency(prefs.Frequency))
		if err != nil {
			return err
		}
		if ok {
			if err := s.schedule(ctx, tx, personID, c); err != nil {
				return err
			}
		}
	}
	return nil
}

// lockPrefs makes sure the person's row exists and locks it until the
// transaction ends (SQLite write transactions are serial already).
func lockPrefs(ctx context.Context, tx *gorm.DB, personID int64, now time.Time) (Prefs, error) {
	db := tx.WithContext(ctx)
	if err := db.Clauses(clause.OnConflict{DoNothing: true}).Create(&Prefs{PersonID: personID, UpdatedAt: now}).Error; err != nil {
		return Prefs{}, fmt.Errorf("pulse: prefs of %d: %w", personID, err)
	}
	q := db.Where("person_id = ?", personID)
	if db.Dialector.Name() == "postgres" {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	var p Prefs
	if err := q.First(&p).Error; err != nil {
		return Prefs{}, fmt.Errorf("pulse: lock %d: %w", personID, err)
	}
	return p, nil
}

// replaceWaiting moves the programme's ask that still waits for its delay
// to the later event of the same flow. It reports whether there was one.
func (s *Service) replaceWaiting(ctx context.Context, tx *gorm.DB, personID int64, c candidate) (bool, error) {
	var a Ask
	err := tx.WithContext(ctx).Where("programme_id = ? AND person_id = ? AND state = ?", c.prog.ID, personID, StateScheduled).Limit(1).Find(&a).Error
	if err != nil {
		return false, fmt.Errorf("pulse: waiting ask: %w", err)
	}
	if a.ID == 0 {
		return false, nil
	}
	a.EventID, a.TeamID, a.ISOWeek = c.ev.ID, c.ev.TeamID, c.ev.ISOWeek
	a.SendAt = dbTime(s.now().Add(time.Duration(c.prog.DelayMinutes) * time.Minute))
	a.ExpiresAt = a.SendAt.Add(time.Duration(c.prog.ExpiryHours) * time.Hour)
	if err := tx.WithContext(ctx).Save(&a).Error; err != nil {
		return false, fmt.Errorf("pulse: replace ask %d: %w", a.ID, err)
	}
	return true, s.enqueue(ctx, tx, a)
}

// schedule creates an ask that goes out after the programme's delay.
func (s *Service) schedule(ctx context.Context, tx *gorm.DB, personID int64, c candidate) error {
	now := s.now()
	a := Ask{ProgrammeID: c.prog.ID, PersonID: personID, TeamID: c.ev.TeamID, EventID: c.ev.ID, ISOWeek: c.ev.ISOWeek,
		State: StateScheduled, SendAt: dbTime(now.Add(time.Duration(c.prog.DelayMinutes) * time.Minute)), CreatedAt: now}
	a.ExpiresAt = a.SendAt.Add(time.Duration(c.prog.ExpiryHours) * time.Hour)
	if err := tx.WithContext(ctx).Create(&a).Error; err != nil {
		return fmt.Errorf("pulse: create ask: %w", err)
	}
	return s.enqueue(ctx, tx, a)
}

// dbTime rounds to what PostgreSQL keeps (microseconds), so a send time
// read back equals the one the job was scheduled with.
func dbTime(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// SendArgs sends one ask when it is due.
type SendArgs struct {
	AskID int64     `json:"ask_id"`
	Due   time.Time `json:"due"`
}

// Kind names the job.
func (SendArgs) Kind() string { return "pulse_send" }

func (s *Service) enqueue(ctx context.Context, tx *gorm.DB, a Ask) error {
	if s.queue == nil {
		return nil
	}
	opts := &river.InsertOpts{ScheduledAt: a.SendAt, MaxAttempts: 5, UniqueOpts: river.UniqueOpts{ByArgs: true}}
	return s.queue.InsertTx(ctx, tx, SendArgs{AskID: a.ID, Due: a.SendAt}, opts)
}
