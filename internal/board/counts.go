package board

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// Counts are an object's kept counters: "me too" votes (items only) and
// reactions per type, read from board_counts without counting rows.
type Counts struct {
	Votes  int64
	ByType map[ReactionType]int64
}

func (c *Counts) add(name string, n int64) {
	if c.ByType == nil {
		c.ByType = map[ReactionType]int64{}
	}
	if name == counterVote {
		c.Votes = n
	} else {
		c.ByType[ReactionType(name)] = n
	}
}

// Counts returns the counters of the objects ids of kind; an object without
// any has zero counts.
func (s *Store) Counts(ctx context.Context, kind ObjectKind, ids []int64) (map[int64]Counts, error) {
	out := make(map[int64]Counts, len(ids))
	for _, id := range ids {
		out[id] = Counts{ByType: map[ReactionType]int64{}}
	}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct {
		ObjectID int64
		Name     string
		N        int64
	}
	err := s.db.WithContext(ctx).Raw(`SELECT object_id, name, n FROM board_counts
		WHERE object_kind = ? AND object_id IN ? AND n <> 0`, kind, ids).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("board store: counts: %w", err)
	}
	for _, r := range rows {
		c := out[r.ObjectID]
		c.add(r.Name, r.N)
		out[r.ObjectID] = c
	}
	return out, nil
}

// Reactor is a named person's reaction; anonymous reactions are never
// listed.
type Reactor struct {
	Name string
	Type ReactionType
}

// maxReactors bounds the names listed under a popular object.
const maxReactors = 50

type objectKey struct {
	Kind ObjectKind
	ID   int64
}

// objectState is what the reactions component needs of one object.
type objectState struct {
	Counts   Counts
	Reactors []Reactor
	Mine     ReactionType
}

type objectStates map[objectKey]objectState

// reactions is the component's view of one object.
func (st objectStates) reactions(kind ObjectKind, id int64, shown []ReactionType) Reactions {
	o := st[objectKey{kind, id}]
	counts := o.Counts.ByType
	if counts == nil {
		counts = map[ReactionType]int64{}
	}
	return Reactions{Kind: kind, ID: id, Shown: shown, Counts: counts, Reactors: o.Reactors, Mine: o.Mine}
}

// objects selects objects of one kind: In is "= ?" for one object, else
// an IN list or subquery, with its arguments.
type objects struct {
	Kind ObjectKind
	In   string
	Args []any
}

// objectsOf selects the ids of kind.
func objectsOf(kind ObjectKind, ids []int64) objects {
	if len(ids) == 1 {
		return objects{Kind: kind, In: "= ?", Args: []any{ids[0]}}
	}
	return objects{Kind: kind, In: "IN ?", Args: []any{ids}}
}

// stateRow is one row of what the reactions component reads: a counter
// ("count"), a named reactor ("named", in the order they reacted: pos) or
// the viewer's own reaction ("mine"). The item's page reads more parts in
// the same shape (page.go).
type stateRow struct {
	Part       string
	ObjectKind ObjectKind
	ObjectID   int64
	Name       string
	N          int64
	Who        string
	Body       string
	At         *time.Time
	Pos        int64
}

// stateSQL selects the counters, the first named reactors and the
// viewer's reactions of the objects sel selects, as stateRows, with its
// arguments. Each kind has its own branches, so every one is an index
// range; one object's named reactors are its first maxReactors in the
// index order (a hot item reads 50 entries, not all its reactions).
// Anonymous reactors' names are never read.
func stateSQL(viewer int64, sel ...objects) (string, []any) {
	var branches []string
	var args []any
	for _, o := range sel {
		where := "object_kind = ? AND object_id " + o.In
		wargs := append([]any{o.Kind}, o.Args...)
		named := `SELECT object_kind, object_id, type, person_id,
				ROW_NUMBER() OVER (PARTITION BY object_kind, object_id ORDER BY created_at, person_id) AS pos
			FROM board_reactions WHERE ` + where + ` AND NOT anonymous`
		if o.In == "= ?" {
			named += " ORDER BY created_at, person_id LIMIT ?"
		}
		branches = append(branches, `SELECT 'count' AS part, object_kind, object_id, name, n, '' AS who, '' AS body, NULL AS at, 0 AS pos
			FROM board_counts WHERE `+where+` AND n <> 0`,
			`SELECT 'named', r.object_kind, r.object_id, r.type, 0, p.name, '', NULL, r.pos
			FROM (`+named+`) r JOIN people p ON p.id = r.person_id WHERE r.pos <= ?`,
			`SELECT 'mine', object_kind, object_id, type, 0, '', '', NULL, 0 FROM board_reactions WHERE person_id = ? AND `+where)
		args = slices.Concat(args, wargs, wargs)
		if o.In == "= ?" {
			args = append(args, maxReactors)
		}
		args = slices.Concat(args, []any{maxReactors, viewer}, wargs)
	}
	return strings.Join(branches, "\nUNION ALL\n"), args
}

// add takes a stateRow into the object's state; other parts are ignored.
func (st objectStates) add(r stateRow) {
	k := objectKey{r.ObjectKind, r.ObjectID}
	o := st[k]
	switch r.Part {
	case "count":
		o.Counts.add(r.Name, r.N)
	case "named":
		o.Reactors = append(o.Reactors, Reactor{Name: r.Who, Type: ReactionType(r.Name)})
	case "mine":
		o.Mine = ReactionType(r.Name)
	default:
		return
	}
	st[k] = o
}

// objectStates reads, in one query, the counters, the first named
// reactors (in the order they reacted) and the viewer's reaction of every
// object in objs.
func (s *Store) objectStates(ctx context.Context, viewer int64, objs map[ObjectKind][]int64) (objectStates, error) {
	out := objectStates{}
	var sel []objects
	for _, k := range slices.Sorted(maps.Keys(objs)) {
		if len(objs[k]) > 0 {
			sel = append(sel, objectsOf(k, objs[k]))
		}
	}
	if len(sel) == 0 {
		return out, nil
	}
	sql, args := stateSQL(viewer, sel...)
	var rows []stateRow
	err := s.db.WithContext(ctx).Raw(sql+" ORDER BY 1, 9, 3", args...).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("board store: reactions: %w", err)
	}
	for _, r := range rows {
		out.add(r)
	}
	return out, nil
}

// Voted reports which of the items the person voted for.
func (s *Store) Voted(ctx context.Context, personID int64, itemIDs []int64) (map[int64]bool, error) {
	out := map[int64]bool{}
	if len(itemIDs) == 0 || personID == 0 {
		return out, nil
	}
	var ids []int64
	err := s.db.WithContext(ctx).Raw(`SELECT item_id FROM board_votes WHERE person_id = ? AND item_id IN ?`,
		personID, itemIDs).Scan(&ids).Error
	if err != nil {
		return nil, fmt.Errorf("board store: my votes: %w", err)
	}
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}
