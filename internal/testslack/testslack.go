// Package testslack runs slack-go's slacktest server, which speaks the
// Slack Web API locally, and captures every chat.postMessage it receives.
package testslack

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/slack-go/slack/slacktest"
)

// Post is one captured chat.postMessage call.
type Post struct {
	Channel string
	Text    string
	Token   string
	// Blocks is the raw Block Kit JSON, when the message has blocks.
	Blocks string
	// TS is the timestamp the server gave the message (chat.update: the
	// message updated).
	TS string
}

// Server is a running local Slack Web API.
type Server struct {
	srv     *slacktest.Server
	mu      sync.Mutex
	posts   []Post
	updates []Post
}

// Start runs the server until the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	s := &Server{}
	s.srv = slacktest.NewTestServer(func(c slacktest.Customize) {
		c.Handle("/chat.postMessage", s.capture)
		c.Handle("/chat.update", s.captureUpdate)
	})
	s.srv.Start()
	t.Cleanup(s.srv.Stop)
	return s
}

// APIURL is the DEVPULSE_SLACK_API_URL that reaches this server.
func (s *Server) APIURL() string { return s.srv.GetAPIURL() }

func (s *Server) capture(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	token := r.FormValue("token")
	if auth := r.Header.Get("Authorization"); len(auth) > 7 {
		token = auth[7:]
	}
	s.mu.Lock()
	ts := fmt.Sprintf("1700000000.%06d", len(s.posts)+100)
	s.posts = append(s.posts, Post{Channel: r.FormValue("channel"), Text: r.FormValue("text"), Token: token, Blocks: r.FormValue("blocks"), TS: ts})
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"ok": true, "channel": r.FormValue("channel"), "ts": ts})
}

func (s *Server) captureUpdate(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	s.updates = append(s.updates, Post{Channel: r.FormValue("channel"), Text: r.FormValue("text"), Blocks: r.FormValue("blocks"), TS: r.FormValue("ts")})
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"ok": true, "channel": r.FormValue("channel"), "ts": r.FormValue("ts")})
}

// Updates returns the chat.update calls so far.
func (s *Server) Updates() []Post {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Post(nil), s.updates...)
}

// Posts returns the messages posted so far.
func (s *Server) Posts() []Post {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Post(nil), s.posts...)
}

// Wait waits until at least n messages were posted, or fails the test.
func (s *Server) Wait(t testing.TB, n int) []Post {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if p := s.Posts(); len(p) >= n {
			return p
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("testslack: %d posts, want %d", len(s.Posts()), n)
	return nil
}
