package responses

import (
	"context"
	"errors"
	"fmt"
	"net/url"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/database"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/survey"
)

// checkOpen fails unless answers may change now.
func (s *Store) checkOpen(snap survey.Snapshot) error {
	switch snap.State {
	case survey.Draft, survey.Scheduled:
		return ErrNotOpen
	case survey.Open:
		if snap.ClosesAt != nil && !s.now().Before(*snap.ClosesAt) {
			return ErrClosed
		}
		return nil
	default:
		return ErrClosed
	}
}

// draft is the part of a response a save needs.
type draft struct {
	ID        int64
	Submitted bool
	// Created is true when the statement that returned the draft inserted
	// it (PostgreSQL only; SQLite always says false): a new response has
	// no answers to replace, so the delete before the insert is skipped.
	Created bool
}

// createdSQL is the RETURNING expression that says whether an upsert
// inserted its row: on PostgreSQL a row the statement inserted has no
// xmax, one it updated has this transaction's. SQLite cannot tell.
func createdSQL(tx *gorm.DB) string {
	if database.DialectOf(tx) == database.Postgres {
		return "(xmax = 0)"
	}
	return "false"
}

// touch returns the invitation's response, creating an empty draft the
// first time, and dates it today. It is one statement that also locks the
// row until tx ends, so two tabs saving or submitting at once take turns
// and still get one row.
func (s *Store) touch(tx *gorm.DB, inv Invitation) (draft, error) {
	var d draft
	err := tx.Raw(`INSERT INTO responses (snapshot_id, invitation_id, updated_on) VALUES (?, ?, ?)
		ON CONFLICT (invitation_id) DO UPDATE SET updated_on = excluded.updated_on
		RETURNING id, submitted, `+createdSQL(tx)+` AS created`, inv.SnapshotID, inv.ID, day(s.now())).Scan(&d).Error
	if err == nil && d.ID == 0 {
		err = errors.New("no row returned")
	}
	if err != nil {
		return draft{}, fmt.Errorf("responses: draft: %w", err)
	}
	return d, nil
}

// answersSQL reads an invitation's response with its answer rows.
const answersSQL = `SELECT r.*, a.question_id, a.item, a.rating, a.number, a.text
	FROM responses r LEFT JOIN answers a ON a.response_id = r.id
	WHERE r.invitation_id = ?`

// Answers returns what an invitation has answered so far, by question, and
// whether it has been submitted.
func (s *Store) Answers(ctx context.Context, inv Invitation, o survey.Outline) (map[int64]survey.Answer, Response, error) {
	// One query: the response with its answer rows, if any.
	var joined []struct {
		Response   `gorm:"embedded"`
		QuestionID *int64
		Item       *string
		Rating     *int
		Number     *float64
		Text       *string
	}
	err := s.db.WithContext(ctx).Raw(answersSQL, inv.ID).Scan(&joined).Error
	if err != nil {
		return nil, Response{}, fmt.Errorf("responses: answers: %w", err)
	}
	if len(joined) == 0 {
		return map[int64]survey.Answer{}, Response{}, nil
	}
	rows := make([]AnswerRow, 0, len(joined))
	for _, j := range joined {
		if j.QuestionID != nil {
			row := AnswerRow{ResponseID: j.ID, QuestionID: *j.QuestionID, Rating: j.Rating, Number: j.Number, Text: j.Text}
			if j.Item != nil {
				row.Item = *j.Item
			}
			rows = append(rows, row)
		}
	}
	return fromRows(rows, o.Questions), joined[0].Response, nil
}

// Save stores the answers given in form to the listed questions, as a
// draft. Valid answers are kept even when others are not; the messages for
// the others come back by form field.
func (s *Store) Save(ctx context.Context, inv Invitation, o survey.Outline, questions []survey.Question, form url.Values) (survey.FieldErrors, error) {
	res, err := s.save(ctx, inv, o, questions, form, nil)
	return res.Invalid, err
}

// Submit turns a draft into a submitted response, stamping the person's
// segments as they are today. Submitting again (a double click, a retry,
// a second tab, an edit before close) keeps one response and its original
// segments. Required questions without an answer come back by form field.
func (s *Store) Submit(ctx context.Context, inv Invitation, o survey.Outline, person directory.Person, contactOK bool) (survey.FieldErrors, error) {
	res, err := s.save(ctx, inv, o, nil, nil, &submission{person: person, contactOK: contactOK})
	return res.Missing, err
}

// Result is what SaveAndSubmit did.
type Result struct {
	// Invalid holds messages for answers that were not acceptable, by form
	// field; the valid answers were saved, nothing was submitted.
	Invalid survey.FieldErrors
	// Missing names the required questions still without an answer; the
	// answers were saved, nothing was submitted.
	Missing survey.FieldErrors
}

