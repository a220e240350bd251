package survey

import (
	"fmt"
	"slices"
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

// checkTitle returns why a title cannot be stored, or the zero Message;
// what is "title" or "section_title".
func checkTitle(title, what string) input.Message {
	if msg := input.Problem(title, 0); msg.ID != "" {
		return msg
	}
	if n := utf8.RuneCountInString(title); n > MaxTitleLength {
		return input.M("admin.invalid."+what+"_long", "Max", MaxTitleLength, "Length", n)
	}
	return input.Message{}
}

// Validate checks a question's definition. Keys are the builder's field names.
func (q Question) Validate() Problems {
	errs := Problems{}
	switch n := utf8.RuneCountInString(strings.TrimSpace(q.Prompt)); {
	case n == 0:
		errs["prompt"] = input.M("admin.invalid.prompt_empty")
	case n > MaxPromptLength:
		errs["prompt"] = input.M("admin.invalid.prompt_long", "Max", MaxPromptLength, "Length", n)
	case !input.Clean(q.Prompt):
		errs["prompt"] = input.Problem(q.Prompt, 0)
	}
	if msg := input.Problem(q.Help, MaxHelpLength); msg.ID != "" {
		errs["help"] = msg
	}
	for field, msg := range q.Kind.Behaviour().Check(q) {
		errs[field] = msg
	}
	return errs
}

// checkList returns what is wrong with a question's list of choices or
// categories (what), or the zero Message.
func checkList(items []string, min int, what string) input.Message {
	seen := map[string]bool{}
	if len(items) > MaxOptions {
		return input.M("admin.invalid."+what+".too_many", "Max", MaxOptions, "Items", len(items))
	}
	for _, it := range items {
		key := strings.ToLower(strings.TrimSpace(it))
		if key == "" {
			return input.M("admin.invalid." + what + ".empty_line")
		}
		if msg := input.Problem(it, MaxOptionLength); msg.ID != "" {
			return input.M("admin.invalid.item", "Item", fmt.Sprintf("%.40q", it), "Problem", msg)
		}
		if seen[key] {
			return input.M("admin.invalid.twice", "Item", fmt.Sprintf("%q", it))
		}
		seen[key] = true
	}
	if len(items) < min {
		return input.M("admin.invalid."+what+".too_few", "Min", min)
	}
	return input.Message{}
}

// ValidateSchedule checks that a snapshot can be scheduled: a title, open
// and close times in order with the close in the future, at least one
// question, and enough drivers for every priority question.
func ValidateSchedule(s Snapshot, questions []Question, now time.Time) Problems {
	errs := Problems{}
	if strings.TrimSpace(s.Title) == "" {
		errs["title"] = input.M("admin.invalid.title_empty")
	}
	if _, err := time.LoadLocation(s.TimeZone); err != nil || s.TimeZone == "" {
		errs["time_zone"] = input.M("admin.invalid.time_zone")
	}
	// Every missing field is flagged at once, not one per attempt.
	if s.OpensAt == nil {
		errs["opens_at"] = input.M("admin.invalid.opens_unset")
	}
	switch {
	case s.ClosesAt == nil:
		errs["closes_at"] = input.M("admin.invalid.closes_unset")
	case s.OpensAt != nil && !s.ClosesAt.After(*s.OpensAt):
		errs["closes_at"] = input.M("admin.invalid.closes_before_opens")
	case !s.ClosesAt.After(now):
		errs["closes_at"] = input.M("admin.invalid.closes_past")
	}
	if len(questions) == 0 {
		errs["questions"] = input.M("admin.invalid.no_questions")
	}
	if msg := checkPriorities(questions); msg.ID != "" {
		errs["questions"] = msg
	}
	return errs
}

// checkPriorities: a priority question picks among the snapshot's rated
// drivers, so it needs at least three of them.
func checkPriorities(questions []Question) input.Message {
	drivers := len(DriverKeys(questions))
	for _, q := range questions {
		if q.Kind == KindPriority && drivers < MaxPriorityPicks {
			return input.M("admin.invalid.priority_drivers", "Min", MaxPriorityPicks, "Rated", drivers)
		}
	}
	return input.Message{}
}

// OffersDrivers reports whether any of questions offers the rated drivers
// as its options (a priority pick): a survey page without one needs no
// driver names.
func OffersDrivers(questions []Question) bool {
	return slices.ContainsFunc(questions, func(q Question) bool { return q.Kind == KindPriority })
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
