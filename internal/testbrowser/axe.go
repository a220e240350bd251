package testbrowser

import (
	"bytes"
	"compress/gzip"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// axe-core (npm axe-core 4.14.1, MPL-2.0, licence in the file's header),
// gzipped. Only tests import this package, so the script never reaches
// the app's binary or its users: Axe injects it into the page under test.
//
//go:embed testdata/axe.min.js.gz
var axeGz []byte

var axeSource = sync.OnceValues(func() (string, error) {
	zr, err := gzip.NewReader(bytes.NewReader(axeGz))
	if err != nil {
		return "", err
	}
	src, err := io.ReadAll(zr)
	return string(src), err
})

// Violation is one axe-core rule the page breaks, with the elements that
// break it.
type Violation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"` // minor, moderate, serious or critical
	Help   string `json:"help"`
	Nodes  []Node `json:"nodes"`
}

// Node is one element that breaks a rule: its CSS selector and axe's
// summary of what to fix.
type Node struct {
	Target  string `json:"target"`
	Summary string `json:"summary"`
}

// Serious reports whether the violation is serious or critical, the
// impacts the accessibility test refuses.
func (v Violation) Serious() bool { return v.Impact == "serious" || v.Impact == "critical" }

// axeRun runs every WCAG A and AA rule and best practice on the whole
// document, and keeps only what a report needs. Frames are left out:
// axe cannot reach a frame it was not injected into, and the one framed
// document the app has (the email preview) is tested as a page of its own.
const axeRun = `(async () => {
  const r = await axe.run(document, {resultTypes: ['violations'], iframes: false});
  return r.violations.map(v => ({id: v.id, impact: v.impact || '', help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: (n.failureSummary || '').replace(/\s+/g, ' ').trim()}))}));
})()`

// Axe injects axe-core into the current page (once per document) and
// returns the rules the page breaks.
func (b *Browser) Axe() []Violation {
	b.t.Helper()
	src, err := axeSource()
	if err != nil {
		b.t.Fatalf("axe-core: %v", err)
	}
	var out []Violation
	// A page whose policy forbids scripts would keep axe waiting forever.
	ctx, cancel := context.WithTimeout(b.ctx, time.Minute)
	defer cancel()
	err = chromedp.Run(ctx, chromedp.ActionFunc(func(ctx context.Context) error {
		var loaded bool
		if err := chromedp.Evaluate(`typeof window.axe === 'object'`, &loaded).Do(ctx); err != nil {
			return err
		}
		if !loaded {
			_, exc, err := runtime.Evaluate(src).Do(ctx)
			if err != nil {
				return err
			}
			if exc != nil {
				return fmt.Errorf("inject: %s", exc.Error())
			}
		}
		var raw json.RawMessage
		if err := chromedp.Evaluate(axeRun, &raw, awaitPromise).Do(ctx); err != nil {
			return err
		}
		return json.Unmarshal(raw, &out)
	}))
	if err != nil {
		b.t.Fatalf("axe-core: %v", err)
	}
	return out
}

func awaitPromise(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }

// FormatViolations lists violations one node a line, for a test failure:
// where, the rule, its impact, the element and what to fix.
func FormatViolations(where string, vs []Violation) string {
	var sb strings.Builder
	for _, v := range vs {
		for _, n := range v.Nodes {
			fmt.Fprintf(&sb, "%s: %s (%s) at %s: %s. %s\n", where, v.ID, v.Impact, n.Target, v.Help, n.Summary)
		}
	}
	return sb.String()
}
