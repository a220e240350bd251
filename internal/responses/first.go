package responses

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
)

// firstSubmitSQL is a complete first submission in one PostgreSQL
// statement, its own transaction: no BEGIN and COMMIT round trips. It
// marks the invitation, creates the response submitted with its segments
// (as touchSubmitted would) and inserts its answers, given as arrays.
//
// It changes nothing when the invitation already has a response (a
// retry, an edit, a second tab): the caller then takes the transaction,
// whose rules for an existing response stay in one place. A response
// created meanwhile by another transaction fails the insert on its unique
// invitation_id, which undoes the whole statement.
//
// The invitation is updated (and locked) by the statement before the
// response's foreign key check share-locks it, as in the transaction:
// foreign keys are checked by triggers fired at the end of the statement,
// after every part of it has run, so no multixact.
const firstSubmitSQL = `WITH inv AS (
		UPDATE invitations SET submitted = true
		WHERE id = ? AND NOT EXISTS (SELECT 1 FROM responses WHERE invitation_id = ?)
		RETURNING id
	), r AS (
		INSERT INTO responses (snapshot_id, invitation_id, updated_on, contact_ok,
			submitted, submitted_on, team_id, job_role, work_arrangement, tenure_band, level, location)
		SELECT ?, inv.id, ?, ?, true, ?, ?, ?, ?, ?, ?, ? FROM inv
		RETURNING id
	), a AS (
		INSERT INTO answers (response_id, question_id, item, snapshot_id, rating, number, text)
		SELECT r.id, x.question_id, x.item, x.snapshot_id, x.rating, x.number, x.text
		FROM r, unnest(?::bigint[], ?::text[], ?::bigint[], ?::integer[], ?::double precision[], ?::text[])
			AS x (question_id, item, snapshot_id, rating, number, text)
	)
	SELECT id FROM r`

// submitFirst tries a complete first submission in one statement
// (PostgreSQL only) and says whether it was stored; when not, nothing was
// changed and the transaction must do it.
func (s *Store) submitFirst(ctx context.Context, inv Invitation, sub *submission, rows []AnswerRow) (bool, error) {
	n := len(rows)
	qs, items, snaps := make([]int64, n), make([]string, n), make([]int64, n)
	ratings, numbers, texts := make([]*int, n), make([]*float64, n), make([]*string, n)
	for i, r := range rows {
		qs[i], items[i], snaps[i] = r.QuestionID, r.Item, r.SnapshotID
		ratings[i], numbers[i], texts[i] = r.Rating, r.Number, r.Text
	}
	seg := s.segments(sub)
	var ids []int64
	err := s.db.WithContext(ctx).Raw(firstSubmitSQL, inv.ID, inv.ID,
		inv.SnapshotID, day(s.now()), sub.contactOK,
		seg["submitted_on"], seg["team_id"], seg["job_role"], seg["work_arrangement"], seg["tenure_band"], seg["level"], seg["location"],
		array(qs), array(items), array(snaps), array(ratings), array(numbers), array(texts),
	).Scan(&ids).Error
	// Scan reports the error as pgx gives it (gorm translates errors of
	// its own statements only).
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23505" { // unique_violation
		return false, nil // another request created the response meanwhile
	}
	if err != nil {
		return false, fmt.Errorf("responses: submit: %w", err)
	}
	return len(ids) == 1, nil
}

// array passes a slice as one PostgreSQL array parameter: gorm would
// spread a bare slice into a list of parameters. A nil element is NULL.
func array[T any](xs []T) pgtype.Array[T] {
	a := pgtype.Array[T]{Elements: xs, Valid: true}
	if len(xs) > 0 { // an empty array has no dimension
		a.Dims = []pgtype.ArrayDimension{{Length: int32(len(xs)), LowerBound: 1}}
	}
	return a
}
