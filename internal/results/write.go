package results

import (
	"cmp"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
)

// Writing a tally's rows: the direct tables, result_pairs and the subtree
// tables (see tree.go), in the order of each table's primary key. On
// PostgreSQL each table is one COPY (copyTable); elsewhere rows go in
// multi-row INSERTs (insertTable).

// rowSink takes a table's rows a column at a time; end ends a row.
type rowSink interface {
	int8(int64)
	int4(int32)
	float8(float64)
	text(string)
	end() error
}

// resultTable is a table's columns and its rows, written to a sink.
type resultTable struct {
	name    string
	columns []string
	rows    func(rowSink) error
}

// ordered is the tally's groups sorted by key: by team, segment and value
// for the direct tables, by segment, value and team for the subtree ones.
type ordered struct {
	t      *tally
	groups []directGroup
	order  []int32 // indexes into groups, in order
}

func (t *tally) segmentOf(g directGroup) string {
	if g.set == 0 {
		return ""
	}
	return Segments[g.set-1].Key
}

func (t *tally) valueName(g directGroup) string {
	if g.set == 0 {
		return ""
	}
	return t.values[g.set-1][g.value]
}

func (t *tally) order(groups []directGroup, segmentFirst bool) ordered {
	o := ordered{t: t, groups: groups}
	o.order = make([]int32, len(groups))
	for i := range o.order {
		o.order[i] = int32(i)
	}
	slices.SortFunc(o.order, func(i, j int32) int {
		x, y := groups[i], groups[j]
		byTeam := cmp.Compare(x.team, y.team)
		bySegment := cmp.Or(strings.Compare(t.segmentOf(x), t.segmentOf(y)), strings.Compare(t.valueName(x), t.valueName(y)))
		if segmentFirst {
			return cmp.Or(bySegment, byTeam)
		}
		return cmp.Or(byTeam, bySegment)
	})
	return o
}

// head writes the columns every grouped row starts with.
func (o ordered) head(s rowSink, g int32, question int64) {
	k := o.groups[g]
	s.int8(o.t.snapshotID)
	s.int8(k.team)
	s.text(o.t.segmentOf(k))
	s.text(o.t.valueName(k))
	s.int8(question)
}

// counts is a family of counts by group: the direct ones or their
// subtree sums.
type counts struct {
	ratings    [][]ratingCell
	answers    [][]int32 // by item slot
	totals     [][]sum
	chosen     [][]int32
	optionsAny [][]int32
	numberN    map[numberCell]int32
}

func (t *tally) direct() counts {
	c := counts{ratings: t.ratings, optionsAny: t.optionsAny, numberN: t.numberN}
	for _, s := range t.slots {
		c.answers, c.totals, c.chosen = append(c.answers, s.answers), append(c.totals, s.total), append(c.chosen, s.chosen)
	}
	return c
}

// resultTables lists the tables to write and their rows: the direct
// ones, result_pairs, and the subtree sums of teams (see tree.go).
func (t *tally) resultTables(teams []directory.Team) []resultTable {
	questions := t.byID()
	slots := make([]int32, len(t.slots)) // by question ID and item
	for i := range slots {
		slots[i] = int32(i)
	}
	slices.SortFunc(slots, func(i, j int32) int {
		x, y := t.slots[i], t.slots[j]
		return cmp.Or(cmp.Compare(t.qids[x.question], t.qids[y.question]), strings.Compare(x.item, y.item))
	})
	numbers := make([]int32, len(t.numbers))
	for i := range numbers {
		numbers[i] = int32(i)
	}
	slices.SortFunc(numbers, func(i, j int32) int {
		x, y := t.numbers[i], t.numbers[j]
		return cmp.Or(cmp.Compare(t.qids[x.question], t.qids[y.question]), cmp.Compare(x.number, y.number))
	})
	direct := t.order(t.groups, false)
	treeGroups, up := t.subtrees(teams)
	tree := t.order(treeGroups, true)
	d, s := t.direct(), t.sum(up, len(treeGroups))
	return []resultTable{
		t.ratingsTable("result_ratings", direct, d, questions),
		t.itemsTable("result_items", direct, d, slots),
		t.optionsTable("result_options", direct, d, questions, slots),
		t.numbersTable("result_numbers", direct, d, numbers),
		t.pairsTable(questions),
		t.ratingsTable("result_tree_ratings", tree, s, questions),
		t.itemsTable("result_tree_items", tree, s, slots),
		t.optionsTable("result_tree_options", tree, s, questions, slots),
		t.numbersTable("result_tree_numbers", tree, s, numbers),
	}
}

var groupColumns = []string{"snapshot_id", "team_id", "segment", "value", "question_id"}