// SaveAndSubmit saves the answers given in form to the listed questions,
// then submits the whole response as Submit does, in one transaction: a
// respondent may send the entire survey in one request. Nothing is
// submitted unless every answer sent is acceptable and every required
// question asked of the person has an answer, sent now or saved before.
func (s *Store) SaveAndSubmit(ctx context.Context, inv Invitation, o survey.Outline, questions []survey.Question, form url.Values,
	person directory.Person, contactOK bool) (Result, error) {
	return s.save(ctx, inv, o, questions, form, &submission{person: person, contactOK: contactOK})
}

type submission struct {
	person    directory.Person
	contactOK bool
}

// save replaces the answers of every validly answered question in two
// statements (one delete, one batched insert; a response just created
// needs no delete), then submits when sub is
// given and the response is complete. A submission that fails checks the
// stored answers too, so that Missing lists every required answer left.
// On PostgreSQL a complete first submission is one statement instead
// (submitFirst); when the response turns out to exist, the transaction
// runs as for any other save.
func (s *Store) save(ctx context.Context, inv Invitation, o survey.Outline, questions []survey.Question, form url.Values, sub *submission) (Result, error) {
	if err := s.checkOpen(o.Snapshot); err != nil {
		return Result{}, err
	}
	res := Result{Invalid: survey.FieldErrors{}, Missing: survey.FieldErrors{}}
	var drivers []string
	if len(questions) > 0 {
		drivers = survey.DriverKeys(o.Questions)
	}
	sent := make(map[int64]bool, len(questions)) // saved now, true when answered
	ids := make([]int64, 0, len(questions))
	rows := make([]AnswerRow, 0, len(questions))
	for _, q := range questions {
		a, msg := q.ParseAnswer(form, drivers)
		if msg != "" {
			res.Invalid[survey.FieldName(q)] = msg
			continue
		}
		sent[q.ID] = !a.Empty()
		ids = append(ids, q.ID)
		rows = append(rows, toRows(0, q, a)...)
	}
	if len(res.Invalid) > 0 {
		sub = nil // nothing is submitted
	}
	// What is still unknown about the required questions needs the stored
	// answers; when nothing is, the draft is stamped submitted (or not)
	// in the statement that creates or locks it.
	var unknown []survey.Question
	if sub != nil {
		unknown = checkSent(o, sub.person, sent, res.Missing)
	}
	complete := sub != nil && len(unknown) == 0 && len(res.Missing) == 0
	if complete && database.DialectOf(s.db) == database.Postgres {
		done, err := s.submitFirst(ctx, inv, sub, rows)
		if err != nil {
			return Result{}, err
		}
		if done {
			// As the transaction does for the submitted draft it returns.
			keepRequired(questions, sent, ids, &res)
			return res, nil
		}
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var r draft
		var err error
		if complete {
			// The invitation first: the response's foreign key check then
			// finds its row already locked by this transaction, instead of
			// share-locking it and upgrading the lock afterwards (a
			// PostgreSQL multixact each time).
			if err := markInvitation(tx, inv); err != nil {
				return err
			}
			r, err = s.touchSubmitted(tx, inv, sub)
		} else {
			r, err = s.touch(tx, inv)
		}
		if err != nil {
			return err
		}
		if r.Submitted {
			ids = keepRequired(questions, sent, ids, &res)
		}
		if len(ids) > 0 && !r.Created {
			if err := tx.Where("response_id = ? AND question_id IN ?", r.ID, ids).Delete(&AnswerRow{}).Error; err != nil {
				return fmt.Errorf("responses: save answers: %w", err)
			}
		}
		if len(rows) > 0 {
			for i := range rows {
				rows[i].ResponseID = r.ID
			}
			if err := tx.CreateInBatches(&rows, 200).Error; err != nil {
				return fmt.Errorf("responses: save answers: %w", err)
			}
		}
		if complete || sub == nil || len(res.Invalid) > 0 {
			return nil
		}
		if err := checkStored(tx, r.ID, unknown, res.Missing); err != nil || len(res.Missing) > 0 {
			return err
		}
		return s.submit(tx, r, inv, sub)
	})
	if err != nil {
		return Result{}, err
	}
	return res, nil
}

// msgKeepRequired refuses to clear a required answer of a submitted response.
const msgKeepRequired = "This question needs an answer: your response is submitted, so its answer was kept."

// keepRequired protects a submitted response: a required question sent
// empty keeps its stored answer (it is left out of the ids whose answers
// are replaced) and gets a message, so a response never stays submitted
// without its required answers.
func keepRequired(questions []survey.Question, sent map[int64]bool, ids []int64, res *Result) []int64 {
	keep := map[int64]bool{}
	for _, q := range questions {
		answered, ok := sent[q.ID]
		if q.Required && ok && !answered {
			keep[q.ID] = true
			delete(res.Missing, survey.FieldName(q))
			res.Invalid[survey.FieldName(q)] = msgKeepRequired
		}
	}
	if len(keep) == 0 {
		return ids
	}
	out := ids[:0:0]
	for _, id := range ids {
		if !keep[id] {
			out = append(out, id)
		}
	}
	return out
}
