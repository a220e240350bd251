// Package input holds the checks every piece of text from outside passes
// before devpulse stores it: valid UTF-8 without NUL characters (PostgreSQL
// refuses both, SQLite would store the bytes as sent) and lengths within
// limits. Forms, CSV files and the API all use the same rules, so both
// databases see the same text.
package input

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/devpulse/devpulse/internal/i18n"
)

// Clean reports whether s is valid UTF-8 without a NUL character.
func Clean(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsRune(s, 0)
}

// Problem says what is wrong with s as text of at most max characters
// (no limit when max is 0), or the zero Message when nothing is.
func Problem(s string, max int) Message {
	switch {
	case !utf8.ValidString(s):
		return M("input.not_utf8")
	case strings.ContainsRune(s, 0):
		return M("input.nul")
	}
	if n := utf8.RuneCountInString(s); max > 0 && n > max {
		return M("input.too_long", "Max", max, "Length", n)
	}
	return Message{}
}

// Truncate shortens s to at most max bytes on a character boundary,
// marking the cut with an ellipsis.
func Truncate(s string, limit int) string {
	if len(s) <= limit {
		return s
	}
	const ellipsis = "…"
	cut := max(limit-len(ellipsis), 0)
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + ellipsis
}

// Describe writes field messages as one error text, fields in order:
// "board: invalid: title: Give a title; tool: Choose a tool". Every
// package's validation error reads the same way. A field's message is
// plain text or a Message, which writes itself in English here; pages
// show a Message in the reader's language (Message.In).
func Describe[M any](prefix string, fields map[string]M) string {
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, k+": "+fmt.Sprint(fields[k]))
	}
	return prefix + ": invalid: " + strings.Join(parts, "; ")
}

// Message is what a person is told about one field: a message catalog ID
// and its placeholders as name, value pairs (see i18n.T). The domain
// decides what is wrong; the page that shows it decides the language.
type Message struct {
	ID   string
	Args []any
}

// M is a Message: input.M("board.invalid.title_long", "Max", 200).
func M(id string, args ...any) Message { return Message{ID: id, Args: args} }

// In writes the message in the language of ctx's reader.
func (m Message) In(ctx context.Context) string { return i18n.T(ctx, m.ID, m.Args...) }

// String writes the message in English, for logs and API errors; the
// zero Message is "".
func (m Message) String() string {
	if m.ID == "" {
		return ""
	}
	return i18n.For(i18n.English).T(m.ID, m.Args...)
}
