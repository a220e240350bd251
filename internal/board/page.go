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
	Drivers    []DriverRef
	History    []StatusChange
	Comments   []CommentView
	Votes      int64
	Voted      bool
	Reactions  Reactions
	// Mine: the viewer wrote it. CanEdit: and the owners have not
	// responded. CanAnswer: the viewer sets its status.
	Mine, CanEdit, CanAnswer bool
}

// pageHead is the item's row with its tool, its author's name ("" when
// anonymous, so the name never leaves the database), the shown reaction
// types' setting and whether the viewer voted: one query.
type pageHead struct {
	Item
	ToolName   string
	ToolTeamID int64
	AuthorName string
	Shown      *string
	Voted      bool
}

// Page reads an item's page for viewer in five queries whatever the
// number of comments: the item with what sits beside it, its drivers, its
// history, its comments, and the counters, named reactors and viewer's
// reactions of the item and every comment at once. Counts come from the
// counters, never from counting rows.
func (s *Store) Page(ctx context.Context, id int64, viewer Actor) (ItemPage, error) {
	h, err := s.pageHead(ctx, id, viewer.PersonID)
	if err != nil {
		return ItemPage{}, err
	}
	it := h.Item
	p := ItemPage{Item: it, Tool: Tool{ID: it.ToolID, Name: h.ToolName, TeamID: h.ToolTeamID},
		AuthorName: h.AuthorName, Voted: h.Voted, Mine: it.AuthorID == viewer.PersonID && viewer.PersonID != 0}
	if it.Anonymous {
		p.AuthorName = AnonymousName
	}
	p.CanEdit = p.Mine && !it.Responded && it.Open()
	p.CanAnswer = viewer.owns(h.ToolTeamID) && !it.Withdrawn
	if p.Drivers, err = s.itemDrivers(ctx, id); err != nil {
		return ItemPage{}, err
	}
	if p.History, err = s.History(ctx, id); err != nil {
		return ItemPage{}, err
	}
	if p.Comments, err = s.comments(ctx, id); err != nil {
		return ItemPage{}, err
	}
	shown := shownFrom(h.Shown)
	objs := map[ObjectKind][]int64{KindItem: {id}, KindComment: commentIDs(p.Comments)}
	states, err := s.objectStates(ctx, viewer.PersonID, objs)
	if err != nil {
		return ItemPage{}, err
	}
	p.Votes = states[objectKey{KindItem, id}].Counts.Votes
	p.Reactions = states.reactions(KindItem, id, shown)
	for i, c := range p.Comments {
		p.Comments[i].Reactions = states.reactions(KindComment, c.ID, shown)
	}
	return p, nil
}

func (s *Store) pageHead(ctx context.Context, id, viewer int64) (pageHead, error) {
	var rows []pageHead
	err := s.db.WithContext(ctx).Raw(`SELECT i.*, t.name AS tool_name, t.team_id AS tool_team_id,
		CASE WHEN i.anonymous THEN '' ELSE p.name END AS author_name,
		(SELECT value FROM board_settings WHERE key = ?) AS shown,
		EXISTS (SELECT 1 FROM board_votes v WHERE v.item_id = i.id AND v.person_id = ?) AS voted
		FROM board_items i JOIN board_tools t ON t.id = i.tool_id JOIN people p ON p.id = i.author_id
		WHERE i.id = ?`, shownKey, viewer, id).Scan(&rows).Error
	if err != nil {
		return pageHead{}, fmt.Errorf("board store: item %d: %w", id, err)
	}
	if len(rows) == 0 {
		return pageHead{}, ErrNotFound
	}
	return rows[0], nil
}

// comments reads an item's comments, oldest first, with their authors'
// names (AnonymousName for anonymous ones: the name never leaves SQL).
func (s *Store) comments(ctx context.Context, itemID int64) ([]CommentView, error) {
	var rows []struct {
		ID         int64
		Body       string
		CreatedAt  time.Time
		AuthorName string
	}
	err := s.db.WithContext(ctx).Raw(`SELECT c.id, c.body, c.created_at,
		CASE WHEN c.anonymous THEN '' ELSE p.name END AS author_name
		FROM board_comments c JOIN people p ON p.id = c.author_id
		WHERE c.item_id = ? ORDER BY c.id`, itemID).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("board store: comments of %d: %w", itemID, err)
	}
	out := make([]CommentView, len(rows))
	for i, r := range rows {
		out[i] = CommentView{ID: r.ID, AuthorName: r.AuthorName, Body: r.Body, CreatedAt: r.CreatedAt}
		if r.AuthorName == "" {
			out[i].AuthorName = AnonymousName
		}
	}
	return out, nil
}

func commentIDs(cs []CommentView) []int64 {
	ids := make([]int64, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	return ids
}

// ReactionsOf reads the reactions component's view of one object.
func (s *Store) ReactionsOf(ctx context.Context, viewer int64, kind ObjectKind, id int64) (Reactions, error) {
	shown, err := s.ShownTypes(ctx)
	if err != nil {
		return Reactions{}, err
	}
	states, err := s.objectStates(ctx, viewer, map[ObjectKind][]int64{kind: {id}})
	if err != nil {
		return Reactions{}, err
	}
	return states.reactions(kind, id, shown), nil
}
