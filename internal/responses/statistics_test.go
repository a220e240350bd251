package responses_test

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/database"
	"github.com/devpulse/devpulse/internal/responses"
	"github.com/devpulse/devpulse/internal/testdb"
)

// submitLookups are what a respondent's requests read by key, with
// PostgreSQL parameters: the personal link, the response and its answers,
// the signed-in invitation, the answers' foreign key check (as PostgreSQL
// runs it for every answer row), the answers a save replaces, the
// invitation a submit marks and a complete first submission's statement.
var submitLookups = map[string]string{
	"first submit": numbered(responses.FirstSubmitSQL),
	"link":         strings.ReplaceAll(responses.LinkSQL, "?", "$1"),
	"answers":      strings.ReplaceAll(responses.AnswersSQL, "?", "$1"),
	"invitation":   `SELECT * FROM invitations WHERE snapshot_id = $1 AND person_id = $2`,
	"answer key":   `SELECT 1 FROM ONLY responses x WHERE id = $1 FOR KEY SHARE OF x`,
	"replace":      `DELETE FROM answers WHERE response_id = $1 AND question_id IN ($2, $3)`,
	"mark invite":  `UPDATE invitations SET submitted = true WHERE id = $1`,
}

// numbered turns gorm's ? placeholders into PostgreSQL's $1, $2 ...
func numbered(sql string) string {
	var b strings.Builder
	n := 0
	for _, r := range sql {
		if r == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// TestSubmitLookupsStayOnIndexes takes statistics while the submit path's
// tables are empty (a fresh install, a seed) and opens a snapshot for
// 5,000 people. A pooled connection prepares each lookup then and keeps
// its generic plan, which for the still empty responses and answers is a
// scan. After the first 2,000 submissions, AnalyseOutgrown (which the
// server runs every two seconds) must have analysed the tables that
// filled, so that the kept plans are made again, on their indexes.
func TestSubmitLookupsStayOnIndexes(t *testing.T) {
	db := testdb.Postgres(t)
	ctx := context.Background()
	w := newWorld(t, db)
	exec(t, db, `INSERT INTO people (email, name, team_id, job_role, active, created_at, updated_at)
		SELECT 'many' || g || '@example.com', 'Many', ?, 'backend', true, now(), now() FROM generate_series(1, 5000) g`, w.teams["Sales"].ID)
	exec(t, db, "ANALYZE")
	o := w.openSnapshot(t)
	if _, err := w.store.Invite(ctx, o.Snapshot.ID); err != nil {
		t.Fatal(err)
	}
	exec(t, db, `INSERT INTO invitation_tokens (token_hash, invitation_id, created_at) SELECT md5(id::text), id, now() FROM invitations`)
	pooled := prepareLookups(t, db)
	t.Logf("the answers' key check, planned on empty tables:\n%s", pooled.plan(t, "answer key"))

	exec(t, db, `INSERT INTO responses (snapshot_id, invitation_id, updated_on, submitted)
		SELECT snapshot_id, id, CURRENT_DATE, true FROM invitations ORDER BY id LIMIT 2000`)
	exec(t, db, `INSERT INTO answers (snapshot_id, response_id, question_id, item, rating)
		SELECT r.snapshot_id, r.id, q.id, '', 4 FROM responses r CROSS JOIN questions q WHERE q.snapshot_id = ?`, o.Snapshot.ID)
	t.Logf("the same, kept after 2,000 submissions:\n%s", pooled.plan(t, "answer key"))

	grown, err := database.AnalyseOutgrown(ctx, db, database.SubmitTables...)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"responses", "answers"} {
		if !slices.Contains(grown, want) {
			t.Errorf("analysed %v, want %s among them", grown, want)
		}
	}
	for name := range submitLookups {
		plan := pooled.plan(t, name)
		t.Logf("%s:\n%s", name, plan)
		if strings.Contains(plan, "Seq Scan") || !strings.Contains(plan, "Index") {
			t.Errorf("%s scans a table:\n%s", name, plan)
		}
	}
	if again, err := database.AnalyseOutgrown(ctx, db, database.SubmitTables...); err != nil || len(again) > 0 {
		t.Errorf("analysed %v again (%v), want none: nothing grew", again, err)
	}
}

// pooledConn is one connection holding every lookup prepared, with
// generic plans: what a pooled connection keeps after a few executions.
type pooledConn struct {
	conn  *sql.Conn
	names map[string]string
}

func prepareLookups(t *testing.T, db *gorm.DB) pooledConn {
	t.Helper()
	ctx := context.Background()
	sqlDB, err := db.DB()
	if err != nil {
		t.Fatal(err)
	}
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	if _, err := conn.ExecContext(ctx, "SET plan_cache_mode = force_generic_plan"); err != nil {
		t.Fatal(err)
	}
	p := pooledConn{conn: conn, names: map[string]string{}}
	i := 0
	for name, query := range submitLookups {
		i++
		p.names[name] = fmt.Sprintf("lookup%d(%s)", i, strings.TrimSuffix(strings.Repeat("NULL, ", strings.Count(query, "$")), ", "))
		if _, err := conn.ExecContext(ctx, fmt.Sprintf("PREPARE lookup%d AS %s", i, query)); err != nil {
			t.Fatal(err)
		}
		p.plan(t, name) // the generic plan is made at the first execution
	}
	return p
}

// plan is EXPLAIN of the lookup's plan as the connection keeps it.
func (p pooledConn) plan(t *testing.T, name string) string {
	t.Helper()
	rows, err := p.conn.QueryContext(context.Background(), "EXPLAIN EXECUTE "+p.names[name])
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, line)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(lines, "\n")
}

func exec(t *testing.T, db *gorm.DB, sql string, args ...any) {
	t.Helper()
	if err := db.Exec(sql, args...).Error; err != nil {
		t.Fatal(err)
	}
}
