package responses

import (
	"context"
	"fmt"

	"gorm.io/gorm"
)

// The functions below reach a response's person for replies to comments
// (internal/threads): to list a person's own comments, to check that
// whoever answers or deletes a comment wrote it, and to tell its author
// a reply came. None of them shows the person to anyone else.

// SubmittedBy lists the IDs of a person's submitted responses.
func (s *Store) SubmittedBy(ctx context.Context, personID int64) ([]int64, error) {
	var ids []int64
	err := s.db.WithContext(ctx).Raw(`SELECT r.id FROM responses r JOIN invitations i ON i.id = r.invitation_id
		WHERE i.person_id = ? AND r.submitted = ?`, personID, true).Scan(&ids).Error
	if err != nil {
		return nil, fmt.Errorf("responses: own responses: %w", err)
	}
	return ids, nil
}

// AuthorOf returns the person who gave the response.
func (s *Store) AuthorOf(ctx context.Context, responseID int64) (int64, error) {
	var ids []int64
	err := s.db.WithContext(ctx).Raw(`SELECT i.person_id FROM responses r JOIN invitations i ON i.id = r.invitation_id
		WHERE r.id = ?`, responseID).Scan(&ids).Error
	if err != nil {
		return 0, fmt.Errorf("responses: author of %d: %w", responseID, err)
	}
	if len(ids) == 0 {
		return 0, ErrNotFound
	}
	return ids[0], nil
}

// DeleteText removes a text answer in tx, when its author deletes the
// comment: recomputing results never brings it back.
func DeleteText(tx *gorm.DB, responseID, questionID int64) error {
	err := tx.Exec("DELETE FROM answers WHERE response_id = ? AND question_id = ? AND text IS NOT NULL", responseID, questionID).Error
	if err != nil {
		return fmt.Errorf("responses: delete text answer: %w", err)
	}
	return nil
}
