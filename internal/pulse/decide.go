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
// asks each person at most what their budget allows. A batch costs a fixed
// number of statements: the programmes of its event types, then for the
// people it names (locked, in one order) their own recent asks and open
// invitations; nothing reads all people or all events.
func (s *Service) Decide(ctx context.Context, tx *gorm.DB, evs []events.Event) error {
	byPerson, err := s.candidates(ctx, tx, evs)
	if err != nil || len(byPerson) == 0 {
		return err
	}
	people := make([]int64, 0, len(byPerson))
	for id := range byPerson {
		people = append(people, id)
	}
	slices.Sort(people)
	st, err := s.loadState(ctx, tx, people)
	if err != nil {
		return err
	}
	now := s.now()
	var fresh []Ask
	var moved []Ask
	for _, id := range people {
		for _, c := range byPerson[id] {
			if a, ok := st.waiting(id, c.prog.ID); ok {
				s.moveTo(a, c)
				moved = append(moved, *a)
				continue
			}
			if s.budgetAllows(st.asks[id], Frequency(st.prefs[id].Frequency), st.quiet[id], now) {
				a := s.newAsk(id, c)
				st.asks[id] = append(st.asks[id], a)
				fresh = append(fresh, *a)
			}
		}
	}
	return s.write(ctx, tx, fresh, moved)
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

// state is what the budget needs to know of the batch's people, read
// while their rows are locked.
type state struct {
	prefs map[int64]Prefs
	asks  map[int64][]*Ask
	quiet map[int64]bool
}

// waiting returns the programme's ask that still waits for its delay.
func (st state) waiting(personID, progID int64) (*Ask, bool) {
	for _, a := range st.asks[personID] {
		if a.ProgrammeID == progID && a.State == StateScheduled {
			return a, true
		}
	}
	return nil, false
}

// loadState locks the people's pulse_prefs rows (creating missing ones)
// in person order, so concurrent batches decide one person one after the
// other and never wait on each other in a cycle, then reads their asks of
// this quarter and of the longest gap, and their quiet invitations.
func (s *Service) loadState(ctx context.Context, tx *gorm.DB, people []int64) (state, error) {
	db := tx.WithContext(ctx)
	now := s.now()
	rows := make([]Prefs, len(people))
	for i, id := range people {
		rows[i] = Prefs{PersonID: id, UpdatedAt: now}
	}
	if err := db.Clauses(clause.OnConflict{DoNothing: true}).Create(&rows).Error; err != nil {
		return state{}, fmt.Errorf("pulse: prefs: %w", err)
	}
	q := db.Where("person_id IN ?", people).Order("person_id")
	if db.Dialector.Name() == "postgres" {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	var prefs []Prefs
	if err := q.Find(&prefs).Error; err != nil {
		return state{}, fmt.Errorf("pulse: lock prefs: %w", err)
	}
	st := state{prefs: map[int64]Prefs{}, asks: map[int64][]*Ask{}, quiet: map[int64]bool{}}
	for _, p := range prefs {
		st.prefs[p.PersonID] = p
	}
	since := QuarterStart(now)
	if g := now.Add(-s.longestGap()); g.Before(since) {
		since = g
	}
	var asks []Ask
	err := db.Where("person_id IN ? AND state <> ? AND (created_at >= ? OR state = ?)", people, StateCancelled, since, StateScheduled).
		Find(&asks).Error
	if err != nil {
		return state{}, fmt.Errorf("pulse: recent asks: %w", err)
	}
	for i := range asks {
		st.asks[asks[i].PersonID] = append(st.asks[asks[i].PersonID], &asks[i])
	}
	if s.budget.QuietDays > 0 {
		var quiet []int64
		err := db.Table("invitations i").Joins("JOIN snapshots s ON s.id = i.snapshot_id").
			Where("i.person_id IN ? AND NOT i.submitted AND s.state = ? AND s.closes_at > ? AND s.closes_at <= ?",
				people, "open", now, now.Add(time.Duration(s.budget.QuietDays)*24*time.Hour)).
			Distinct().Pluck("i.person_id", &quiet).Error
		if err != nil {
			return state{}, fmt.Errorf("pulse: open invitations: %w", err)
		}
		for _, id := range quiet {
			st.quiet[id] = true
		}
	}
	return st, nil
}

// moveTo points a waiting ask at the later event of the same flow and
// restarts its delay.
func (s *Service) moveTo(a *Ask, c candidate) {
	a.EventID, a.TeamID, a.ISOWeek = c.ev.ID, c.ev.TeamID, c.ev.ISOWeek
	a.SendAt = dbTime(s.now().Add(time.Duration(c.prog.DelayMinutes) * time.Minute))
	a.ExpiresAt = a.SendAt.Add(time.Duration(c.prog.ExpiryHours) * time.Hour)
}

// newAsk is an ask that goes out after the programme's delay.
func (s *Service) newAsk(personID int64, c candidate) *Ask {
	now := s.now()
	a := &Ask{ProgrammeID: c.prog.ID, PersonID: personID, TeamID: c.ev.TeamID, EventID: c.ev.ID, ISOWeek: c.ev.ISOWeek,
		State: StateScheduled, SendAt: dbTime(now.Add(time.Duration(c.prog.DelayMinutes) * time.Minute)), CreatedAt: now}
	a.ExpiresAt = a.SendAt.Add(time.Duration(c.prog.ExpiryHours) * time.Hour)
	return a
}

// write stores the batch's decisions and schedules their sending.
func (s *Service) write(ctx context.Context, tx *gorm.DB, fresh, moved []Ask) error {
	db := tx.WithContext(ctx)
	for _, a := range moved {
		err := db.Model(&Ask{}).Where("id = ?", a.ID).
			Updates(map[string]any{"event_id": a.EventID, "team_id": a.TeamID, "iso_week": a.ISOWeek, "send_at": a.SendAt, "expires_at": a.ExpiresAt}).Error
		if err != nil {
			return fmt.Errorf("pulse: move ask %d: %w", a.ID, err)
		}
	}
	if len(fresh) > 0 {
		if err := db.Create(&fresh).Error; err != nil {
			return fmt.Errorf("pulse: create asks: %w", err)
		}
	}
	return s.enqueue(ctx, tx, append(fresh, moved...))
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

func (s *Service) enqueue(ctx context.Context, tx *gorm.DB, asks []Ask) error {
	if s.queue == nil || len(asks) == 0 {
		return nil
	}
	params := make([]river.InsertManyParams, len(asks))
	for i, a := range asks {
		params[i] = river.InsertManyParams{Args: SendArgs{AskID: a.ID, Due: a.SendAt},
			InsertOpts: &river.InsertOpts{ScheduledAt: a.SendAt, MaxAttempts: 5, UniqueOpts: river.UniqueOpts{ByArgs: true}}}
	}
	return s.queue.InsertManyTx(ctx, tx, params)
}
