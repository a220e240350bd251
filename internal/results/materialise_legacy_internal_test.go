package results

// The SQL that materialised results before they were counted in one pass
// (count.go), kept verbatim from commit f4f986c as the oracle the new
// counting is checked against (TestMaterialiseAsLegacy): its statements
// define what every result table holds. What did not change is shared
// with Materialise: clearResults, writeGroups, commentsSQL, choiceKinds,
// and decide's storing of the decisions.

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/survey"
)

// legacyMaterialise writes a closed snapshot's result tables as
// Materialise did before the one-pass counting (without its run and audit
// rows), in one transaction.
func (s *Store) legacyMaterialise(ctx context.Context, snapshotID int64) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := clearResults(tx, snapshotID); err != nil {
			return err
		}
		if err := tuneAggregation(tx); err != nil {
			return err
		}
		if err := writeGroups(tx, &Run{SnapshotID: snapshotID}); err != nil {
			return err
		}
		if err := s.legacyDecide(ctx, tx, snapshotID); err != nil {
			return err
		}
		return aggregate(tx, snapshotID)
	})
}

// legacyDecide is decide as it was: atomCounts, then the decisions (whose
// sameness to the code before is TestDecideCellsAsBefore's).
func (s *Store) legacyDecide(ctx context.Context, tx *gorm.DB, snapshotID int64) error {
	teams, err := directory.NewStore(tx).Teams(ctx)
	if err != nil {
		return err
	}
	counts, err := atomCounts(ctx, tx, snapshotID)
	if err != nil {
		return fmt.Errorf("results: decide: %w", err)
	}
	return s.decide(tx, snapshotID, teams, tallyOf(counts))
}

// tuneAggregation sets the transaction's memory for the statements that
// follow (PostgreSQL only). The suppression counts and the aggregations
// group a snapshot's answers by some hundred thousand groups: let them
// sort and hash in memory rather than spill to disk (the counts' sort
// spilled 240 MB at the default), and skip JIT compiling for one
// statement each.
func tuneAggregation(tx *gorm.DB) error {
	if tx.Dialector.Name() != "postgres" {
		return nil
	}
	if err := tx.Exec("SET LOCAL work_mem = '256MB'").Error; err != nil {
		return err
	}
	return tx.Exec("SET LOCAL jit = off").Error
}

// aggregate counts the answers into the result tables, with the same SQL
// on both databases.
func aggregate(tx *gorm.DB, snapshotID int64) error {
	postgres := tx.Dialector.Name() == "postgres"
	for _, step := range []struct {
		sql  string
		args []any
	}{
		{ratingsSQL(postgres), []any{snapshotID, true}},
		{itemsSQL(postgres), []any{snapshotID, true}},
		{treeRatingsSQL, []any{snapshotID, snapshotID}},
		{treeItemsSQL, []any{snapshotID, snapshotID}},
		{commentsSQL, []any{true, snapshotID, true}},
		{pairsSQL, []any{survey.KeyOverall, snapshotID, true}},
		{optionsSQL(postgres, true), []any{snapshotID, true, choiceKinds}},
		{optionsSQL(postgres, false), []any{snapshotID, true, choiceKinds}},
		{numbersSQL(postgres), []any{snapshotID, true, survey.KindNumber}},
		{treeOptionsSQL, []any{snapshotID, snapshotID}},
		{treeNumbersSQL, []any{snapshotID, snapshotID}},
	} {
		if err := tx.Exec(step.sql, step.args...).Error; err != nil {
			return err
		}
	}
	return nil
}

// segmentGrouping groups a snapshot's answers in one pass as a whole (the
// empty segment) and per value of each segment, by base (the team and
// question columns) too. PostgreSQL does it with GROUPING SETS, which
// hashes each answer into the four groupings; SQLite has none, so every
// answer is joined to a four-row list of segments and grouped once,
// which reads the answers once but groups four times as many rows.
type segmentGrouping struct {
	join           string // joined after the answers and responses
	segment, value string // the row's segment name and value
	groupBy        string
}

