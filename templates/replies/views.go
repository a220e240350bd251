// Package replies renders threads of replies to survey comments: the
// page a lead, executive or admin replies on, and the author's own
// comments. Neither shows who wrote a comment.
package replies

import (
	"context"
	"fmt"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/input"
	"github.com/devpulse/devpulse/internal/threads"
)

// Comment is one comment with its thread and the reply form as entered.
type Comment struct {
	Thread threads.View
	// Driver is the name of the driver the comment is about, if any.
	Driver string
	// Draft and Error are the form as entered and what is wrong with it.
	Draft string
	Error input.Message
}

// StaffView is the thread page of a lead, executive or admin.
type StaffView struct {
	Comment Comment
	Flash   string
}

// MineView is a person's own comments with their threads.
type MineView struct {
	Comments []Comment
	Flash    string
}

func commentPath(id int64, rest string) string { return fmt.Sprintf("/comments/%d%s", id, rest) }

func minePath(id int64, rest string) string { return fmt.Sprintf("/me/comments/%d%s", id, rest) }

func anchor(id int64) string { return fmt.Sprintf("comment-%d", id) }

// who names an entry's writer: the replier by name, the author as "the
// author" to staff and as "you" to the author.
func who(ctx context.Context, e threads.Entry, mine bool) string {
	switch {
	case !e.FromAuthor:
		return e.Replier
	case mine:
		return i18n.T(ctx, "board.reply.you")
	}
	return i18n.T(ctx, "board.reply.the_author")
}
