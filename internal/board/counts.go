package board

import (
	"context"
	"fmt"
)

// Counts are an object's kept counters: "me too" votes (items only) and
// reactions per type, read from board_counts without counting rows.
type Counts struct {
	Votes  int64
	ByType map[ReactionType]int64
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
		if r.Name == counterVote {
			c.Votes = r.N
		} else {
			c.ByType[ReactionType(r.Name)] = r.N
		}
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

// Reactors lists the named reactions on an object, first first.
func (s *Store) Reactors(ctx context.Context, kind ObjectKind, id int64) ([]Reactor, error) {
	var rs []Reactor
	err := s.db.WithContext(ctx).Raw(`SELECT p.name AS name, r.type AS type FROM board_reactions r
		JOIN people p ON p.id = r.person_id
		WHERE r.object_kind = ? AND r.object_id = ? AND NOT r.anonymous
		ORDER BY r.created_at, r.person_id LIMIT ?`, kind, id, maxReactors).Scan(&rs).Error
	if err != nil {
		return nil, fmt.Errorf("board store: reactors of %s %d: %w", kind, id, err)
	}
	return rs, nil
}

// MyReactions returns the person's reaction on each of the objects that
// has one.
func (s *Store) MyReactions(ctx context.Context, personID int64, kind ObjectKind, ids []int64) (map[int64]ReactionType, error) {
	out := map[int64]ReactionType{}
	if len(ids) == 0 || personID == 0 {
		return out, nil
	}
	var rows []struct {
		ObjectID int64
		Type     ReactionType
	}
	err := s.db.WithContext(ctx).Raw(`SELECT object_id, type FROM board_reactions
		WHERE person_id = ? AND object_kind = ? AND object_id IN ?`, personID, kind, ids).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("board store: my reactions: %w", err)
	}
	for _, r := range rows {
		out[r.ObjectID] = r.Type
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
