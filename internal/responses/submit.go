package responses

import (
	"errors"
	"fmt"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/survey"
)

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
		RETURNING id, submitted, `+createdSQL(tx)+` AS created`,
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
