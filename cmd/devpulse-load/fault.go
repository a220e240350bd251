package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/devpulse/devpulse/internal/database"
	"github.com/devpulse/devpulse/internal/responses"
)

// retrying plays respondents like people whose browser shows "try again":
// a respondent whose submission fails (refused connection while the server
// restarts, 503 while the database is down) starts over after a pause,
// until acknowledged (303 to the thank-you page) or the deadline passes.
// Acknowledged tokens are appended to acked; check compares them with the
// database afterwards.
type retrying struct {
	acked   *os.File
	mu      sync.Mutex
	retries atomic.Int64
	// status5xx counts answers of 500 (a bug: an outage must be 503).
	status500 atomic.Int64
	status503 atomic.Int64
}

func (r *retrying) play(play func(string) result, token string, deadline time.Time) result {
	for {
		res := play(token)
		if res.err == nil {
			r.mu.Lock()
			fmt.Fprintln(r.acked, token)
			r.mu.Unlock()
			return res
		}
		msg := res.err.Error()
		switch {
		case strings.Contains(msg, "status 503"):
			r.status503.Add(1)
		case strings.Contains(msg, "status 500"):
			r.status500.Add(1)
		}
		if time.Now().After(deadline) {
			return res
		}
		r.retries.Add(1)
		time.Sleep(time.Second)
	}
}

// check compares acknowledged submissions with the database: each must be
// one submitted response with an answer to every question, no fewer.
func check(args []string) error {
	fs := flag.NewFlagSet("check", flag.ExitOnError)
	dsn := fs.String("database-url", "", "PostgreSQL URL of the server's database")
	file := fs.String("acked", "acked.txt", "tokens whose submission was acknowledged, one a line")
	questions := fs.Int("questions", 40, "questions every submitted response answers")
	fs.Parse(args)
	raw, err := os.ReadFile(*file)
	if err != nil {
		return err
	}
	ctx := context.Background()
	db, err := database.OpenPostgres(ctx, *dsn)
	if err != nil {
		return err
	}
	defer database.Close(db)
	store := responses.NewStore(db)
	seen := map[string]bool{}
	var lost, duplicated, partial, ok int
	for _, token := range strings.Fields(string(raw)) {
		if seen[token] {
			continue // acknowledged twice (a retry after a lost answer): one submission
		}
		seen[token] = true
		inv, err := store.ByToken(ctx, token)
		if err != nil {
			return fmt.Errorf("token %s…: %w", token[:8], err)
		}
		var rows []struct {
			ID        int64
			Submitted bool
			Answered  int
		}
		err = db.Raw(`SELECT r.id, r.submitted, (SELECT count(DISTINCT a.question_id) FROM answers a WHERE a.response_id = r.id) AS answered
			FROM responses r WHERE r.invitation_id = ?`, inv.ID).Scan(&rows).Error
		if err != nil {
			return err
		}
		switch {
		case len(rows) == 0 || !rows[0].Submitted:
			lost++
		case len(rows) > 1:
			duplicated++
		case rows[0].Answered != *questions:
			partial++
		default:
			ok++
		}
	}
	fmt.Printf("acknowledged %d: %d stored whole, %d lost, %d duplicated, %d partial\n", len(seen), ok, lost, duplicated, partial)
	if lost+duplicated+partial > 0 {
		return fmt.Errorf("acknowledged submissions lost, duplicated or partial")
	}
	return nil
}
