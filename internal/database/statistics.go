package database

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"gorm.io/gorm"
)

// SubmitTables are the tables a respondent's requests read by key: the
// personal link's lookup, the response and its answers, and the foreign
// key checks of a submission.
var SubmitTables = []string{"invitations", "invitation_tokens", "responses", "answers"}

// StatisticsInterval is how often KeepStatistics looks for tables that
// have outgrown their statistics.
const StatisticsInterval = 2 * time.Second

// minPages is the size under which a table is left to autovacuum: at 8
// pages an index lookup already costs the planner less than a scan.
const minPages = 8

// Analyse refreshes PostgreSQL's statistics of tables now, at a moment
// that changed their shape (a snapshot opened, its audience invited).
// SQLite's planner prefers an index without statistics, so there it does
// nothing.
func Analyse(ctx context.Context, db *gorm.DB, tables ...string) error {
	if DialectOf(db) != Postgres || len(tables) == 0 {
		return nil
	}
	for _, t := range tables {
		if err := db.WithContext(ctx).Exec("ANALYZE " + quoteIdent(t)).Error; err != nil {
			return fmt.Errorf("database: analyse %s: %w", t, err)
		}
	}
	return nil
}

// outgrownSQL names the tables whose file is at least twice the size their
// statistics recorded. It reads the file's size, not the statistics
// collector's counters, so that it sees growth at once.
const outgrownSQL = `SELECT c.relname FROM pg_class c
	WHERE c.relname IN ? AND c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace
	AND pg_relation_size(c.oid) / current_setting('block_size')::int >= greatest(?, 2 * c.relpages)`

// AnalyseOutgrown analyses every table among tables that has at least
// doubled since its last analysis, and returns their names.
//
// Statistics taken while a table was empty (a fresh install, a seed) tell
// the planner it is empty; a plan cached on a pooled connection then keeps
// scanning the whole table as it fills (a respondent's lookups, and the
// answers' foreign key check of every row), until autovacuum's next pass
// up to a minute later. ANALYZE invalidates those plans. Doubling bounds
// the work to a few passes as a table grows from empty.
func AnalyseOutgrown(ctx context.Context, db *gorm.DB, tables ...string) ([]string, error) {
	if DialectOf(db) != Postgres {
		return nil, nil
	}
	var grown []string
	if err := db.WithContext(ctx).Raw(outgrownSQL, tables, minPages).Scan(&grown).Error; err != nil {
		return nil, fmt.Errorf("database: outgrown tables: %w", err)
	}
	return grown, Analyse(ctx, db, grown...)
}

// KeepStatistics runs AnalyseOutgrown on tables every interval until ctx
// ends. Every replica may run it: the check is one cheap query, and two
// replicas analysing the same table at once is harmless.
func KeepStatistics(ctx context.Context, db *gorm.DB, log *slog.Logger, interval time.Duration, tables ...string) {
	if DialectOf(db) != Postgres {
		return
	}
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		grown, err := AnalyseOutgrown(ctx, db, tables...)
		if err != nil && ctx.Err() == nil {
			log.Warn("keep statistics", "error", err)
		} else if len(grown) > 0 {
			log.Debug("analysed outgrown tables", "tables", grown)
		}
	}
}

// quoteIdent quotes a table name for PostgreSQL.
func quoteIdent(name string) string {
	out := []byte{'"'}
	for i := 0; i < len(name); i++ {
		if name[i] == '"' {
			out = append(out, '"')
		}
		out = append(out, name[i])
	}
	return string(append(out, '"'))
}
