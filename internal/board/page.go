package board

import (
	"context"
	"fmt"
	"slices"
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
	// Actions are the action plans that answer the item.
	Actions   []ActionRef
	History   []StatusChange
	Comments  []CommentView
	Votes     int64
	Voted     bool
	Reactions Reactions
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

// Page reads an item's page for viewer in two queries whatever the
// number of comments: the item with what sits beside it (pageHead), then
// every other part of the page at once (pageParts). Counts come from the
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
	states, err := s.pageParts(ctx, &p, viewer.PersonID)
	if err != nil {
		return ItemPage{}, err
	}
	shown := shownFrom(h.Shown)
	p.Votes = states[objectKey{KindItem, id}].Counts.Votes
	p.Reactions = states.reactions(KindItem, id, shown)
	for i, c := range p.Comments {
		p.Comments[i].Reactions = states.reactions(KindComment, c.ID, shown)
	}
	return p, nil
}

// pageParts reads in one query the item's history, comments (authors'
// names "" when anonymous: they never leave the database), drivers and
// linked action plans, and the reactions state of the item and of every comment on it. The
// history comes first, so SQLite types the time column from it.
func (s *Store) pageParts(ctx context.Context, p *ItemPage, viewer int64) (objectStates, error) {
	id := p.Item.ID
	state, stateArgs := stateSQL(viewer, objectsOf(KindItem, []int64{id}),
		objects{Kind: KindComment, In: "IN (SELECT id FROM board_comments WHERE item_id = ?)", Args: []any{id}})
	sql := `SELECT 'history' AS part, '' AS object_kind, h.id AS object_id, h.status AS name, 0 AS n,
			h.by_name AS who, h.reason AS body, h.created_at AS at, 0 AS pos
		FROM board_status_changes h WHERE h.item_id = ?
		UNION ALL
		SELECT 'comment', '', c.id, '', 0, CASE WHEN c.anonymous THEN '' ELSE a.name END, c.body, c.created_at, 0
		FROM board_comments c JOIN people a ON a.id = c.author_id WHERE c.item_id = ?
		UNION ALL
		SELECT 'driver', '', 0, d.key, d.id, d.name, '', NULL, d.position
		FROM board_item_drivers x JOIN drivers d ON d.id = x.driver_id WHERE x.item_id = ?
		UNION ALL
		SELECT 'action', '', a.id, a.status, 0, a.title, a.reason, NULL, a.id
		FROM board_item_actions x JOIN actions a ON a.id = x.action_id WHERE x.item_id = ?
		UNION ALL ` + state + `
		ORDER BY 1, 9, 3`
	args := slices.Concat([]any{id, id, id, id}, stateArgs)
	var rows []stateRow
	if err := s.db.WithContext(ctx).Raw(sql, args...).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("board store: page of %d: %w", id, err)
	}
	states := objectStates{}
	for _, r := range rows {
		p.addPart(r)
		states.add(r)
	}
	return states, nil
}

// addPart takes a history, comment, driver or action row into the page.
func (p *ItemPage) addPart(r stateRow) {
	var at time.Time
	if r.At != nil {
		at = *r.At
	}
	switch r.Part {
	case "history":
		p.History = append(p.History, StatusChange{ID: r.ObjectID, ItemID: p.Item.ID, Status: Status(r.Name),
			Reason: r.Body, ByName: r.Who, CreatedAt: at})
	case "comment":
		name := r.Who
		if name == "" {
			name = AnonymousName
		}
		p.Comments = append(p.Comments, CommentView{ID: r.ObjectID, AuthorName: name, Body: r.Body, CreatedAt: at})
	case "driver":
		p.Drivers = append(p.Drivers, DriverRef{ID: r.N, Key: r.Name, Name: r.Who})
	case "action":
		p.Actions = append(p.Actions, ActionRef{ID: r.ObjectID, Title: r.Who, Status: r.Name, Reason: r.Body})
	}
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
