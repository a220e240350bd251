package pulse

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/devpulse/devpulse/internal/insight"
)

// Week is one programme's numbers for one ISO week. Under the minimum
// group size (fewer than k answers) Shown is false and every number and
// comment is left out.
type Week struct {
	Week    string
	Shown   bool
	Asks    int
	Answers int
	// ResponseRate is answers / asks sent; Favorable the share of 4 and 5.
	ResponseRate insight.Score
	Favorable    insight.Score
	// Distribution counts ratings 1..5.
	Distribution [5]int
	Choices      map[string]int
	Comments     []Comment
}

// Comment is a comment with the context of its event.
type Comment struct {
	Text   string
	Choice string
	// Context holds the event's fields; identifying ones only when the
	// person agreed to share them.
	Context []Field
}

// Field is one context field, for display.
type Field struct{ Key, Value string }

// Weekly returns a programme's weeks, newest first, under the minimum
// group size k. Only programme x week cells are shown (never a team's
// part of a week), so no shown numbers subtract to a smaller group.
func (s *Service) Weekly(ctx context.Context, programmeID int64, k int) ([]Week, error) {
	db := s.db.WithContext(ctx)
	weeks := map[string]*Week{}
	get := func(w string) *Week {
		if weeks[w] == nil {
			weeks[w] = &Week{Week: w, Choices: map[string]int{}}
		}
		return weeks[w]
	}
	var asks []struct {
		ISOWeek string
		N       int
	}
	err := db.Raw(`SELECT iso_week, COUNT(*) AS n FROM pulse_asks WHERE programme_id = ? AND state IN (?, ?) GROUP BY iso_week`,
		programmeID, StateOpen, StateAnswered).Scan(&asks).Error
	if err != nil {
		return nil, fmt.Errorf("pulse: asks of %d: %w", programmeID, err)
	}
	for _, a := range asks {
		get(a.ISOWeek).Asks = a.N
	}
	var answers []Answer
	if err := db.Where("programme_id = ?", programmeID).Order("id").Find(&answers).Error; err != nil {
		return nil, fmt.Errorf("pulse: answers of %d: %w", programmeID, err)
	}
	for _, a := range answers {
		w := get(a.ISOWeek)
		w.Answers++
		w.Distribution[a.Rating-1]++
		if a.Choice != "" {
			w.Choices[a.Choice]++
		}
		if a.Comment != "" {
			w.Comments = append(w.Comments, Comment{Text: a.Comment, Choice: a.Choice, Context: contextOf(a.Context, a.ShareContext)})
		}
	}
	out := make([]Week, 0, len(weeks))
	for _, w := range weeks {
		w.Shown = w.Answers >= k
		if !w.Shown {
			*w = Week{Week: w.Week}
		} else {
			w.ResponseRate = insight.Percent(w.Answers, w.Asks)
			w.Favorable = favorable(w.Distribution)
		}
		out = append(out, *w)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Week > out[j].Week })
	return out, nil
}

// favorable is the favorable share of ratings 1..5, by insight's rule.
func favorable(counts [5]int) insight.Score {
	var d insight.Distribution
	for i, n := range counts {
		_ = d.Add(i+1, n) // ratings 1..5, counted: never out of range
	}
	return d.Score()
}

// identifyingKeys name context fields that point at one person's work.
var identifyingKeys = map[string]bool{"commit": true, "sha": true, "head_sha": true, "pr_number": true, "branch": true, "actor": true, "author": true, "user": true}

// Identifying reports whether a context field could identify the person:
// links, ids, exact times, commits, branches and PR numbers.
func Identifying(key string) bool {
	k := strings.ToLower(key)
	return identifyingKeys[k] || k == "url" || strings.HasSuffix(k, "_url") || strings.HasSuffix(k, "_id") || strings.HasSuffix(k, "_at")
}

func contextOf(raw string, share bool) []Field {
	var m map[string]any
	_ = json.Unmarshal([]byte(raw), &m)
	return ContextFields(m, share)
}

// ContextFields lists context for display, sorted by key; identifying
// fields only when share is true.
func ContextFields(m map[string]any, share bool) []Field {
	var out []Field
	for k, v := range m {
		if Identifying(k) && !share {
			continue
		}
		var val string
		switch x := v.(type) {
		case string:
			val = x
		case []any:
			parts := make([]string, 0, len(x))
			for _, p := range x {
				parts = append(parts, fmt.Sprint(p))
			}
			val = strings.Join(parts, ", ")
		default:
			b, _ := json.Marshal(x)
			val = string(b)
		}
		out = append(out, Field{k, val})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}
