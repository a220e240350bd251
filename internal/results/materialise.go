package results

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/survey"
)

// Writing results: Materialise, which counts a closed snapshot's answers
// in one pass (count.go) and writes the result tables (write.go).
// Reading them back is in dashboard.go, org.go and export.go; the
// decisions on what may be shown in cells.go.

// Materialise replaces a closed snapshot's results with ones computed from
// its submitted responses now. It is safe to run again (admins recompute;
// a retried job does the same): it works in one transaction.
func (s *Store) Materialise(ctx context.Context, snapshotID int64, actor string) (Run, error) {
	snap, err := s.surveys.Snapshot(ctx, snapshotID)
	if err != nil {
		return Run{}, err
	}
	switch snap.State {
	case survey.Published:
		if _, done, err := s.Materialised(ctx, snapshotID); err != nil || done {
			return Run{}, cmp.Or(err, ErrPublished)
		}
	case survey.Closed:
	default:
		return Run{}, ErrNotClosed
	}
	run := Run{SnapshotID: snapshotID, MaterialisedAt: s.now()}
	err = transaction(ctx, s.db, func(tx *gorm.DB, pg pgRaw) error {
		if err := s.refuseSmallChange(tx, snapshotID); err != nil {
			return err
		}
		if err := clearResults(tx, snapshotID); err != nil {
			return err
		}
		if err := skipJIT(tx); err != nil {
			return err
		}
		if err := writeGroups(tx, &run); err != nil {
			return err
		}
		teams, err := directory.NewStore(tx).Teams(ctx)
		if err != nil {
			return err
		}
		counts, err := countAnswers(ctx, tx, pg, snapshotID)
		if err != nil {
			return err
		}
		if err := s.decide(tx, snapshotID, teams, counts.atomTally()); err != nil {
			return fmt.Errorf("results: decide: %w", err)
		}
		if err := writeTables(ctx, tx, pg, counts.resultTables(teams)); err != nil {
			return err
		}
		if err := tx.Exec(commentsSQL, true, snapshotID, true).Error; err != nil {
			return err
		}
		if err := tx.Create(&run).Error; err != nil {
			return err
		}
		return s.audit.Record(ctx, tx, actor, "results.materialise", fmt.Sprintf("snapshot %d", snapshotID),
			fmt.Sprintf("%d responses of %d invited", run.Responses, run.Invited))
	})
	if err != nil {
		return Run{}, fmt.Errorf("results: materialise snapshot %d: %w", snapshotID, err)
	}
	return run, nil
}

// pgRaw runs a function on the PostgreSQL connection a transaction is on,
// for what database/sql cannot do: COPY, and reading rows in binary.
type pgRaw func(func(*pgx.Conn) error) error

// transaction runs fn in a transaction of db. On PostgreSQL it holds the
// connection the transaction runs on and passes fn a way to it (nil when
// db is not a pool of pgx connections, as when it is in a transaction
// already).
func transaction(ctx context.Context, db *gorm.DB, fn func(tx *gorm.DB, pg pgRaw) error) error {
	db = db.WithContext(ctx)
	if _, ok := db.Statement.ConnPool.(*sql.DB); !ok || db.Dialector.Name() != "postgres" {
		return db.Transaction(func(tx *gorm.DB) error { return fn(tx, nil) })
	}
	return db.Connection(func(c *gorm.DB) error {
		conn, ok := c.Statement.ConnPool.(*sql.Conn)
		if !ok {
			return fmt.Errorf("results: connection is a %T", c.Statement.ConnPool)
		}
		pg := pgRaw(func(f func(*pgx.Conn) error) error {
			return conn.Raw(func(dc any) error {
				pc, ok := dc.(*stdlib.Conn)
				if !ok {
					return fmt.Errorf("results: driver connection is a %T", dc)
				}
				return f(pc.Conn())
			})
		})
		if pg(func(*pgx.Conn) error { return nil }) != nil {
			pg = nil // another driver than pgx's: database/sql alone
		}
		return c.Transaction(func(tx *gorm.DB) error { return fn(tx, pg) })
	})
}

// clearResults deletes a snapshot's result rows, to write them anew.
func clearResults(tx *gorm.DB, snapshotID int64) error {
	for _, table := range []string{"result_options", "result_tree_options", "result_numbers", "result_tree_numbers",
		"result_cells", "result_pairs", "result_comments", "result_tree_items",
		"result_tree_ratings", "result_items", "result_ratings", "result_groups", "result_snapshots"} {
		if err := tx.Exec("DELETE FROM "+table+" WHERE snapshot_id = ?", snapshotID).Error; err != nil {
			return err
		}
	}
	return nil
}

// writeGroups stores the group sizes and counts them into run.
func writeGroups(tx *gorm.DB, run *Run) error {
	groups, err := groupSizes(tx, run.SnapshotID)
	if err != nil {
		return err
	}
	for _, g := range groups {
		run.Invited += g.Invited
		if g.Segment == "" {
			run.Responses += g.Responses
		}
	}
	if len(groups) == 0 {
		return nil
	}
	return tx.CreateInBatches(groups, 500).Error
}

