package pulse

import (
	"encoding/json"
	"fmt"
	"path"
	"regexp"
	"strings"
	"time"

	"github.com/devpulse/devpulse/internal/input"
)

// Definition is a programme as an admin or a repository describes it.
type Definition struct {
	Key       string `json:"key"`
	Name      string `json:"name"`
	OwnerTeam string `json:"owner_team"`
	Trigger   struct {
		Type string `json:"type"`
		Conditions
	} `json:"trigger"`
	Questions     Questions `json:"questions"`
	SamplePercent int       `json:"sample_percent"`
	DelayMinutes  int       `json:"delay_minutes"`
	ExpiryHours   int       `json:"expiry_hours"`
	// ActiveFrom and ActiveUntil are dates (2026-12-01) or RFC 3339 times; empty is open.
	ActiveFrom  string `json:"active_from,omitempty"`
	ActiveUntil string `json:"active_until,omitempty"`
	Paused      bool   `json:"paused"`
	Driver      string `json:"driver,omitempty"`
}

// FieldError is one problem of a definition: Message in English for the
// API, Text for a page in the reader's language.
type FieldError struct {
	Field   string        `json:"field"`
	Message string        `json:"message"`
	Text    input.Message `json:"-"`
}

// problem is a FieldError from a catalog message (pulse.en.toml, keys
// pulse.invalid.*).
func problem(field, id string, args ...any) FieldError {
	m := input.M("pulse.invalid."+id, args...)
	return FieldError{Field: field, Message: m.String(), Text: m}
}

// InvalidError lists every problem of a definition.
type InvalidError struct{ Errors []FieldError }

func (e *InvalidError) Error() string { return fmt.Sprintf("pulse: %d problems", len(e.Errors)) }

// Unwrap makes errors.Is(err, ErrInvalid) true.
func (e *InvalidError) Unwrap() error { return ErrInvalid }

// Texts maps each field to its first problem, for forms.
func (e *InvalidError) Texts() map[string]input.Message {
	out := map[string]input.Message{}
	for _, fe := range e.Errors {
		if _, ok := out[fe.Field]; !ok {
			out[fe.Field] = fe.Text
		}
	}
	return out
}

var (
	keyRe  = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)
	typeRe = regexp.MustCompile(`^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)*$`)
)

// check validates everything that needs no database and builds the
// programme; the owning team and the driver are resolved by the store.
func (d Definition) check() (Programme, []FieldError) {
	var errs []FieldError
	add := func(f, id string) { errs = append(errs, problem(f, id)) }
	p := Programme{Key: strings.TrimSpace(d.Key), Name: strings.TrimSpace(d.Name), EventType: strings.TrimSpace(d.Trigger.Type),
		SamplePercent: d.SamplePercent, DelayMinutes: d.DelayMinutes, ExpiryHours: d.ExpiryHours, Paused: d.Paused, DriverKey: strings.TrimSpace(d.Driver)}
	if !keyRe.MatchString(p.Key) {
		add("key", "key")
	}
	if p.Name == "" || len(p.Name) > 120 {
		add("name", "name")
	}
	if strings.TrimSpace(d.OwnerTeam) == "" {
		add("owner_team", "owner_team")
	}
	if !typeRe.MatchString(p.EventType) || len(p.EventType) > 64 {
		add("trigger.type", "trigger_type")
	}
	if d.Trigger.Repository != "" {
		if _, err := path.Match(d.Trigger.Repository, ""); err != nil {
			add("trigger.repository", "repository")
		}
	}
	cond, _ := json.Marshal(d.Trigger.Conditions)
	p.Conditions = string(cond)
	errs = append(errs, d.Questions.check()...)
	q, _ := json.Marshal(d.Questions)
	p.Questions = string(q)
	if p.SamplePercent < 1 || p.SamplePercent > 100 {
		add("sample_percent", "sample_percent")
	}
	if p.DelayMinutes < 0 || p.DelayMinutes > 7*24*60 {
		add("delay_minutes", "delay_minutes")
	}
	if p.ExpiryHours < 1 || p.ExpiryHours > 30*24 {
		add("expiry_hours", "expiry_hours")
	}
	var err error
	if p.ActiveFrom, err = parseWhen(d.ActiveFrom); err != nil {
		add("active_from", "when")
	}
	if p.ActiveUntil, err = parseWhen(d.ActiveUntil); err != nil {
		add("active_until", "when")
	}
	if p.ActiveFrom != nil && p.ActiveUntil != nil && !p.ActiveUntil.After(*p.ActiveFrom) {
		add("active_until", "active_until_order")
	}
	return p, errs
}

func (q Questions) check() []FieldError {
	var errs []FieldError
	if t := strings.TrimSpace(q.Rating); t == "" || len(t) > 300 {
		errs = append(errs, problem("questions.rating", "rating"))
	}
	if len(q.Comment) > 300 {
		errs = append(errs, problem("questions.comment", "comment"))
	}
	if q.Choice != nil {
		opts := 0
		for _, o := range q.Choice.Options {
			if strings.TrimSpace(o) != "" {
				opts++
			}
		}
		if strings.TrimSpace(q.Choice.Prompt) == "" || opts < 2 || opts > 8 {
			errs = append(errs, problem("questions.choice", "choice"))
		}
	}
	return errs
}

func parseWhen(s string) (*time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return &t, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return nil, fmt.Errorf("must be a date (2026-12-01) or an RFC 3339 time")
	}
	t = t.UTC()
	return &t, nil
}

// ParsedQuestions decodes the programme's questions.
func (p Programme) ParsedQuestions() Questions {
	var q Questions
	_ = json.Unmarshal([]byte(p.Questions), &q)
	return q
}

// ParsedConditions decodes the programme's trigger conditions.
func (p Programme) ParsedConditions() Conditions {
	var c Conditions
	_ = json.Unmarshal([]byte(p.Conditions), &c)
	return c
}

// Matches reports whether an event's context meets the conditions.
func (c Conditions) Matches(ctx map[string]any) bool {
	if c.Repository != "" {
		repo, _ := ctx["repository"].(string)
		_, short, _ := strings.Cut(repo, "/")
		ok1, _ := path.Match(c.Repository, repo)
		ok2, _ := path.Match(c.Repository, short)
		if repo == "" || (!ok1 && !ok2) {
			return false
		}
	}
	if c.Label != "" && !hasLabel(ctx["labels"], c.Label) {
		return false
	}
	for k, want := range c.Equals {
		if fmt.Sprint(ctx[k]) != want {
			return false
		}
	}
	return true
}

func hasLabel(v any, label string) bool {
	list, _ := v.([]any)
	for _, l := range list {
		if s, ok := l.(string); ok && strings.EqualFold(s, label) {
			return true
		}
	}
	return false
}

// Definition returns the programme as a definition, for forms and the API.
func (p Programme) Definition(ownerTeam string) Definition {
	var d Definition
	d.Key, d.Name, d.OwnerTeam = p.Key, p.Name, ownerTeam
	d.Trigger.Type, d.Trigger.Conditions = p.EventType, p.ParsedConditions()
	d.Questions = p.ParsedQuestions()
	d.SamplePercent, d.DelayMinutes, d.ExpiryHours, d.Paused, d.Driver = p.SamplePercent, p.DelayMinutes, p.ExpiryHours, p.Paused, p.DriverKey
	if p.ActiveFrom != nil {
		d.ActiveFrom = p.ActiveFrom.UTC().Format("2006-01-02")
	}
	if p.ActiveUntil != nil {
		d.ActiveUntil = p.ActiveUntil.UTC().Format("2006-01-02")
	}
	return d
}
