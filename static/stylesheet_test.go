package static

import (
	"regexp"
	"strings"
	"testing"
)

// A block left open swallows every rule after it without a word from
// the browser (a merge once dropped one closing brace, and the heatmap,
// present mode and link underlines below it stopped applying): every
// stylesheet's braces must close, and never close what is not open.
func TestStylesheetBlocksClose(t *testing.T) {
	comments := regexp.MustCompile(`(?s)/\*.*?\*/`)
	for _, name := range []string{"css/app.css"} {
		b, err := files.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		depth := 0
		for n, line := range strings.Split(comments.ReplaceAllStringFunc(string(b), func(c string) string {
			return strings.Repeat("\n", strings.Count(c, "\n"))
		}), "\n") {
			depth += strings.Count(line, "{") - strings.Count(line, "}")
			if depth < 0 {
				t.Fatalf("%s line %d closes a block that is not open", name, n+1)
			}
		}
		if depth != 0 {
			t.Errorf("%s leaves %d block(s) open at its end", name, depth)
		}
	}
}
