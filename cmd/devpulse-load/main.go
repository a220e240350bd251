// Command devpulse-load is the load generator of the submit path: N
// respondents, C at a time, each answering and submitting a 40-answer
// survey through the real server over HTTP.
//
//	devpulse-load seed -database-url postgres://... -n 2000 -out tokens.txt
//	devpulse-load run -base http://127.0.0.1:8080 -tokens tokens.txt -c 50 [-mode whole|sections|floor] [-acked acked.txt]
//	devpulse-load check -database-url postgres://... -acked acked.txt
//
// seed opens a 40-question snapshot for n new people and writes their
// personal link tokens; run plays them and prints submissions per second and
// request latency percentiles. In the default mode, "whole", a respondent
// opens the link, sends all 40 answers in one POST that submits, and reads
// the thank-you page; in "sections" mode they send each of the five
// sections in turn (a GET and a POST each), the last POST submitting; in
// "floor" mode each token stands for three GETs of /healthz, what a
// "whole" respondent's three requests cost the server with no work behind
// them. scripts/bench-submit.sh runs them all, beside pgbench, against a
// throwaway PostgreSQL.
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/devpulse/devpulse/internal/database"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/jobs"
	"github.com/devpulse/devpulse/internal/responses"
	"github.com/devpulse/devpulse/internal/survey"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: devpulse-load seed|run [flags]")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "seed":
		err = seed(os.Args[2:])
	case "run":
		err = runLoad(os.Args[2:])
	case "check":
		err = check(os.Args[2:])
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "devpulse-load:", err)
		os.Exit(1)
	}
}

