// Package testbrowser drives Debian's Chromium headless from Go tests, saves
// screenshots as artifacts, and fails a test on any console error or
// Content-Security-Policy violation the page reports.
package testbrowser

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// EnvChromium overrides where Chromium is found.
const EnvChromium = "DEVPULSE_CHROMIUM"

// Browser is one headless Chromium with a fresh profile.
type Browser struct {
	t        testing.TB
	ctx      context.Context
	mu       sync.Mutex
	errors   []string
	expected []string
	dialogs  []string
}

// New starts Chromium for the test and closes it afterwards. Without
// Chromium the test is skipped with a message, or fails when CI=true.
func New(t testing.TB) *Browser {
	t.Helper()
	return NewFor(t, 2*time.Minute)
}

// NewFor is New for a browser that works longer than two minutes: one
// that visits every page of the app.
func NewFor(t testing.TB, timeout time.Duration) *Browser {
	t.Helper()
	path := execPath()
	if path == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("chromium not found: CI must run the browser tests (run `make test`, which installs it)")
		}
		t.Skip("browser test skipped: chromium not found (`make test` installs it)")
	}
	// The profile folder is removed by hand after Chromium has exited:
	// t.TempDir's cleanup can race with Chromium's last writes.
	profile, err := os.MkdirTemp("", "devpulse-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(profile),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1280, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, timeout)
	b := &Browser{t: t, ctx: ctx}
	chromedp.ListenTarget(ctx, b.listen)
	if err := chromedp.Run(ctx, log.Enable(), runtime.Enable()); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	t.Cleanup(func() {
		_ = chromedp.Cancel(ctx)
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
		_ = os.RemoveAll(profile)
		if errs := b.Errors(); len(errs) > 0 {
			t.Errorf("the page reported errors:\n%s", strings.Join(errs, "\n"))
		}
	})
	return b
}

// Run performs chromedp actions, failing the test on error.
func (b *Browser) Run(actions ...chromedp.Action) {
	b.t.Helper()
	if err := chromedp.Run(b.ctx, actions...); err != nil {
		b.t.Fatalf("browser: %v", err)
	}
}

// ClickNavigate clicks an element that loads a new page (a submit button,
// a link) and waits until that page has loaded, so the next action acts on
// the new page and not the old one.
func (b *Browser) ClickNavigate(selector string) {
	b.t.Helper()
	if _, err := chromedp.RunResponse(b.ctx, chromedp.Click(selector, chromedp.ByQuery)); err != nil {
		b.t.Fatalf("browser: click %s: %v", selector, err)
	}
}

// Dialogs returns the questions the pages asked (confirm, alert), in order;
// each was answered OK.
func (b *Browser) Dialogs() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return slices.Clone(b.dialogs)
}

// Context is the browser's context, for chromedp calls Run does not cover.
func (b *Browser) Context() context.Context { return b.ctx }

// Errors returns console errors and policy violations seen so far, less
// those Expect allowed.
func (b *Browser) Errors() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []string
	for _, e := range b.errors {
		if !b.isExpected(e) {
			out = append(out, e)
		}
	}
	return out
}

// Expect allows console errors that contain substr, for a test that opens
// an error page on purpose (Chromium logs every 4xx document as an error).
func (b *Browser) Expect(substr string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.expected = append(b.expected, substr)
}

func (b *Browser) isExpected(e string) bool {
	for _, s := range b.expected {
		if strings.Contains(e, s) {
			return true
		}
	}
	return false
}

func (b *Browser) listen(ev any) {
	var msg string
	switch ev := ev.(type) {
	case *log.EventEntryAdded:
		if ev.Entry.Level == log.LevelError {
			msg = fmt.Sprintf("%s: %s (%s)", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL)
		}
	case *runtime.EventExceptionThrown:
		msg = "exception: " + ev.ExceptionDetails.Error()
	case *page.EventJavascriptDialogOpening:
		// A person reads the question and answers OK; tests check the
		// words with Dialogs. Answering must not block the event loop.
		b.mu.Lock()
		b.dialogs = append(b.dialogs, ev.Message)
		b.mu.Unlock()
		go func() {
			_ = chromedp.Run(b.ctx, page.HandleJavaScriptDialog(true))
		}()
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.APITypeError {
			var parts []string
			for _, a := range ev.Args {
				parts = append(parts, string(a.Value))
			}
			msg = "console.error: " + strings.Join(parts, " ")
		}
	}
	if msg != "" {
		b.mu.Lock()
		b.errors = append(b.errors, msg)
		b.mu.Unlock()
	}
}

// Screenshot saves a full-page PNG as artifacts/screenshots/NAME.png and
// returns its path.
func (b *Browser) Screenshot(name string) string {
	b.t.Helper()
	var png []byte
	b.Run(chromedp.FullScreenshot(&png, 100))
	return b.save(name+".png", png)
}

// ScreenshotJPEG saves the page as artifacts/screenshots/NAME.jpg, at the
// window's width and at most maxHeight CSS pixels down, and returns its
// path: for a set of many long pages, at a fraction of the size and the
// time of full PNGs.
func (b *Browser) ScreenshotJPEG(name string, quality int, maxHeight float64) string {
	b.t.Helper()
	var jpg []byte
	b.Run(chromedp.ActionFunc(func(ctx context.Context) error {
		_, _, _, _, visual, content, err := page.GetLayoutMetrics().Do(ctx)
		if err != nil {
			return err
		}
		clip := &page.Viewport{Width: visual.ClientWidth, Height: min(content.Height, maxHeight), Scale: 1}
		jpg, err = page.CaptureScreenshot().WithFormat(page.CaptureScreenshotFormatJpeg).WithQuality(int64(quality)).
			WithCaptureBeyondViewport(true).WithFromSurface(true).WithClip(clip).Do(ctx)
		return err
	}))
	return b.save(name+".jpg", jpg)
}

// ScreenshotElement saves a PNG of the first element matching sel as
// artifacts/screenshots/NAME.png and returns its path: a section of a
// long page, at a size a person can read.
func (b *Browser) ScreenshotElement(name, sel string) string {
	b.t.Helper()
	var png []byte
	b.Run(chromedp.ScrollIntoView(sel), chromedp.Screenshot(sel, &png, chromedp.NodeVisible))
	return b.save(name+".png", png)
}

func (b *Browser) save(file string, img []byte) string {
	b.t.Helper()
	path := filepath.Join(ArtifactsDir(b.t), "screenshots", file)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		b.t.Fatal(err)
	}
	if err := os.WriteFile(path, img, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot: %s", path)
	return path
}

// ArtifactsDir is DEVPULSE_ARTIFACTS_DIR, or artifacts/ at the repository root.
func ArtifactsDir(t testing.TB) string {
	if dir := os.Getenv("DEVPULSE_ARTIFACTS_DIR"); dir != "" {
		return dir
	}
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "artifacts")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("testbrowser: go.mod not found above the working directory")
		}
		dir = parent
	}
}

func execPath() string {
	if p := os.Getenv(EnvChromium); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}