func groupBySegment(postgres bool, base string) segmentGrouping {
	if !postgres {
		selects := []string{"SELECT '' AS segment"}
		value := "CASE s.segment"
		for _, key := range segmentKeys() {
			// Keys are Segments' constants, never user input.
			selects = append(selects, "SELECT '"+key+"'")
			value += " WHEN '" + key + "' THEN r." + key
		}
		value += " ELSE '' END"
		return segmentGrouping{
			join:    "CROSS JOIN (" + strings.Join(selects, " UNION ALL ") + ") s",
			segment: "s.segment", value: value,
			groupBy: base + ", s.segment, " + value,
		}
	}
	segment, value := "CASE", "CASE"
	sets := []string{"(" + base + ")"}
	for _, key := range segmentKeys() {
		segment += " WHEN GROUPING(r." + key + ") = 0 THEN '" + key + "'"
		value += " WHEN GROUPING(r." + key + ") = 0 THEN r." + key
		sets = append(sets, "("+base+", r."+key+")")
	}
	return segmentGrouping{segment: segment + " ELSE '' END", value: value + " ELSE '' END",
		groupBy: "GROUPING SETS (" + strings.Join(sets, ", ") + ")"}
}

func ratingsSQL(postgres bool) string {
	g := groupBySegment(postgres, "r.snapshot_id, COALESCE(r.team_id, 0), a.question_id")
	var counts []string
	for i := 0; i <= 5; i++ {
		counts = append(counts, fmt.Sprintf("SUM(CASE WHEN a.rating = %d THEN 1 ELSE 0 END)", i))
	}
	return fmt.Sprintf(`
		INSERT INTO result_ratings (snapshot_id, team_id, segment, value, question_id, n0, n1, n2, n3, n4, n5)
		SELECT r.snapshot_id, COALESCE(r.team_id, 0), %s, %s, a.question_id, %s
		FROM answers a JOIN responses r ON r.id = a.response_id %s
		WHERE a.snapshot_id = ? AND r.snapshot_id = a.snapshot_id AND r.submitted = ? AND a.rating IS NOT NULL
		GROUP BY %s`,
		g.segment, g.value, strings.Join(counts, ", "), g.join, g.groupBy)
}

func itemsSQL(postgres bool) string {
	g := groupBySegment(postgres, "r.snapshot_id, COALESCE(r.team_id, 0), a.question_id, a.item")
	return fmt.Sprintf(`
		INSERT INTO result_items (snapshot_id, team_id, segment, value, question_id, item, answers, total)
		SELECT r.snapshot_id, COALESCE(r.team_id, 0), %s, %s, a.question_id, a.item, COUNT(*), COALESCE(SUM(a.number), 0)
		FROM answers a JOIN responses r ON r.id = a.response_id %s
		WHERE a.snapshot_id = ? AND r.snapshot_id = a.snapshot_id AND r.submitted = ? AND a.rating IS NULL AND a.text IS NULL
		GROUP BY %s`,
		g.segment, g.value, g.join, g.groupBy)
}

// optionsSQL counts the respondents of each choice of the choiceKinds
// questions (bound as the third argument) or, perChoice false, the
// respondents who answered each such question at all, as the empty choice.
func optionsSQL(postgres, perChoice bool) string {
	// An answer's key is (response, question, item): per choice, every
	// row is another respondent, and only the question as a whole needs
	// DISTINCT (which makes PostgreSQL sort rather than hash).
	base, choice, n := "r.snapshot_id, COALESCE(r.team_id, 0), a.question_id", "''", "COUNT(DISTINCT r.id)"
	if perChoice {
		base, choice, n = base+", a.item", "a.item", "COUNT(*)"
	}
	g := groupBySegment(postgres, base)
	return fmt.Sprintf(`
		INSERT INTO result_options (snapshot_id, team_id, segment, value, question_id, choice, n)
		SELECT r.snapshot_id, COALESCE(r.team_id, 0), %s, %s, a.question_id, %s, %s
		FROM answers a JOIN responses r ON r.id = a.response_id JOIN questions q ON q.id = a.question_id %s
		WHERE a.snapshot_id = ? AND r.snapshot_id = a.snapshot_id AND r.submitted = ? AND q.kind IN ? AND a.item <> ''
		GROUP BY %s`,
		g.segment, g.value, choice, n, g.join, g.groupBy)
}

