package board

import (
	"context"
	"fmt"
	"time"
)

// Reactions is what the reactions component shows for one object: the
// counts per shown type, the named reactors, and the viewer's own.
type Reactions struct {
	Kind     ObjectKind
	ID       int64
	Shown    []ReactionType
	Counts   map[ReactionType]int64
	Reactors []Reactor
	Mine     ReactionType
}

// CommentView is a comment as shown: AuthorName is AnonymousName when it
// was posted anonymously.
type CommentView struct {
	ID         int64
	AuthorName string
	Body       string
	CreatedAt  time.Time
	Reactions  Reactions
}

// ItemPage is everything an item's page shows to one viewer.
type ItemPage struct {
	Item       Item
	Tool       Tool
	AuthorName string
	History    []StatusChange
	Comments   []CommentView
	Votes      int64
	Voted      bool
	Reactions  Reactions
	// Mine: the viewer wrote it. CanEdit: and the owners have not
	// responded. CanAnswer: the viewer sets its status.
	Mine, CanEdit, CanAnswer bool
}

// Page reads an item's page for viewer. Counts come from the counters.
func (s *Store) Page(ctx context.Context, id int64, viewer Actor) (ItemPage, error) {
	it, err := s.Item(ctx, id)
	if err != nil {
		return ItemPage{}, err
	}
	p := ItemPage{Item: it, Mine: it.AuthorID == viewer.PersonID && viewer.PersonID != 0}
	p.CanEdit = p.Mine && !it.Responded && it.Open()
	if p.Tool, err = s.Tool(ctx, it.ToolID); err != nil {
		return ItemPage{}, err
	}
	p.CanAnswer = viewer.owns(p.Tool.TeamID) && !it.Withdrawn
	if p.AuthorName, err = s.authorName(ctx, it.AuthorID, it.Anonymous); err != nil {
		return ItemPage{}, err
	}
	if p.History, err = s.History(ctx, id); err != nil {
		return ItemPage{}, err
	}
	shown, err := s.ShownTypes(ctx)
	if err != nil {
		return ItemPage{}, err
	}
	rs, err := s.reactions(ctx, viewer.PersonID, KindItem, []int64{id}, shown)
	if err != nil {
		return ItemPage{}, err
	}
	p.Reactions = rs[id]
	counts, err := s.Counts(ctx, KindItem, []int64{id})
	if err != nil {
		return ItemPage{}, err
	}
	p.Votes = counts[id].Votes
	voted, err := s.Voted(ctx, viewer.PersonID, []int64{id})
	p.Voted = voted[id]
	if err != nil {
		return ItemPage{}, err
	}
	p.Comments, err = s.commentViews(ctx, viewer.PersonID, id, shown)
	return p, err
}

func (s *Store) authorName(ctx context.Context, personID int64, anonymous bool) (string, error) {
	if anonymous {
		return AnonymousName, nil
	}
	var name string
	err := s.db.WithContext(ctx).Raw("SELECT name FROM people WHERE id = ?", personID).Scan(&name).Error
	if err != nil {
		return "", fmt.Errorf("board store: author %d: %w", personID, err)
	}
	return name, nil
}

// reactions assembles the reactions component's view of several objects.
func (s *Store) reactions(ctx context.Context, viewer int64, kind ObjectKind, ids []int64, shown []ReactionType) (map[int64]Reactions, error) {
	counts, err := s.Counts(ctx, kind, ids)
	if err != nil {
		return nil, err
	}
	mine, err := s.MyReactions(ctx, viewer, kind, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]Reactions, len(ids))
	for _, id := range ids {
		reactors, err := s.Reactors(ctx, kind, id)
		if err != nil {
			return nil, err
		}
		out[id] = Reactions{Kind: kind, ID: id, Shown: shown, Counts: counts[id].ByType, Reactors: reactors, Mine: mine[id]}
	}
	return out, nil
}

func (s *Store) commentViews(ctx context.Context, viewer, itemID int64, shown []ReactionType) ([]CommentView, error) {
	var rows []struct {
		Comment
		Name string
	}
	err := s.db.WithContext(ctx).Raw(`SELECT c.*, p.name FROM board_comments c JOIN people p ON p.id = c.author_id
		WHERE c.item_id = ? ORDER BY c.id`, itemID).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("board store: comments of %d: %w", itemID, err)
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	rs, err := s.reactions(ctx, viewer, KindComment, ids, shown)
	if err != nil {
		return nil, err
	}
	out := make([]CommentView, len(rows))
	for i, r := range rows {
		name := r.Name
		if r.Anonymous {
			name = AnonymousName
		}
		out[i] = CommentView{ID: r.ID, AuthorName: name, Body: r.Body, CreatedAt: r.CreatedAt, Reactions: rs[r.ID]}
	}
	return out, nil
}

// ReactionsOf reads the reactions component's view of one object.
func (s *Store) ReactionsOf(ctx context.Context, viewer int64, kind ObjectKind, id int64) (Reactions, error) {
	shown, err := s.ShownTypes(ctx)
	if err != nil {
		return Reactions{}, err
	}
	rs, err := s.reactions(ctx, viewer, kind, []int64{id}, shown)
	return rs[id], err
}