func (t *tally) ratingsTable(name string, o ordered, c counts, questions []int32) resultTable {
	return resultTable{name: name, columns: append(slices.Clone(groupColumns), "n0", "n1", "n2", "n3", "n4", "n5"),
		rows: func(s rowSink) error {
			for _, g := range o.order {
				for _, q := range questions {
					if c.ratings[q] == nil || c.ratings[q][g].rows == 0 {
						continue
					}
					o.head(s, g, t.qids[q])
					for _, n := range c.ratings[q][g].n {
						s.int4(n)
					}
					if err := s.end(); err != nil {
						return err
					}
				}
			}
			return nil
		}}
}

func (t *tally) itemsTable(name string, o ordered, c counts, slots []int32) resultTable {
	return resultTable{name: name, columns: append(slices.Clone(groupColumns), "item", "answers", "total"),
		rows: func(s rowSink) error {
			for _, g := range o.order {
				for _, i := range slots {
					if c.answers[i] == nil || c.answers[i][g] == 0 {
						continue
					}
					o.head(s, g, t.qids[t.slots[i].question])
					s.text(t.slots[i].item)
					s.int4(c.answers[i][g])
					s.float8(c.totals[i][g].value())
					if err := s.end(); err != nil {
						return err
					}
				}
			}
			return nil
		}}
}

// optionsTable writes each question's respondents (choice "") before its
// choices.
func (t *tally) optionsTable(name string, o ordered, c counts, questions, slots []int32) resultTable {
	return resultTable{name: name, columns: append(slices.Clone(groupColumns), "choice", "n"),
		rows: func(s rowSink) error {
			row := func(g int32, q int32, choice string, n int32) error {
				o.head(s, g, t.qids[q])
				s.text(choice)
				s.int4(n)
				return s.end()
			}
			for _, g := range o.order {
				next := 0 // the next of slots, which are in order of question too
				for _, q := range questions {
					if all := c.optionsAny[q]; all != nil && all[g] > 0 {
						if err := row(g, q, "", all[g]); err != nil {
							return err
						}
					}
					for ; next < len(slots) && t.slots[slots[next]].question == q; next++ {
						i := slots[next]
						if c.chosen[i] != nil && c.chosen[i][g] > 0 {
							if err := row(g, q, t.slots[i].item, c.chosen[i][g]); err != nil {
								return err
							}
						}
					}
				}
			}
			return nil
		}}
}

func (t *tally) numbersTable(name string, o ordered, c counts, numbers []int32) resultTable {
	return resultTable{name: name, columns: append(slices.Clone(groupColumns), "number", "n"),
		rows: func(s rowSink) error {
			// Sparse: the cells in order of group, then of number.
			rank := make([]int32, len(numbers))
			for r, i := range numbers {
				rank[i] = int32(r)
			}
			at := make([]int32, len(o.groups))
			for r, g := range o.order {
				at[g] = int32(r)
			}
			cells := make([]numberCell, 0, len(c.numberN))
			for k := range c.numberN {
				cells = append(cells, k)
			}
			slices.SortFunc(cells, func(x, y numberCell) int {
				return cmp.Or(cmp.Compare(at[x.group], at[y.group]), cmp.Compare(rank[x.slot], rank[y.slot]))
			})
			for _, k := range cells {
				n := t.numbers[k.slot]
				o.head(s, k.group, t.qids[n.question])
				s.float8(n.number)
				s.int4(c.numberN[k])
				if err := s.end(); err != nil {
					return err
				}
			}
			return nil
		}}
}

func (t *tally) pairsTable(questions []int32) resultTable {
	return resultTable{name: "result_pairs", columns: []string{"snapshot_id", "question_id", "rating", "overall", "n"},
		rows: func(s rowSink) error {
			pairs := t.pairs()
			for _, q := range questions {
				for r, byOverall := range pairs[q] {
					for o, n := range byOverall {
						if n == 0 {
							continue
						}
						s.int8(t.snapshotID)
						s.int8(t.qids[q])
						s.int4(int32(r + 1))
						s.int4(int32(o + 1))
						s.int4(int32(n))
						if err := s.end(); err != nil {
							return err
						}
					}
				}
			}
			return nil
		}}
}

// writeTables writes the tables' rows: with COPY on pg, the transaction's
// PostgreSQL connection, when there is one, else with multi-row INSERTs
// through tx.
func writeTables(ctx context.Context, tx *gorm.DB, pg pgRaw, tables []resultTable) error {
	if pg != nil {
		return pg(func(c *pgx.Conn) error {
			for _, table := range tables {
				if err := copyTable(ctx, c.PgConn(), table); err != nil {
					return fmt.Errorf("results: copy %s: %w", table.name, err)
				}
			}
			return nil
		})
	}
	for _, table := range tables {
		if err := insertTable(ctx, tx, table); err != nil {
			return fmt.Errorf("results: insert %s: %w", table.name, err)
		}
	}
	return nil
}

