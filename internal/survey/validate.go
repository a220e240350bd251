package survey

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/devpulse/devpulse/internal/input"
)

// Limits on what a question may hold.
const (
	MaxPromptLength     = 500
	DefaultTextLength   = 2000
	MaxTextLength       = 10000
	MinChoices          = 2
	MinAllocationFields = 2
	// MaxTitleLength bounds snapshot and section titles, MaxNameLength
	// driver names and categories, MaxOptionLength a choice or category
	// and MaxOptions how many a question lists.
	MaxTitleLength  = 200
	MaxNameLength   = 100
	MaxOptionLength = 200
	MaxOptions      = 50
	MaxHelpLength   = 1000
)

// checkTitle returns why a title cannot be stored, or "".
func checkTitle(title, what string) string {
	if msg := input.Problem(title, 0).String(); msg != "" {
		return msg
	}
	if n := utf8.RuneCountInString(title); n > MaxTitleLength {
		return fmt.Sprintf("Keep the %s to %d characters; it has %d.", what, MaxTitleLength, n)
	}
	return ""
}

// Validate checks a question's definition. Keys are the builder's field names.
func (q Question) Validate() FieldErrors {
	errs := FieldErrors{}
	switch n := utf8.RuneCountInString(strings.TrimSpace(q.Prompt)); {
	case n == 0:
		errs["prompt"] = "Write the question people will answer."
	case n > MaxPromptLength:
		errs["prompt"] = fmt.Sprintf("Keep the question under %d characters (it has %d).", MaxPromptLength, n)
	case !input.Clean(q.Prompt):
		errs["prompt"] = input.Problem(q.Prompt, 0).String()
	}
	if msg := input.Problem(q.Help, MaxHelpLength).String(); msg != "" {
		errs["help"] = msg
	}
	for field, msg := range q.Kind.Behaviour().Check(q) {
		errs[field] = msg
	}
	return errs
}

func checkList(items []string, min int, what string) string {
	seen := map[string]bool{}
	if len(items) > MaxOptions {
		return fmt.Sprintf("List at most %d %s; there are %d.", MaxOptions, what, len(items))
	}
	for _, it := range items {
		key := strings.ToLower(strings.TrimSpace(it))
		if key == "" {
			return fmt.Sprintf("Remove the empty %s line.", strings.TrimSuffix(what, "s"))
		}
		if msg := input.Problem(it, MaxOptionLength).String(); msg != "" {
			return fmt.Sprintf("%.40q: %s", it, msg)
		}
		if seen[key] {
			return fmt.Sprintf("%q is listed twice.", it)
		}
		seen[key] = true
	}
	if len(items) < min {
		return fmt.Sprintf("List at least %d %s, one per line.", min, what)
	}
	return ""
}

// ValidateSchedule checks that a snapshot can be scheduled: a title, open
// and close times in order with the close in the future, at least one
// question, and enough drivers for every priority question.
func ValidateSchedule(s Snapshot, questions []Question, now time.Time) FieldErrors {
	errs := FieldErrors{}
	if strings.TrimSpace(s.Title) == "" {
		errs["title"] = "Give the snapshot a title, for example \"2026 Q4\"."
	}
	if _, err := time.LoadLocation(s.TimeZone); err != nil || s.TimeZone == "" {
		errs["time_zone"] = "Choose a time zone such as Europe/Berlin or UTC."
	}
	// Every missing field is flagged at once, not one per attempt.
	if s.OpensAt == nil {
		errs["opens_at"] = "Set when the snapshot opens."
	}
	switch {
	case s.ClosesAt == nil:
		errs["closes_at"] = "Set when the snapshot closes."
	case s.OpensAt != nil && !s.ClosesAt.After(*s.OpensAt):
		errs["closes_at"] = "The close time must be after the open time."
	case !s.ClosesAt.After(now):
		errs["closes_at"] = "The close time is in the past."
	}
	if len(questions) == 0 {
		errs["questions"] = "Add at least one question."
	}
	if msg := checkPriorities(questions); msg != "" {
		errs["questions"] = msg
	}
	return errs
}

// checkPriorities: a priority question picks among the snapshot's rated
// drivers, so it needs at least three of them.
func checkPriorities(questions []Question) string {
	drivers := len(DriverKeys(questions))
	for _, q := range questions {
		if q.Kind == KindPriority && drivers < MaxPriorityPicks {
			return fmt.Sprintf("A priority question needs at least %d rated drivers in the snapshot; it has %d.", MaxPriorityPicks, drivers)
		}
	}
	return ""
}

// DriverKeys lists, in order, the keys of the drivers a snapshot rates:
// the options of its priority questions.
func DriverKeys(questions []Question) []string {
	var keys []string
	seen := map[string]bool{}
	for _, q := range questions {
		if q.Kind == KindRating && q.DriverID != nil && q.Key != "" && !seen[q.Key] {
			seen[q.Key] = true
			keys = append(keys, q.Key)
		}
	}
	return keys
}
