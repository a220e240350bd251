package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// runEvent sends events to a running server: devpulse event send ...
func runEvent(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || args[0] != "send" {
		printEventUsage(e.stderr)
		return errors.New("event: say what to do: send")
	}
	return runEventSend(ctx, e, args[1:])
}

func printEventUsage(w io.Writer) {
	fmt.Fprintln(w, "usage:")
	fmt.Fprintln(w, "  devpulse event send --type TYPE --person EMAIL_OR_GITHUB_LOGIN [--key KEY] [--occurred-at RFC3339] [--context k=v ...] [--context-json '{...}']")
	fmt.Fprintln(w, "\nSends one event to the server at $DEVPULSE_URL with the API token in $DEVPULSE_TOKEN (scope events:write).")
}

// contextFlag collects repeated --context k=v pairs.
type contextFlag map[string]any

func (c contextFlag) String() string { return "" }

func (c contextFlag) Set(s string) error {
	k, v, ok := strings.Cut(s, "=")
	if !ok || strings.TrimSpace(k) == "" {
		return fmt.Errorf("%q is not key=value", s)
	}
	c[strings.TrimSpace(k)] = v
	return nil
}

type eventFlags struct {
	typ, person, key, occurredAt, contextJSON string
	context                                   contextFlag
}

func runEventSend(ctx context.Context, e env, args []string) error {
	f := eventFlags{context: contextFlag{}}
	fs := flag.NewFlagSet("devpulse event send", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.StringVar(&f.typ, "type", "", "event type, e.g. terraform.applied (required)")
	fs.StringVar(&f.person, "person", "", "the person's email or GitHub login (required)")
	fs.StringVar(&f.key, "key", "", "unique key of the event, so a retry counts once (default: a random key)")
	fs.StringVar(&f.occurredAt, "occurred-at", "", "when it happened, RFC 3339 (default: now)")
	fs.Var(f.context, "context", "a context field as key=value, a string; repeat for more")
	fs.StringVar(&f.contextJSON, "context-json", "", `context fields as a JSON object, e.g. '{"duration_seconds": 42}'`)
	if err := fs.Parse(args); err != nil {
		return err
	}
	base, token := strings.TrimRight(e.getenv("DEVPULSE_URL"), "/"), e.getenv("DEVPULSE_TOKEN")
	if base == "" || token == "" {
		return errors.New("event send: set DEVPULSE_URL (e.g. https://devpulse.example.com) and DEVPULSE_TOKEN (a token with scope events:write)")
	}
	body, err := f.body()
	if err != nil {
		return err
	}
	return postEvent(ctx, e, base, token, body)
}

// body builds the JSON event; the API validates the rest.
func (f eventFlags) body() ([]byte, error) {
	if f.contextJSON != "" {
		var extra map[string]any
		if err := json.Unmarshal([]byte(f.contextJSON), &extra); err != nil {
			return nil, fmt.Errorf("event send: --context-json is not a JSON object: %w", err)
		}
		for k, v := range extra {
			f.context[k] = v
		}
	}
	if f.key == "" {
		b := make([]byte, 12)
		_, _ = rand.Read(b)
		f.key = "cli-" + hex.EncodeToString(b)
	}
	ev := map[string]any{"type": f.typ, "person": f.person, "key": f.key, "context": map[string]any(f.context)}
	if f.occurredAt != "" {
		ev["occurred_at"] = f.occurredAt
	}
	return json.Marshal(ev)
}

func postEvent(ctx context.Context, e env, base, token string, body []byte) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/api/v1/events", bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("event send: DEVPULSE_URL: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("event send: %w", err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode != http.StatusAccepted && resp.StatusCode != http.StatusOK {
		return fmt.Errorf("event send: the server answered %s: %s", resp.Status, strings.TrimSpace(string(out)))
	}
	fmt.Fprintln(e.stdout, strings.TrimSpace(string(out)))
	return nil
}