func seed(args []string) error {
	fs := flag.NewFlagSet("seed", flag.ExitOnError)
	dsn := fs.String("database-url", "", "PostgreSQL URL of the server's database")
	n := fs.Int("n", 2000, "respondents to create")
	out := fs.String("out", "tokens.txt", "file to write personal link tokens to")
	fs.Parse(args)
	ctx := context.Background()
	db, err := database.OpenPostgres(ctx, *dsn)
	if err != nil {
		return err
	}
	defer database.Close(db)
	if _, err := database.Migrate(ctx, db); err != nil {
		return err
	}
	team, err := directory.EnsureTeam(ctx, db, "Load/Test")
	if err != nil {
		return err
	}
	people := make([]directory.Person, *n)
	for i := range people {
		people[i] = directory.Person{Email: fmt.Sprintf("load%d-%d@example.com", time.Now().Unix(), i), Name: "Load", TeamID: &team.ID,
			JobRole: "backend", Active: true, CreatedAt: time.Now(), UpdatedAt: time.Now()}
	}
	if err := db.CreateInBatches(&people, 500).Error; err != nil {
		return err
	}
	queue, err := jobs.New(db, nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		return err
	}
	surveys := survey.NewStore(db, queue)
	snap, err := surveys.CreateSnapshot(ctx, survey.NewSnapshot{Title: "Load test", Start: survey.StartTemplate, TimeZone: "UTC"}, "load")
	if err != nil {
		return err
	}
	o, err := surveys.Outline(ctx, snap.ID)
	if err != nil {
		return err
	}
	for i := 0; len(o.Questions)+i < 40; i++ { // the template has 21; make it 40
		q := survey.Question{SnapshotID: snap.ID, SectionID: o.Sections[0].ID, Kind: survey.KindRating, Prompt: fmt.Sprintf("Extra statement %d.", i), Required: true}
		if err := surveys.SaveQuestion(ctx, &q, "load"); err != nil {
			return err
		}
	}
	// Audience: the load test team only.
	opens, closes := time.Now().Add(time.Minute), time.Now().Add(48*time.Hour)
	st := survey.Settings{Title: "Load test", TimeZone: "UTC", OpensAt: &opens, ClosesAt: &closes, TeamIDs: []int64{team.ID}}
	if err := surveys.UpdateSettings(ctx, snap.ID, st, "load"); err != nil {
		return err
	}
	if err := surveys.Schedule(ctx, snap.ID, "load"); err != nil {
		return err
	}
	if err := surveys.OpenNow(ctx, snap.ID, "load"); err != nil {
		return err
	}
	store := responses.NewStore(db)
	invs, err := store.Invite(ctx, snap.ID)
	if err != nil {
		return err
	}
	f, err := os.Create(*out)
	if err != nil {
		return err
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	for _, inv := range invs {
		token, err := store.IssueToken(ctx, inv.ID)
		if err != nil {
			return err
		}
		fmt.Fprintln(w, token)
	}
	fmt.Printf("seeded snapshot %d: %d respondents, %d questions\n", snap.ID, len(invs), 40)
	return w.Flush()
}

var (
	csrfRe     = regexp.MustCompile(`name="csrf-token" content="([^"]+)"`)
	questionRe = regexp.MustCompile(`id="q-(\d+)" data-testid="survey-question" data-kind="([a-z_]+)"`)
	sectionRe  = regexp.MustCompile(`name="section" value="(\d+)"`)
	optionRe   = regexp.MustCompile(`name="(q\d+)" value="([^"]*)"`)
)

// answers fills in every question on a survey page.
func answers(page string) url.Values {
	form := url.Values{}
	byName := map[string][]string{}
	for _, o := range optionRe.FindAllStringSubmatch(page, -1) {
		byName[o[1]] = append(byName[o[1]], o[2])
	}
	for _, m := range questionRe.FindAllStringSubmatch(page, -1) {
		name := "q" + m[1]
		options := byName[name]
		switch m[2] {
		case "rating":
			form.Set(name, "4")
		case "frequency":
			form.Set(name, "3")
		case "single_choice":
			form.Set(name, options[0])
		case "multi_choice", "priority":
			for _, o := range options[:min(2, len(options))] {
				form.Add(name, o)
			}
		case "allocation":
			form.Set(name+"-0", "70")
			form.Set(name+"-1", "30")
		case "number":
			form.Set(name, "3")
		case "text":
			form.Set(name, "The load generator would like faster CI.")
		}
	}
	return form
}

type result struct {
	post, submit []time.Duration
	err          error
}

func newClient() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// learnForm reads every section of one respondent's survey (read only)
// and returns answers to all its questions: the form a respondent who
// answers the whole survey at once sends.
func learnForm(base, token string) (url.Values, error) {
	client := newClient()
	form := url.Values{}
	for n := 1; ; n++ {
		page, err := get(client, fmt.Sprintf("%s/s/%s?section=%d", base, token, n))
		if err != nil {
			return nil, err
		}
		for k, v := range answers(page) {
			form[k] = v
		}
		if !strings.Contains(page, `value="next"`) {
			return form, nil
		}
	}
}

// respondWhole plays one respondent who sends the whole survey at once:
// open the link, POST all 40 answers with the submit action, follow the
// redirect to the thank-you page.
func respondWhole(base, token string, all url.Values) result {
	client := newClient()
	link := base + "/s/" + token
	page, err := get(client, link)
	if err != nil {
		return result{err: err}
	}
	csrf := csrfRe.FindStringSubmatch(page)
	if csrf == nil {
		return result{err: fmt.Errorf("unexpected page")}
	}
	form := make(url.Values, len(all)+2)
	for k, v := range all {
		form[k] = v
	}
	form.Set("_csrf", csrf[1])
	form.Set("go", "submit")
	start := time.Now()
	resp, err := client.PostForm(link, form)
	if err != nil {
		return result{err: err}
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	took := time.Since(start)
	if resp.StatusCode != http.StatusSeeOther {
		return result{err: fmt.Errorf("submit: status %d", resp.StatusCode)}
	}
	done, err := get(client, base+resp.Header.Get("Location"))
	if err != nil {
		return result{err: err}
	}
	if !strings.Contains(done, `data-testid="survey-done"`) {
		return result{err: fmt.Errorf("no thank-you page after submitting")}
	}
	return result{post: []time.Duration{took}, submit: []time.Duration{took}}
}

// respondFloor sends the three requests of a "whole" respondent to
// /healthz, which does no work: the cost of HTTP and the middleware alone,
// the floor under a respondent's cost. Its latency is the three's sum.
func respondFloor(base string) result {
	client := newClient()
	var took time.Duration
	for range 3 {
		start := time.Now()
		if _, err := get(client, base+"/healthz"); err != nil {
			return result{err: err}
		}
		took += time.Since(start)
	}
	return result{submit: []time.Duration{took}}
}

// respondSections plays one respondent section by section: open the link,
// answer and send every section, submit on the last.
func respondSections(base, token string) result {
	client := newClient()
	link := base + "/s/" + token
	page, err := get(client, link+"?section=1")
	var r result
	for err == nil {
		csrf := csrfRe.FindStringSubmatch(page)
		sec := sectionRe.FindStringSubmatch(page)
		if csrf == nil || sec == nil {
			return result{err: fmt.Errorf("unexpected page")}
		}
		form := answers(page)
		form.Set("_csrf", csrf[1])
		form.Set("section", sec[1])
		last := !strings.Contains(page, `value="next"`)
		form.Set("go", map[bool]string{true: "submit", false: "next"}[last])
		start := time.Now()
		resp, perr := client.PostForm(link, form)
		if perr != nil {
			return result{err: perr}
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		took := time.Since(start)
		if resp.StatusCode != http.StatusSeeOther {
			return result{err: fmt.Errorf("section %s: status %d", sec[1], resp.StatusCode)}
		}
		r.post = append(r.post, took)
		if last {
			r.submit = append(r.submit, took)
			return r
		}
		page, err = get(client, base+resp.Header.Get("Location"))
	}
	return result{err: err}
}

func get(client *http.Client, u string) (string, error) {
	resp, err := client.Get(u)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("GET %s: status %d", u, resp.StatusCode)
	}
	return string(b), err
}

// loadSettings are the run command's flags.
type loadSettings struct {
	base, tokensFile, mode, ackedFile string
	concurrency                       int
	retryFor                          time.Duration
}

// loadTally is what a run measured: latencies of the answer-saving and
// submitting POSTs, failed respondents, and the wall time.
type loadTally struct {
	posts, submits []time.Duration
	failed         int
	wall           time.Duration
}

func runLoad(args []string) error {
	set := parseLoadFlags(args)
	tokens, err := readTokens(set.tokensFile)
	if err != nil {
		return err
	}
	play, err := respondent(set.mode, set.base, tokens[0])
	if err != nil {
		return err
	}
	var rt *retrying
	if set.ackedFile != "" {
		f, err := os.OpenFile(set.ackedFile, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
		if err != nil {
			return err
		}
		defer f.Close()
		rt = &retrying{acked: f}
		once, deadline := play, time.Now().Add(set.retryFor)
		play = func(token string) result { return rt.play(once, token, deadline) }
	}
	tally := playAll(tokens, set.concurrency, play)
	reportLoad(set, tally, rt)
	if tally.failed > 0 {
		return fmt.Errorf("%d respondents failed", tally.failed)
	}
	return nil
}

func parseLoadFlags(args []string) loadSettings {
	fs := flag.NewFlagSet("run", flag.ExitOnError)
	base := fs.String("base", "http://127.0.0.1:8080", "server address")
	file := fs.String("tokens", "tokens.txt", "personal link tokens, one a line")
	c := fs.Int("c", 50, "concurrent respondents")
	mode := fs.String("mode", "whole", `"whole": one GET, one POST of all answers with submit, the thank-you page; "sections": a GET and a POST per section; "floor": three GETs of /healthz`)
	ackedFile := fs.String("acked", "", "retry failed respondents (a pause, then again) and append acknowledged tokens to this file")
	retryFor := fs.Duration("retry-for", 3*time.Minute, "with -acked: how long a respondent keeps retrying")
	fs.Parse(args)
	return loadSettings{base: *base, tokensFile: *file, mode: *mode, ackedFile: *ackedFile, concurrency: *c, retryFor: *retryFor}
}

func readTokens(file string) ([]string, error) {
	raw, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	tokens := strings.Fields(string(raw))
	if len(tokens) == 0 {
		return nil, fmt.Errorf("no tokens in %s", file)
	}
	return tokens, nil
}

// respondent returns how one respondent plays in the mode; "whole" first
// learns the form from the first token's page.
func respondent(mode, base, firstToken string) (func(token string) result, error) {
	switch mode {
	case "whole":
		all, err := learnForm(base, firstToken)
		if err != nil {
			return nil, fmt.Errorf("learn the form: %w", err)
		}
		return func(token string) result { return respondWhole(base, token, all) }, nil
	case "sections":
		return func(token string) result { return respondSections(base, token) }, nil
	case "floor":
		return func(string) result { return respondFloor(base) }, nil
	default:
		return nil, fmt.Errorf("unknown mode %q", mode)
	}
}

// playAll plays every token, c at a time, and tallies the results.
func playAll(tokens []string, c int, play func(token string) result) loadTally {
	work := make(chan string)
	results := make(chan result)
	var wg sync.WaitGroup
	for i := 0; i < c; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for t := range work {
				results <- play(t)
			}
		}()
	}
	start := time.Now()
	go func() {
		for _, t := range tokens {
			work <- t
		}
		close(work)
		wg.Wait()
		close(results)
	}()
	var tally loadTally
	for r := range results {
		if r.err != nil {
			tally.failed++
			if tally.failed <= 3 {
				fmt.Fprintln(os.Stderr, "respondent failed:", r.err)
			}
			continue
		}
		tally.posts = append(tally.posts, r.post...)
		tally.submits = append(tally.submits, r.submit...)
	}
	tally.wall = time.Since(start)
	return tally
}

func reportLoad(set loadSettings, tally loadTally, rt *retrying) {
	wall := tally.wall
	if set.mode == "floor" {
		fmt.Printf("mode floor: %d times three GETs of /healthz, %d failed, concurrency %d, %.1f s\n", len(tally.submits), tally.failed, set.concurrency, wall.Seconds())
		fmt.Printf("latency of the three: %s\n", percentiles(tally.submits))
		return
	}
	fmt.Printf("mode %s: %d submitted, %d failed, concurrency %d, %.1f s\n", set.mode, len(tally.submits), tally.failed, set.concurrency, wall.Seconds())
	fmt.Printf("submissions per second: %.1f\n", float64(len(tally.submits))/wall.Seconds())
	fmt.Printf("submit POST latency: %s\n", percentiles(tally.submits))
	if set.mode == "sections" {
		fmt.Printf("answer-saving POSTs per second: %.1f\n", float64(len(tally.posts))/wall.Seconds())
		fmt.Printf("all POST latency:    %s\n", percentiles(tally.posts))
	}
	if rt != nil {
		fmt.Printf("retries: %d; answers of 503: %d, of 500: %d\n", rt.retries.Load(), rt.status503.Load(), rt.status500.Load())
	}
}

func percentiles(ds []time.Duration) string {
	if len(ds) == 0 {
		return "none"
	}
	slices.Sort(ds)
	p := func(q float64) time.Duration { return ds[min(len(ds)-1, int(q*float64(len(ds))))] }
	ms := func(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
	return fmt.Sprintf("p50 %s, p95 %s, p99 %s (n=%d)", ms(p(0.50)), ms(p(0.95)), ms(p(0.99)), len(ds))
}