// numbersSQL counts the respondents of each distinct answer of the number
// questions (the kind bound as the third argument).
func numbersSQL(postgres bool) string {
	g := groupBySegment(postgres, "r.snapshot_id, COALESCE(r.team_id, 0), a.question_id, a.number")
	return fmt.Sprintf(`
		INSERT INTO result_numbers (snapshot_id, team_id, segment, value, question_id, number, n)
		SELECT r.snapshot_id, COALESCE(r.team_id, 0), %s, %s, a.question_id, a.number, COUNT(*)
		FROM answers a JOIN responses r ON r.id = a.response_id JOIN questions q ON q.id = a.question_id %s
		WHERE a.snapshot_id = ? AND r.snapshot_id = a.snapshot_id AND r.submitted = ? AND q.kind = ? AND a.number IS NOT NULL
		GROUP BY %s`,
		g.segment, g.value, g.join, g.groupBy)
}

// pairsSQL counts, across the organisation, each rating question's answer
// against the same respondent's overall satisfaction.
const pairsSQL = `
	INSERT INTO result_pairs (snapshot_id, question_id, rating, overall, n)
	SELECT r.snapshot_id, a.question_id, a.rating, o.rating, COUNT(*)
	FROM answers a
	JOIN responses r ON r.id = a.response_id
	JOIN questions oq ON oq.snapshot_id = r.snapshot_id AND oq.key = ?
	JOIN answers o ON o.response_id = a.response_id AND o.question_id = oq.id
	WHERE a.snapshot_id = ? AND r.snapshot_id = a.snapshot_id AND r.submitted = ? AND a.question_id <> oq.id
		AND a.rating BETWEEN 1 AND 5 AND o.rating BETWEEN 1 AND 5
	GROUP BY r.snapshot_id, a.question_id, a.rating, o.rating`

// upTree lists every (team, ancestor-or-self) pair of the directory.
const upTree = `WITH RECURSIVE up (team_id, ancestor_id) AS (
	SELECT id, id FROM teams
	UNION ALL
	SELECT up.team_id, t.parent_id FROM up JOIN teams t ON t.id = up.ancestor_id WHERE t.parent_id IS NOT NULL
)`

// treeSQL sums a direct table into its subtree table for one snapshot
// (bound twice): keys are the columns that identify a row besides the
// team (segment and value first), sums the counted columns. Rows are
// written in the order of the table's primary key, so that what one
// dashboard reads sits together on disk.
func treeSQL(direct, tree string, keys, sums []string) string {
	var summed []string
	for _, c := range sums {
		summed = append(summed, "SUM(r."+c+")")
	}
	k := "r." + strings.Join(keys, ", r.")
	return fmt.Sprintf(`%s
		INSERT INTO %s (snapshot_id, team_id, %s, %s)
		SELECT r.snapshot_id, up.ancestor_id, %s, %s
		FROM %s r JOIN up ON up.team_id = r.team_id
		WHERE r.snapshot_id = ? AND (r.segment = '' OR up.ancestor_id IN (SELECT parent_id FROM teams))
		GROUP BY r.snapshot_id, up.ancestor_id, %s
		UNION ALL
		SELECT r.snapshot_id, %d, %s, %s FROM %s r WHERE r.snapshot_id = ? GROUP BY r.snapshot_id, %s
		ORDER BY 3, 4, 2, 5`,
		upTree, tree, strings.Join(keys, ", "), strings.Join(sums, ", "),
		k, strings.Join(summed, ", "), direct, k,
		Org, k, strings.Join(summed, ", "), direct, k)
}

var (
	treeRatingsSQL = treeSQL("result_ratings", "result_tree_ratings",
		[]string{"segment", "value", "question_id"}, []string{"n0", "n1", "n2", "n3", "n4", "n5"})
	treeItemsSQL = treeSQL("result_items", "result_tree_items",
		[]string{"segment", "value", "question_id", "item"}, []string{"answers", "total"})
	treeOptionsSQL = treeSQL("result_options", "result_tree_options",
		[]string{"segment", "value", "question_id", "choice"}, []string{"n"})
	treeNumbersSQL = treeSQL("result_numbers", "result_tree_numbers",
		[]string{"segment", "value", "question_id", "number"}, []string{"n"})
)

