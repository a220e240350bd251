package events

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"time"
)

// Limits of one event.
const (
	maxKey     = 200
	maxType    = 64
	maxPerson  = 320
	maxContext = 16 << 10
	// maxFuture tolerates clocks that run a little ahead.
	maxFuture = time.Hour
)

var typeRe = regexp.MustCompile(`^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)*$`)

// Input is one event as a tool sends it.
type Input struct {
	Type   string `json:"type"`
	Person string `json:"person"`
	Key    string `json:"key"`
	// OccurredAt is RFC 3339; empty means when it arrived.
	OccurredAt string          `json:"occurred_at"`
	Context    json.RawMessage `json:"context"`
}

// checked is a valid input, normalised.
type checked struct {
	in         Input
	person     string
	occurredAt time.Time
	context    string
}

// validate checks one input and returns its problems.
func validate(i int, in Input, now time.Time) (checked, []FieldError) {
	var errs []FieldError
	add := func(field, msg string) { errs = append(errs, FieldError{Index: i, Field: field, Message: msg}) }
	c := checked{in: in, person: strings.ToLower(strings.TrimSpace(in.Person)), occurredAt: now}
	switch {
	case in.Type == "":
		add("type", "is required, for example deploy.completed")
	case len(in.Type) > maxType || !typeRe.MatchString(in.Type):
		add("type", "must be lower-case words separated by dots, for example pr.merged (at most 64 characters)")
	}
	switch {
	case c.person == "":
		add("person", "is required: the person's email or GitHub login")
	case len(c.person) > maxPerson:
		add("person", "is longer than 320 characters")
	}
	switch {
	case strings.TrimSpace(in.Key) == "":
		add("key", "is required and must be unique per event, so a retried request counts once")
	case len(in.Key) > maxKey:
		add("key", "is longer than 200 characters")
	}
	if in.OccurredAt != "" {
		t, err := time.Parse(time.RFC3339, in.OccurredAt)
		switch {
		case err != nil:
			add("occurred_at", "must be an RFC 3339 time such as 2026-12-05T10:30:00Z")
		case t.After(now.Add(maxFuture)):
			add("occurred_at", "is more than an hour in the future")
		default:
			c.occurredAt = t.UTC()
		}
	}
	ctx, msg := normaliseContext(in.Context)
	if msg != "" {
		add("context", msg)
	}
	c.context = ctx
	return c, errs
}

// normaliseContext checks that the context is a JSON object and compacts it.
func normaliseContext(raw json.RawMessage) (string, string) {
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) == 0 || string(trimmed) == "null" {
		return "{}", ""
	}
	if len(trimmed) > maxContext {
		return "", "is larger than 16 KiB"
	}
	var obj map[string]json.RawMessage
	if trimmed[0] != '{' || json.Unmarshal(trimmed, &obj) != nil {
		return "", `must be a JSON object such as {"repository": "infra-live"}`
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, trimmed); err != nil {
		return "", "is not valid JSON"
	}
	return buf.String(), ""
}
