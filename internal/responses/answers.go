package responses

import (
	"context"
	"errors"
	"fmt"
	"net/url"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

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

// response returns the invitation's response, creating an empty draft the
// first time. Two tabs creating it at once still get one row.
func (s *Store) response(tx *gorm.DB, inv Invitation) (Response, error) {
	r := Response{SnapshotID: inv.SnapshotID, InvitationID: inv.ID, UpdatedOn: day(s.now())}
	if err := tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "invitation_id"}}, DoNothing: true}).Create(&r).Error; err != nil {
		return Response{}, fmt.Errorf("responses: draft: %w", err)
	}
	if err := tx.Where("invitation_id = ?", inv.ID).First(&r).Error; err != nil {
		return Response{}, fmt.Errorf("responses: draft: %w", err)
	}
	return r, nil
}

// Answers returns what an invitation has answered so far, by question, and
// whether it has been submitted.
func (s *Store) Answers(ctx context.Context, inv Invitation, o survey.Outline) (map[int64]survey.Answer, Response, error) {
	var r Response
	err := s.db.WithContext(ctx).Where("invitation_id = ?", inv.ID).First(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return map[int64]survey.Answer{}, Response{}, nil
	}
	if err != nil {
		return nil, Response{}, fmt.Errorf("responses: answers: %w", err)
	}
	var rows []AnswerRow
	if err := s.db.WithContext(ctx).Where("response_id = ?", r.ID).Find(&rows).Error; err != nil {
		return nil, Response{}, fmt.Errorf("responses: answers: %w", err)
	}
	return fromRows(rows, o.Questions), r, nil
}

// Save stores the answers given in form to the listed questions, as a
// draft. Valid answers are kept even when others are not; the messages for
// the others come back by form field.
func (s *Store) Save(ctx context.Context, inv Invitation, o survey.Outline, questions []survey.Question, form url.Values) (survey.FieldErrors, error) {
	if err := s.checkOpen(o.Snapshot); err != nil {
		return nil, err
	}
	drivers := survey.DriverKeys(o.Questions)
	errs := survey.FieldErrors{}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		r, err := s.response(tx, inv)
		if err != nil {
			return err
		}
		// Replace the answers of every validly answered question in two
		// statements: one delete, one batched insert.
		var ids []int64
		var rows []AnswerRow
		for _, q := range questions {
			a, msg := q.ParseAnswer(form, drivers)
			if msg != "" {
				errs[survey.FieldName(q)] = msg
				continue
			}
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
		return tx.Model(&r).Update("updated_on", day(s.now())).Error
	})
	if err != nil {
		return nil, err
	}
	return errs, nil
}

// Submit turns a draft into a submitted response, stamping the person's
// segments as they are today. Submitting again (a double click, a retry,
// a second tab, an edit before close) keeps one response and its original
// segments. Required questions without an answer come back by form field.
func (s *Store) Submit(ctx context.Context, inv Invitation, o survey.Outline, person directory.Person, contactOK bool) (survey.FieldErrors, error) {
	if err := s.checkOpen(o.Snapshot); err != nil {
		return nil, err
	}
	answers, _, err := s.Answers(ctx, inv, o)
	if err != nil {
		return nil, err
	}
	errs := survey.FieldErrors{}
	for _, q := range o.Questions {
		if q.Required && q.AskedOf(person.JobRole) && answers[q.ID].Empty() {
			errs[survey.FieldName(q)] = "This question needs an answer."
		}
	}
	if len(errs) > 0 {
		return errs, nil
	}
	now := s.now()
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		r, err := s.response(tx, inv)
		if err != nil {
			return err
		}
		set := map[string]any{"contact_ok": contactOK, "updated_on": day(now)}
		if !r.Submitted {
			set["submitted"], set["submitted_on"] = true, day(now)
			set["team_id"], set["job_role"], set["work_arrangement"] = person.TeamID, person.JobRole, person.WorkArrangement
			set["tenure_band"], set["level"], set["location"] = directory.TenureBand(person.StartDate, now), person.Level, person.Location
		}
		if err := tx.Model(&Response{}).Where("id = ?", r.ID).Updates(set).Error; err != nil {
			return fmt.Errorf("responses: submit: %w", err)
		}
		return tx.Model(&Invitation{}).Where("id = ?", inv.ID).Update("submitted", true).Error
	})
	return nil, err
}