// copyTable writes a table's rows with one COPY in PostgreSQL's binary
// format, encoded here as they are made: no row is held in memory.
// pgx.CopyFrom, which takes every row as a []any, cost seven times the Go
// CPU for the 850,000 rows of a 100,000-person snapshot (see
// docs/benchmarks.md); pgconn still speaks the COPY protocol.
func copyTable(ctx context.Context, pg *pgconn.PgConn, table resultTable) error {
	r, w := io.Pipe()
	done := make(chan error, 1)
	go func() {
		s := &copySink{w: w, fields: int16(len(table.columns)), buf: make([]byte, 0, 1<<16)}
		s.buf = append(s.buf, "PGCOPY\n\377\r\n\000"...)
		s.buf = binary.BigEndian.AppendUint32(s.buf, 0) // flags
		s.buf = binary.BigEndian.AppendUint32(s.buf, 0) // header extension
		err := table.rows(s)
		if err == nil {
			s.buf = binary.BigEndian.AppendUint16(s.buf, math.MaxUint16) // -1: the end
			_, err = w.Write(s.buf)
		}
		w.CloseWithError(err) // io.EOF for the reader when err is nil
		done <- err
	}()
	sql := "COPY " + table.name + " (" + strings.Join(table.columns, ", ") + ") FROM STDIN (FORMAT binary)"
	_, err := pg.CopyFrom(ctx, r, sql)
	r.CloseWithError(errCopyEnded) // a writer still writing stops
	return cmp.Or(err, ignore(<-done, errCopyEnded))
}

var errCopyEnded = errors.New("results: copy ended")

func ignore(err, target error) error {
	if errors.Is(err, target) {
		return nil
	}
	return err
}

// copySink encodes rows in COPY's binary format: per row the number of
// fields, then each field's length and bytes, big-endian.
type copySink struct {
	w       io.Writer
	buf     []byte
	fields  int16
	started bool
}

func (c *copySink) field(n uint32) {
	if !c.started {
		c.buf = binary.BigEndian.AppendUint16(c.buf, uint16(c.fields))
		c.started = true
	}
	c.buf = binary.BigEndian.AppendUint32(c.buf, n)
}

func (c *copySink) int8(v int64) {
	c.field(8)
	c.buf = binary.BigEndian.AppendUint64(c.buf, uint64(v))
}

func (c *copySink) int4(v int32) {
	c.field(4)
	c.buf = binary.BigEndian.AppendUint32(c.buf, uint32(v))
}

func (c *copySink) float8(v float64) {
	c.field(8)
	c.buf = binary.BigEndian.AppendUint64(c.buf, math.Float64bits(v))
}

func (c *copySink) text(v string) {
	c.field(uint32(len(v)))
	c.buf = append(c.buf, v...)
}

func (c *copySink) end() error {
	c.started = false
	if len(c.buf) < 1<<16-1<<10 {
		return nil
	}
	_, err := c.w.Write(c.buf)
	c.buf = c.buf[:0]
	return err
}

// insertBatch is the rows of one INSERT: SQLite allows 32,766 variables
// a statement.
const insertBatch = 500

// insertTable writes a table's rows with multi-row INSERTs.
func insertTable(ctx context.Context, tx *gorm.DB, table resultTable) error {
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(table.columns)), ", ") + ")"
	prefix := "INSERT INTO " + table.name + " (" + strings.Join(table.columns, ", ") + ") VALUES "
	s := &insertSink{flush: func(args []any, rows int) error {
		sql := prefix + strings.TrimSuffix(strings.Repeat(one+", ", rows), ", ")
		_, err := tx.Statement.ConnPool.ExecContext(ctx, sql, args...)
		return err
	}}
	if err := table.rows(s); err != nil {
		return err
	}
	if s.rows == 0 {
		return nil
	}
	return s.flush(s.args, s.rows)
}

type insertSink struct {
	args  []any
	rows  int
	flush func(args []any, rows int) error
}

func (s *insertSink) int8(v int64)     { s.args = append(s.args, v) }
func (s *insertSink) int4(v int32)     { s.args = append(s.args, int64(v)) }
func (s *insertSink) float8(v float64) { s.args = append(s.args, v) }
func (s *insertSink) text(v string)    { s.args = append(s.args, v) }

func (s *insertSink) end() error {
	if s.rows++; s.rows < insertBatch {
		return nil
	}
	err := s.flush(s.args, s.rows)
	s.args, s.rows = s.args[:0], 0
	return err
}
