package results

import (
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"math"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/survey"
)

// Reading a closed snapshot's questions, submitted responses and answers
// for count.go: the answers stream through pgx in binary on PostgreSQL
// (pgRaw.answers), through database/sql elsewhere (sqlAnswers).

// responsesSQL reads the snapshot's submitted responses: the respondents.
var responsesSQL = `SELECT id, COALESCE(team_id, 0), ` + strings.Join(segmentKeys(), ", ") + `
	FROM responses WHERE snapshot_id = ? AND submitted = ?`

// answersSQL reads every answer of the snapshot once, without its text
// (commentsSQL copies the comments): only whether it has one. Answers of
// responses that were not submitted are read too and skipped, which costs
// less than joining the responses to leave them out.
const answersSQL = `SELECT response_id, question_id, item, rating, number, CASE WHEN text IS NULL THEN 0 ELSE 1 END
	FROM answers WHERE snapshot_id = ?`

// answer is one row of answersSQL.
type answer struct {
	response, question int64
	item               []byte // valid until the next row
	rating             int64
	hasRating          bool
	number             float64
	hasNumber          bool
	text               bool // the answer has a text (maybe empty)
}

// answerStream reads answersSQL for a snapshot, calling each for every row.
type answerStream func(ctx context.Context, snapshotID int64, each func(*answer)) error

// readQuestions adds the questions where holds to the tally.
func (t *tally) readQuestions(ctx context.Context, tx *gorm.DB, where string, args ...any) error {
	var qs []struct {
		ID, SnapshotID int64
		Kind           survey.Kind
		Key            string
	}
	if err := tx.WithContext(ctx).Table("questions").Select("id, snapshot_id, kind, key").
		Where(where, args...).Order("id").Scan(&qs).Error; err != nil {
		return fmt.Errorf("results: questions: %w", err)
	}
	for _, q := range qs {
		t.addQuestion(q.ID, q.Kind, q.SnapshotID == t.snapshotID && q.Key == survey.KeyOverall)
	}
	return nil
}

// readResponses reads the submitted responses: their atoms and groups.
func (t *tally) readResponses(ctx context.Context, tx *gorm.DB) error {
	rows, err := tx.WithContext(ctx).Raw(responsesSQL, t.snapshotID, true).Rows()
	if err != nil {
		return fmt.Errorf("results: responses: %w", err)
	}
	defer rows.Close()
	var id, team integer
	raw := make([]sql.RawBytes, len(Segments))
	dest := []any{&id, &team}
	for i := range raw {
		dest = append(dest, &raw[i])
	}
	var ids []int64
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("results: responses: %w", err)
		}
		atom := [4]int64{int64(team)}
		t.respGroups = append(t.respGroups, t.group(directGroup{team: int64(team)}))
		for s, b := range raw {
			v, ok := t.valueIndex[s][string(b)]
			if !ok {
				v = int32(len(t.values[s]))
				t.values[s] = append(t.values[s], string(b))
				t.valueIndex[s][t.values[s][v]] = v
			}
			atom[1+s] = int64(v)
			t.respGroups = append(t.respGroups, t.group(directGroup{team: int64(team), set: int32(1 + s), value: v}))
		}
		a, ok := t.atomOf[atom]
		if !ok {
			a = int32(len(t.atoms))
			t.atomOf[atom] = a
			key := atomKey{team: int64(team)}
			for s, seg := range Segments {
				key.set(seg.Key, t.values[s][atom[1+s]])
			}
			t.atoms = append(t.atoms, key)
			t.people = append(t.people, 0)
		}
		t.people[a]++
		t.respAtom = append(t.respAtom, a)
		ids = append(ids, int64(id))
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("results: responses: %w", err)
	}
	t.respIndex = newIDIndex(ids)
	return nil
}

// sqlAnswers reads answersSQL through database/sql: SQLite's way.
func sqlAnswers(tx *gorm.DB) answerStream {
	return func(ctx context.Context, snapshotID int64, each func(*answer)) error {
		rows, err := tx.WithContext(ctx).Raw(answersSQL, snapshotID).Rows()
		if err != nil {
			return err
		}
		defer rows.Close()
		var (
			a             answer
			response, qid integer
			text          integer
			rating        sql.NullInt64
			number        sql.NullFloat64
			item          sql.RawBytes
		)
		for rows.Next() {
			if err := rows.Scan(&response, &qid, &item, &rating, &number, &text); err != nil {
				return err
			}
			a.response, a.question, a.item = int64(response), int64(qid), item
			a.rating, a.hasRating = rating.Int64, rating.Valid
			a.number, a.hasNumber = number.Float64, number.Valid
			a.text = text != 0
			each(&a)
		}
		return rows.Err()
	}
}

// answers streams answersSQL with pgx, in binary: database/sql would
// convert and allocate every value of some three million rows.
func (pg pgRaw) answers(ctx context.Context, snapshotID int64, each func(*answer)) error {
	return pg(func(c *pgx.Conn) error {
		rows, err := c.Query(ctx, strings.Replace(answersSQL, "?", "$1", 1), pgx.QueryResultFormats{pgx.BinaryFormatCode}, snapshotID)
		if err != nil {
			return err
		}
		defer rows.Close()
		want := []uint32{pgtype.Int8OID, pgtype.Int8OID, pgtype.TextOID, pgtype.Int4OID, pgtype.Float8OID, pgtype.Int4OID}
		fields := rows.FieldDescriptions()
		for i, f := range fields {
			if i >= len(want) || f.DataTypeOID != want[i] || f.Format != pgx.BinaryFormatCode {
				return fmt.Errorf("answers: column %s is of type %d in format %d", f.Name, f.DataTypeOID, f.Format)
			}
		}
		if len(fields) != len(want) {
			return fmt.Errorf("answers: %d columns", len(fields))
		}
		be := binary.BigEndian
		var a answer
		for rows.Next() {
			v := rows.RawValues()
			if len(v[0]) != 8 || len(v[1]) != 8 || len(v[5]) != 4 {
				return fmt.Errorf("answers: a key is NULL")
			}
			a.response, a.question, a.item = int64(be.Uint64(v[0])), int64(be.Uint64(v[1])), v[2]
			a.hasRating, a.hasNumber = v[3] != nil, v[4] != nil
			a.rating, a.number = 0, 0
			if a.hasRating {
				a.rating = int64(int32(be.Uint32(v[3])))
			}
			if a.hasNumber {
				a.number = math.Float64frombits(be.Uint64(v[4]))
			}
			a.text = be.Uint32(v[5]) != 0
			each(&a)
		}
		return rows.Err()
	})
}
