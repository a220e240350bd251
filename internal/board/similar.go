package board

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxSimilar is how many similar items the duplicate hint lists.
const maxSimilar = 5

// minWord is the shortest word the duplicate hint searches for; shorter
// ones match inside too many others. Acronyms in capitals (API, SSO) count
// from three letters; two ("CI") would still match inside "specific".
const minWord = 4

// commonWords match nearly every item, so the hint never searches for them.
var commonWords = []string{"with", "when", "that", "this", "from", "have", "does", "doesn't", "into", "takes",
	"there", "their", "about", "after", "before", "should", "would", "could", "very", "than", "then", "what"}

// SimilarWords are the words of a title the duplicate hint searches for:
// words of at least four letters, or acronyms such as API, without the
// most common ones, each once, the longest first (at most five).
func SimilarWords(title string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(title, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' }) {
		acronym := utf8.RuneCountInString(w) >= 3 && strings.ToUpper(w) == w && strings.ToLower(w) != w
		w = strings.ToLower(w)
		if (utf8.RuneCountInString(w) < minWord && !acronym) || slices.Contains(commonWords, w) || slices.Contains(out, w) {
			continue
		}
		out = append(out, w)
	}
	slices.SortStableFunc(out, func(a, b string) int { return utf8.RuneCountInString(b) - utf8.RuneCountInString(a) })
	return out[:min(len(out), 5)]
}

// Similar lists the open items whose title or description shares words
// with title, those sharing the most first, then by votes: the duplicate
// hint shown while someone types a new item's title. It is the list's
// search, by word.
func (s *Store) Similar(ctx context.Context, title string) ([]ListItem, error) {
	words := SimilarWords(title)
	if len(words) == 0 {
		return nil, nil
	}
	items, err := s.List(ctx, Query{Words: words, Sort: sortMatches})
	if err != nil {
		return nil, fmt.Errorf("board store: similar: %w", err)
	}
	return items[:min(len(items), maxSimilar)], nil
}
