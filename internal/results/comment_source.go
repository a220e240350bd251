package results

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"gorm.io/gorm"
)

// ErrCommentNotFound: no comment with this ID that the reader may see.
// A comment they may not see is not found either, so its existence says
// nothing.
var ErrCommentNotFound = errors.New("results: comment not found")

// CommentSource is a comment with the answer it came from, for replies
// (internal/threads) only: ResponseID is never shown. It is 0 for a
// comment materialised before replies existed that matched no single
// answer.
type CommentSource struct {
	Comment
	ResponseID int64
}

// sourceRow reads result_comments with its response column.
type sourceRow struct {
	Comment    `gorm:"embedded"`
	ResponseID *int64
}

func (r sourceRow) source() CommentSource {
	c := CommentSource{Comment: r.Comment}
	if r.ResponseID != nil {
		c.ResponseID = *r.ResponseID
	}
	return c
}

// SeenComment returns a comment when a team dashboard the reader may open
// shows it: the comment's team is in that team's subtree and the team's
// group is shown (comments never show under a segment filter, so the
// unfiltered group decides). canSee says whose dashboards the reader
// opens as a lead, executive or admin.
func (s *Store) SeenComment(ctx context.Context, id int64, canSee func(team int64) bool) (CommentSource, error) {
	var row sourceRow
	err := s.db.WithContext(ctx).Table("result_comments").Where("id = ?", id).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return CommentSource{}, ErrCommentNotFound
	}
	if err != nil {
		return CommentSource{}, fmt.Errorf("results: comment %d: %w", id, err)
	}
	teams, err := s.dir.Teams(ctx)
	if err != nil {
		return CommentSource{}, err
	}
	all, err := s.loadSizes(ctx, teams, []int64{row.SnapshotID}, row.SnapshotID, Filter{})
	if err != nil {
		return CommentSource{}, err
	}
	sz := all[row.SnapshotID]
	if sz == nil {
		return CommentSource{}, ErrCommentNotFound
	}
	for _, t := range teams {
		if canSee(t.ID) && sz.view(t.ID, Filter{}).IsShown() && slices.Contains(members(teams, t.ID), row.TeamID) {
			return row.source(), nil
		}
	}
	return CommentSource{}, ErrCommentNotFound
}

// CommentsOf returns the comments that came from the given responses (a
// person's own, read by internal/threads), newest snapshot first.
func (s *Store) CommentsOf(ctx context.Context, responseIDs []int64) ([]CommentSource, error) {
	if len(responseIDs) == 0 {
		return nil, nil
	}
	var rows []sourceRow
	err := s.db.WithContext(ctx).Table("result_comments").Where("response_id IN ?", responseIDs).
		Order("snapshot_id DESC, question_id, id").Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("results: own comments: %w", err)
	}
	out := make([]CommentSource, len(rows))
	for i, r := range rows {
		out[i] = r.source()
	}
	return out, nil
}

// DeleteComment removes an answer's comment from the results in tx, when
// its author deletes it. No count includes comments, so no number changes.
func DeleteComment(tx *gorm.DB, responseID, questionID int64) error {
	err := tx.Exec("DELETE FROM result_comments WHERE response_id = ? AND question_id = ?", responseID, questionID).Error
	if err != nil {
		return fmt.Errorf("results: delete comment: %w", err)
	}
	return nil
}
