package i18n

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/a-h/templ/parser/v2"
	"github.com/a-h/templ/parser/v2/visitor"
)

// readAttrs are the attributes whose values a person reads (or hears
// from a screen reader).
var readAttrs = map[string]bool{"placeholder": true, "title": true, "aria-label": true, "alt": true, "label": true}

// verbatim are the elements whose text is the same in every language:
// commands, paths and keys.
var verbatim = map[string]bool{"code": true, "pre": true, "kbd": true, "samp": true}

// properNames are proper names, written the same in every language.
var properNames = regexp.MustCompile(`\b(devpulse|Slack|GitHub|GitLab|Jira|PostgreSQL|SQLite|CSV|JSON|API|OIDC|SMTP|URL|PDF|ECharts|htmx|DORA|NPS|eNPS|DX|CSAT|p50|p95|p99)\b`)

// entity matches an HTML character reference, which is not a word.
var entity = regexp.MustCompile(`&#?[A-Za-z0-9]+;`)

// TestTemplatesReadFromCatalogs: no template writes words of its own. Text
// between tags, quoted strings in { } and the attributes people read
// (readAttrs) must come from i18n.T, so every page is in the reader's
// language.
func TestTemplatesReadFromCatalogs(t *testing.T) {
	root := filepath.Join("..", "..", "templates")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".templ") {
			return err
		}
		name, _ := filepath.Rel(root, path)
		for _, w := range literalWords(t, path) {
			t.Errorf("%s: %s: words not from a catalog (use i18n.T)", name, w)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// literalWords returns where a template file writes words itself, as
// "line N: text".
func literalWords(t *testing.T, path string) []string {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	tf, err := parser.ParseString(string(src))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var out []string
	add := func(r parser.Range, s string) {
		if hasWords(s) {
			out = append(out, "line "+strconv.Itoa(int(r.From.Line)+1)+": "+strconv.Quote(strings.TrimSpace(s)))
		}
	}
	v := visitor.New()
	walk := v.Element
	v.Element = func(n *parser.Element) error {
		if verbatim[n.Name] {
			return nil
		}
		return walk(n)
	}
	v.Text = func(n *parser.Text) error {
		add(n.Range, n.Value)
		return nil
	}
	v.ConstantAttribute = func(n *parser.ConstantAttribute) error {
		if readAttrs[n.Key.String()] {
			add(parser.Range{}, n.Value)
		}
		return nil
	}
	v.StringExpression = func(n *parser.StringExpression) error {
		if s, err := strconv.Unquote(strings.TrimSpace(n.Expression.Value)); err == nil {
			add(n.Expression.Range, s)
		}
		return nil
	}
	if err := tf.Visit(v); err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// hasWords reports whether s holds a word: two letters in a row, once
// character references are taken out. Symbols, numbers and single-letter
// statistics (n, r) are the same in every language.
func hasWords(s string) bool {
	prev := false
	for _, c := range properNames.ReplaceAllString(entity.ReplaceAllString(s, " "), " ") {
		isLetter := unicode.IsLetter(c)
		if isLetter && prev {
			return true
		}
		prev = isLetter
	}
	return false
}
