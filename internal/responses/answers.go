package responses

import (
	"context"
	"errors"
	"fmt"
	"net/url"

	"gorm.io/gorm"

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
}

// touch returns the invitation's response, creating an empty draft the
// first time, and dates it today. It is one statement that also locks the
// row until tx ends, so two tabs saving or submitting at once take turns
// and still get one row.
func (s *Store) touch(tx *gorm.DB, inv Invitation) (draft, error) {
	var d draft
	err := tx.Raw(`INSERT INTO responses (snapshot_id, invitation_id, updated_on) VALUES (?, ?, ?)
		ON CONFLICT (invitation_id) DO UPDATE SET updated_on = excluded.updated_on
		RETURNING id, submitted`, inv.SnapshotID, inv.ID, day(s.now())).Scan(&d).Error
	if err == nil && d.ID == 0 {
		err = errors.New("no row returned")
	}
	if err != nil {
		return draft{}, fmt.Errorf("responses: draft: %w", err)
	}
	return d, nil
}

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
	err := s.db.WithContext(ctx).Raw(`SELECT r.*, a.question_id, a.item, a.rating, a.number, a.text
		FROM responses r LEFT JOIN answers a ON a.response_id = r.id
		WHERE r.invitation_id = ?`, inv.ID).Scan(&joined).Error
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
// statements (one delete, one batched insert), then submits when sub is
// given and the response is complete.
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
		if len(ids) > 0 {
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
		if complete || sub == nil || len(res.Missing) > 0 {
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

// checkSent adds to out every required question asked of the person that
// was sent empty now, and returns those not sent at all.
func checkSent(o survey.Outline, person directory.Person, sent map[int64]bool, out survey.FieldErrors) []survey.Question {
	var unknown []survey.Question
	for _, q := range o.Questions {
		if !q.Required || !q.AskedOf(person.JobRole) {
			continue
		}
		answered, ok := sent[q.ID]
		switch {
		case !ok:
			unknown = append(unknown, q)
		case !answered:
			out[survey.FieldName(q)] = "This question needs an answer."
		}
	}
	return unknown
}

// checkStored adds to out every question without a stored answer.
func checkStored(tx *gorm.DB, responseID int64, questions []survey.Question, out survey.FieldErrors) error {
	if len(questions) == 0 {
		return nil
	}
	ids := make([]int64, len(questions))
	for i, q := range questions {
		ids[i] = q.ID
	}
	var stored []int64
	if err := tx.Model(&AnswerRow{}).Distinct("question_id").
		Where("response_id = ? AND question_id IN ?", responseID, ids).Pluck("question_id", &stored).Error; err != nil {
		return fmt.Errorf("responses: submit: %w", err)
	}
	have := make(map[int64]bool, len(stored))
	for _, id := range stored {
		have[id] = true
	}
	for _, q := range questions {
		if !have[q.ID] {
			out[survey.FieldName(q)] = "This question needs an answer."
		}
	}
	return nil
}

// segments are what a submission stamps on a response the first time: the
// person's segments as they are today.
func (s *Store) segments(sub *submission) map[string]any {
	now, person := s.now(), sub.person
	return map[string]any{
		"submitted": true, "submitted_on": day(now),
		"team_id": person.TeamID, "job_role": person.JobRole, "work_arrangement": person.WorkArrangement,
		"tenure_band": directory.TenureBand(person.StartDate, now), "level": person.Level, "location": person.Location,
	}
}

// touchSubmitted is touch for a request that completes the response: the
// draft is created or locked already submitted. Segments are stamped the
// first time only; a later submit (an edit before close) keeps them.
func (s *Store) touchSubmitted(tx *gorm.DB, inv Invitation, sub *submission) (draft, error) {
	seg := s.segments(sub)
	var d draft
	err := tx.Raw(`INSERT INTO responses (snapshot_id, invitation_id, updated_on, contact_ok,
			submitted, submitted_on, team_id, job_role, work_arrangement, tenure_band, level, location)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (invitation_id) DO UPDATE SET updated_on = excluded.updated_on, contact_ok = excluded.contact_ok,
			submitted_on = CASE WHEN responses.submitted THEN responses.submitted_on ELSE excluded.submitted_on END,
			team_id = CASE WHEN responses.submitted THEN responses.team_id ELSE excluded.team_id END,
			job_role = CASE WHEN responses.submitted THEN responses.job_role ELSE excluded.job_role END,
			work_arrangement = CASE WHEN responses.submitted THEN responses.work_arrangement ELSE excluded.work_arrangement END,
			tenure_band = CASE WHEN responses.submitted THEN responses.tenure_band ELSE excluded.tenure_band END,
			level = CASE WHEN responses.submitted THEN responses.level ELSE excluded.level END,
			location = CASE WHEN responses.submitted THEN responses.location ELSE excluded.location END,
			submitted = excluded.submitted
		RETURNING id, submitted`,
		inv.SnapshotID, inv.ID, day(s.now()), sub.contactOK,
		true, seg["submitted_on"], seg["team_id"], seg["job_role"], seg["work_arrangement"], seg["tenure_band"], seg["level"], seg["location"],
	).Scan(&d).Error
	if err == nil && d.ID == 0 {
		err = errors.New("no row returned")
	}
	if err != nil {
		return draft{}, fmt.Errorf("responses: submit: %w", err)
	}
	return d, nil
}

// submit marks the response submitted, stamping the segments the first
// time only.
func (s *Store) submit(tx *gorm.DB, r draft, inv Invitation, sub *submission) error {
	set := map[string]any{"contact_ok": sub.contactOK}
	if !r.Submitted {
		for k, v := range s.segments(sub) {
			set[k] = v
		}
	}
	if err := tx.Model(&Response{}).Where("id = ?", r.ID).Updates(set).Error; err != nil {
		return fmt.Errorf("responses: submit: %w", err)
	}
	return markInvitation(tx, inv)
}

// markInvitation records that the invitation has been answered.
func markInvitation(tx *gorm.DB, inv Invitation) error {
	if inv.Submitted {
		return nil
	}
	if err := tx.Model(&Invitation{}).Where("id = ?", inv.ID).Update("submitted", true).Error; err != nil {
		return fmt.Errorf("responses: submit: %w", err)
	}
	return nil
}
