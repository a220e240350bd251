package board

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Sort orders of the board's list.
const (
	SortVotes    = "votes"
	SortRecent   = "recent"
	SortTrending = "trending"
	// sortMatches puts first the items that match most of Query.Words.
	sortMatches = "matches"
)

// TrendingWindow is how far back "trending" counts votes.
const TrendingWindow = 14 * 24 * time.Hour

// Query selects and orders the list. Zero values mean "any"; Mine is the
// viewer's id when only their own items are wanted.
type Query struct {
	Sort   string
	ToolID int64
	Status Status
	// DriverID keeps the items that concern this driver.
	DriverID int64
	Mine     int64
	Search   string
	// Words keeps the items that contain any of them (Similar).
	Words []string
	Now   time.Time
}

// ListItem is one row of the list. AuthorName is AnonymousName for an
// anonymous item; the author's id is not carried.
type ListItem struct {
	ID         int64
	Title      string
	Status     Status
	ToolID     int64
	ToolName   string
	AuthorName string
	Drivers    []DriverRef `gorm:"-"`
	Votes      int64
	Recent     int64
	CreatedAt  time.Time
	ActivityAt time.Time
}

// List returns the open items the query selects, in its order.
func (s *Store) List(ctx context.Context, q Query) ([]ListItem, error) {
	if q.Now.IsZero() {
		q.Now = time.Now().UTC()
	}
	where, args := q.filters()
	matches, matchArgs := q.matches()
	sql := `SELECT i.id, i.title, i.status, i.tool_id, t.name AS tool_name,
		CASE WHEN i.anonymous THEN ? ELSE p.name END AS author_name,
		COALESCE(c.n, 0) AS votes,
		(SELECT COUNT(*) FROM board_votes v WHERE v.item_id = i.id AND v.created_at >= ?) AS recent,
		i.created_at, i.activity_at, ` + matches + ` AS matches
		FROM board_items i
		JOIN board_tools t ON t.id = i.tool_id
		JOIN people p ON p.id = i.author_id
		LEFT JOIN board_counts c ON c.object_kind = 'item' AND c.object_id = i.id AND c.name = 'vote'
		WHERE ` + strings.Join(where, " AND ") + ` ORDER BY ` + q.order() + ` LIMIT 200`
	args = slices.Concat([]any{AnonymousName, q.Now.Add(-TrendingWindow)}, matchArgs, args)
	var out []ListItem
	if err := s.db.WithContext(ctx).Raw(sql, args...).Scan(&out).Error; err != nil {
		return nil, fmt.Errorf("board store: list: %w", err)
	}
	ids := make([]int64, len(out))
	for i, it := range out {
		ids[i] = it.ID
	}
	drivers, err := s.DriversOf(ctx, ids)
	for i, it := range out {
		out[i].Drivers = drivers[it.ID]
	}
	return out, err
}

func (q Query) filters() ([]string, []any) {
	where := []string{"NOT i.withdrawn", "i.merged_into_id IS NULL"}
	var args []any
	if q.ToolID != 0 {
		where, args = append(where, "i.tool_id = ?"), append(args, q.ToolID)
	}
	if q.Status != "" {
		where, args = append(where, "i.status = ?"), append(args, q.Status)
	}
	if q.DriverID != 0 {
		where = append(where, "EXISTS (SELECT 1 FROM board_item_drivers x WHERE x.item_id = i.id AND x.driver_id = ?)")
		args = append(args, q.DriverID)
	}
	if q.Mine != 0 {
		where, args = append(where, "i.author_id = ?"), append(args, q.Mine)
	}
	if s := strings.TrimSpace(q.Search); s != "" {
		cond, like := contains(s)
		where, args = append(where, cond), append(args, like...)
	}
	if len(q.Words) > 0 {
		matches, like := q.matches()
		where, args = append(where, matches+" > 0"), append(args, like...)
	}
	return where, args
}

// contains is the search's condition: the title or the description
// contains s, whatever the case.
func contains(s string) (string, []any) {
	like := "%" + escapeLike(strings.ToLower(s)) + "%"
	return `(LOWER(i.title) LIKE ? ESCAPE '\' OR LOWER(i.description) LIKE ? ESCAPE '\')`, []any{like, like}
}

// matches counts the query's words an item contains (0 without words).
func (q Query) matches() (string, []any) {
	if len(q.Words) == 0 {
		return "0", nil
	}
	var parts []string
	var args []any
	for _, w := range q.Words {
		cond, like := contains(w)
		parts, args = append(parts, "CASE WHEN "+cond+" THEN 1 ELSE 0 END"), append(args, like...)
	}
	return "(" + strings.Join(parts, " + ") + ")", args
}

func (q Query) order() string {
	switch q.Sort {
	case SortRecent:
		return "i.activity_at DESC, i.id DESC"
	case SortTrending:
		return "recent DESC, votes DESC, i.id DESC"
	case sortMatches:
		return "matches DESC, votes DESC, i.id DESC"
	default:
		return "votes DESC, i.activity_at DESC, i.id DESC"
	}
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(s)
}