// skipJIT turns PostgreSQL's JIT compiling off for the transaction: the
// answers' scan and the comments' statement are estimated dear enough
// to be compiled, which takes longer than running them.
func skipJIT(tx *gorm.DB) error {
	if tx.Dialector.Name() != "postgres" {
		return nil
	}
	return tx.Exec("SET LOCAL jit = off").Error
}

func segmentKeys() []string {
	var out []string
	for _, s := range Segments {
		out = append(out, s.Key)
	}
	return out
}

// segmentColumns returns the segment name and value expressions of a
// group's row and what to group by; seg is one of Segments' keys or ""
// (never user input).
func segmentColumns(seg string) (name, value, groupBy string) {
	if seg == "" {
		return "''", "''", ""
	}
	return "'" + seg + "'", "r." + seg, ", r." + seg
}

// commentsSQL copies free text ordered by its words, so the order says
// nothing about who answered when. The person is joined only for those
// who agreed to be contacted. The response is kept for replies only
// (internal/threads); nothing shows it.
const commentsSQL = `
	INSERT INTO result_comments (snapshot_id, team_id, question_id, driver_key, body, author_name, author_email, job_role, work_arrangement, tenure_band, response_id)
	SELECT r.snapshot_id, COALESCE(r.team_id, 0), a.question_id, COALESCE(d.key, ''), a.text,
		COALESCE(p.name, ''), COALESCE(p.email, ''), r.job_role, r.work_arrangement, r.tenure_band, r.id
	FROM answers a
	JOIN responses r ON r.id = a.response_id
	JOIN questions q ON q.id = a.question_id
	LEFT JOIN drivers d ON d.id = q.driver_id
	LEFT JOIN invitations i ON i.id = r.invitation_id AND r.contact_ok = ?
	LEFT JOIN people p ON p.id = i.person_id
	WHERE a.snapshot_id = ? AND r.snapshot_id = a.snapshot_id AND r.submitted = ? AND a.text IS NOT NULL AND a.text <> ''
	ORDER BY a.text`

// Pair counts respondents who rated a question Rating and overall
// satisfaction Overall.
type Pair struct {
	SnapshotID int64 `gorm:"primaryKey;autoIncrement:false"`
	QuestionID int64 `gorm:"primaryKey;autoIncrement:false"`
	Rating     int   `gorm:"primaryKey;autoIncrement:false"`
	Overall    int   `gorm:"primaryKey;autoIncrement:false"`
	N          int   `gorm:"column:n"`
}

// TableName names the table.
func (Pair) TableName() string { return "result_pairs" }

// groupSizes counts invitations per team and submitted responses per team
// and segment value.
func groupSizes(tx *gorm.DB, snapshotID int64) ([]Group, error) {
	var invited []struct {
		TeamID int64
		N      int
	}
	if err := tx.Raw(`SELECT COALESCE(team_id, 0) AS team_id, COUNT(*) AS n FROM invitations
		WHERE snapshot_id = ? GROUP BY COALESCE(team_id, 0)`, snapshotID).Scan(&invited).Error; err != nil {
		return nil, err
	}
	var out []Group
	for _, seg := range append([]string{""}, segmentKeys()...) {
		name, value, groupBy := segmentColumns(seg)
		var rows []Group
		err := tx.Raw(fmt.Sprintf(`SELECT COALESCE(r.team_id, 0) AS team_id, %s AS segment, %s AS value, COUNT(*) AS responses
			FROM responses r WHERE r.snapshot_id = ? AND r.submitted = ?
			GROUP BY COALESCE(r.team_id, 0)%s`, name, value, groupBy), snapshotID, true).Scan(&rows).Error
		if err != nil {
			return nil, err
		}
		for _, g := range rows {
			g.SnapshotID = snapshotID
			out = append(out, g)
		}
	}
	whole := map[int64]int{} // team -> index of its segment "" row
	for i, g := range out {
		if g.Segment == "" {
			whole[g.TeamID] = i
		}
	}
	for _, inv := range invited {
		if i, ok := whole[inv.TeamID]; ok {
			out[i].Invited = inv.N
			continue
		}
		out = append(out, Group{SnapshotID: snapshotID, TeamID: inv.TeamID, Invited: inv.N})
	}
	return out, nil
}

// refuseSmallChange compares a snapshot's stored group sizes with what
// materialising again would count, and refuses a change of 1 to k-1
// responses in any group.
func (s *Store) refuseSmallChange(tx *gorm.DB, snapshotID int64) error {
	var before []Group
	if err := tx.Where("snapshot_id = ?", snapshotID).Find(&before).Error; err != nil || len(before) == 0 {
		return err
	}
	after, err := groupSizes(tx, snapshotID)
	if err != nil {
		return err
	}
	type key struct {
		team           int64
		segment, value string
	}
	change := map[key]int{}
	for _, g := range before {
		change[key{g.TeamID, g.Segment, g.Value}] -= g.Responses
	}
	for _, g := range after {
		change[key{g.TeamID, g.Segment, g.Value}] += g.Responses
	}
	for _, d := range change {
		if d < 0 {
			d = -d
		}
		if d > 0 && d < s.K() {
			return &SmallChangeError{Change: d, K: s.K()}
		}
	}
	return nil
}
