package results

import (
	"cmp"
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/survey"
)

// Writing results: Materialise and the SQL that counts a closed snapshot's
// answers into the result tables. Reading them back is in dashboard.go,
// org.go and export.go; the decisions on what may be shown in cells.go.

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
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := s.refuseSmallChange(tx, snapshotID); err != nil {
			return err
		}
		if err := clearResults(tx, snapshotID); err != nil {
			return err
		}
		if err := tuneAggregation(tx); err != nil {
			return err
		}
		if err := writeGroups(tx, &run); err != nil {
			return err
		}
		if err := s.decide(ctx, tx, snapshotID); err != nil {
			return err
		}
		if err := aggregate(tx, snapshotID); err != nil {
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

func segmentKeys() []string {
	var out []string
	for _, s := range Segments {
		out = append(out, s.Key)
	}
	return out
}

// segmentColumns returns the segment name and value expressions of a
// materialised row and what to group by; seg is one of Segments' keys or
// "" (never user input).
func segmentColumns(seg string) (name, value, groupBy string) {
	if seg == "" {
		return "''", "''", ""
	}
	return "'" + seg + "'", "r." + seg, ", r." + seg
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

// choiceKinds are the kinds counted per choice into result_options.
var choiceKinds = []survey.Kind{survey.KindSingle, survey.KindMulti, survey.KindFrequency}

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
