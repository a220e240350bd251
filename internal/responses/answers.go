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
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		r, err := s.touch(tx, inv)
		if err != nil {
			return err
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
			rows = append(rows, toRows(r.ID, q, a)...)
		}
		if len(ids) > 0 {
			if err := tx.Where("response_id = ? AND question_id IN ?", r.ID, ids).Delete(&AnswerRow{}).Error; err != nil {
				return fmt.Errorf("responses: save answers: %w", err)
			}
		}
		if len(rows) > 0 {
			if err := tx.CreateInBatches(&rows, 200).Error; err != nil {
				return fmt.Errorf("responses: save answers: %w", err)
			}
		}
		if sub == nil || len(res.Invalid) > 0 {
			return nil
		}
		if err := missing(tx, r.ID, o, sub.person, sent, res.Missing); err != nil || len(res.Missing) > 0 {
			return err
		}
		return s.submit(tx, r, inv, sub)
	})
	if err != nil {
		return Result{}, err
	}
	return res, nil
}

// missing adds every required question asked of the person that has no
// answer: not one sent now, nor (for questions not sent now) a stored one.
func missing(tx *gorm.DB, responseID int64, o survey.Outline, person directory.Person, sent map[int64]bool, out survey.FieldErrors) error {
	var unknown []survey.Question // required, not sent now: look for stored answers
	var ids []int64
	for _, q := range o.Questions {
		if !q.Required || !q.AskedOf(person.JobRole) {
			continue
		}
		answered, ok := sent[q.ID]
		switch {
		case !ok:
			unknown, ids = append(unknown, q), append(ids, q.ID)
		case !answered:
			out[survey.FieldName(q)] = "This question needs an answer."
		}
	}
	if len(unknown) == 0 {
		return nil
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
	for _, q := range unknown {
		if !have[q.ID] {
			out[survey.FieldName(q)] = "This question needs an answer."
		}
	}
	return nil
}

// submit marks the response submitted. The segments are stamped the first
// time only; a later submit (an edit before close) keeps them.
func (s *Store) submit(tx *gorm.DB, r draft, inv Invitation, sub *submission) error {
	now, person := s.now(), sub.person
	set := map[string]any{"contact_ok": sub.contactOK}
	if !r.Submitted {
		set["submitted"], set["submitted_on"] = true, day(now)
		set["team_id"], set["job_role"], set["work_arrangement"] = person.TeamID, person.JobRole, person.WorkArrangement
		set["tenure_band"], set["level"], set["location"] = directory.TenureBand(person.StartDate, now), person.Level, person.Location
	}
	if err := tx.Model(&Response{}).Where("id = ?", r.ID).Updates(set).Error; err != nil {
		return fmt.Errorf("responses: submit: %w", err)
	}
	if inv.Submitted {
		return nil
	}
	if err := tx.Model(&Invitation{}).Where("id = ?", inv.ID).Update("submitted", true).Error; err != nil {
		return fmt.Errorf("responses: submit: %w", err)
	}
	return nil
}
