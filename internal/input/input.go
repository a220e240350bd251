// Package input holds the checks every piece of text from outside passes
// before devpulse stores it: valid UTF-8 without NUL characters (PostgreSQL
// refuses both, SQLite would store the bytes as sent) and lengths within
// limits. Forms, CSV files and the API all use the same rules, so both
// databases see the same text.
package input

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Clean reports whether s is valid UTF-8 without a NUL character.
func Clean(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsRune(s, 0)
}

// Problem says what is wrong with s as text of at most max characters
// (no limit when max is 0), or "" when nothing is.
func Problem(s string, max int) string {
	switch {
	case !utf8.ValidString(s):
		return "Contains bytes that are not valid UTF-8 text; save the file or text as UTF-8."
	case strings.ContainsRune(s, 0):
		return "Contains a NUL character; remove it."
	}
	if n := utf8.RuneCountInString(s); max > 0 && n > max {
		return fmt.Sprintf("Keep it to %d characters; this has %d.", max, n)
	}
	return ""
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
// package's validation error reads the same way.
func Describe(prefix string, fields map[string]string) string {
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, k+": "+fields[k])
	}
	return prefix + ": invalid: " + strings.Join(parts, "; ")
}