// atomCountsSQL counts, by atom, the respondents (question 0) and the
// respondents who answered each question (not applicable, skips and
// comments aside: comments are shown with their group). An answer's key
// is (response, question, item), so a question none of whose answers has
// an item has one row per respondent and is counted without DISTINCT
// (which sorted some three million rows); only the few questions with
// items (multi-choice picks, allocations) need COUNT(DISTINCT).
const atomCountsSQL = `
	WITH itemised AS (SELECT DISTINCT a.question_id FROM answers a WHERE a.snapshot_id = ? AND a.item <> '')
	SELECT COALESCE(r.team_id, 0) AS team_id, r.job_role, r.work_arrangement, r.tenure_band, 0 AS question_id, COUNT(*) AS n
	FROM responses r WHERE r.snapshot_id = ? AND r.submitted = ?
	GROUP BY COALESCE(r.team_id, 0), r.job_role, r.work_arrangement, r.tenure_band
	UNION ALL
	SELECT COALESCE(r.team_id, 0), r.job_role, r.work_arrangement, r.tenure_band, a.question_id, COUNT(*)
	FROM answers a JOIN responses r ON r.id = a.response_id
	WHERE a.snapshot_id = ? AND r.snapshot_id = a.snapshot_id AND r.submitted = ? AND a.text IS NULL AND (a.rating IS NULL OR a.rating > 0)
		AND a.question_id NOT IN (SELECT question_id FROM itemised)
	GROUP BY COALESCE(r.team_id, 0), r.job_role, r.work_arrangement, r.tenure_band, a.question_id
	UNION ALL
	SELECT COALESCE(r.team_id, 0), r.job_role, r.work_arrangement, r.tenure_band, a.question_id, COUNT(DISTINCT r.id)
	FROM answers a JOIN responses r ON r.id = a.response_id
	WHERE a.snapshot_id = ? AND r.snapshot_id = a.snapshot_id AND r.submitted = ? AND a.text IS NULL AND (a.rating IS NULL OR a.rating > 0)
		AND a.question_id IN (SELECT question_id FROM itemised)
	GROUP BY COALESCE(r.team_id, 0), r.job_role, r.work_arrangement, r.tenure_band, a.question_id`

// atomCounts reads atomCountsSQL by hand into counts by question and atom:
// at 100,000 respondents it is about a million rows, which gorm's
// reflection turned into some 16 allocations each; here a segment value
// is one string however many rows repeat it.
func atomCounts(ctx context.Context, tx *gorm.DB, snapshotID int64) (map[int64]map[atomKey]int, error) {
	rows, err := tx.WithContext(ctx).Raw(atomCountsSQL, snapshotID, snapshotID, true, snapshotID, true, snapshotID, true).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	values := map[string]string{}
	intern := func(b sql.RawBytes) string {
		if v, ok := values[string(b)]; ok { // no allocation for the lookup
			return v
		}
		v := string(b)
		values[v] = v
		return v
	}
	counts := map[int64]map[atomKey]int{}
	var (
		team, qid, n              integer
		role, arrangement, tenure sql.RawBytes
	)
	for rows.Next() {
		if err := rows.Scan(&team, &role, &arrangement, &tenure, &qid, &n); err != nil {
			return nil, err
		}
		byAtom := counts[int64(qid)]
		if byAtom == nil {
			byAtom = map[atomKey]int{}
			counts[int64(qid)] = byAtom
		}
		byAtom[atomKey{int64(team), intern(role), intern(arrangement), intern(tenure)}] = int(n)
	}
	return counts, rows.Err()
}

// LegacyMaterialise exports legacyMaterialise to TestMaterialiseAsLegacy,
// which builds its snapshots with resultstest (an import cycle from this
// package).
func LegacyMaterialise(ctx context.Context, s *Store, snapshotID int64) error {
	return s.legacyMaterialise(ctx, snapshotID)
}

// CompareAtomCounts compares the suppression counts of a snapshot's
// answers counted in one pass (read as Materialise reads them) with
// atomCounts': the stored decisions could agree by chance where the
// counts do not.
func CompareAtomCounts(ctx context.Context, s *Store, snapshotID int64) error {
	return transaction(ctx, s.db, func(tx *gorm.DB, pg pgRaw) error {
		t, err := countAnswers(ctx, tx, pg, snapshotID)
		if err != nil {
			return err
		}
		counts, err := atomCounts(ctx, tx, snapshotID)
		if err != nil {
			return err
		}
		got, want := fmt.Sprintf("%+v", t.atomTally()), fmt.Sprintf("%+v", tallyOf(counts))
		if got != want {
			return fmt.Errorf("atom counts differ:\n got %s\nwant %s", got, want)
		}
		return nil
	})
}
