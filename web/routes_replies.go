package web

import (
	"net/http"

	"github.com/devpulse/devpulse/internal/auth"
)

// replyRoutes: replies to survey comments. Readers reply to the comments
// their dashboards show (the service checks which); everyone reads and
// answers replies to their own comments.
func (s *Server) replyRoutes() {
	s.handle(http.MethodGet, "/comments/:comment", s.showCommentThread, auth.Reader)
	s.handle(http.MethodPost, "/comments/:comment/replies", s.replyToComment, auth.Reader)
	s.handle(http.MethodGet, "/me/comments", s.showMyComments, auth.SignedIn)
	s.handle(http.MethodPost, "/me/comments/:comment/answer", s.answerMyComment, auth.SignedIn)
	s.handle(http.MethodPost, "/me/comments/:comment/delete", s.deleteMyComment, auth.SignedIn)
}
