package web

import (
	"context"
	"encoding/binary"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/devpulse/devpulse/internal/database"
	"github.com/devpulse/devpulse/internal/testdb"
)

// wire forwards PostgreSQL connections and counts what clients send:
// simple queries (pgx sends BEGIN, COMMIT and ROLLBACK so, and any
// statement without parameters) and executions of the extended protocol
// (every statement with parameters). The statements tracer cannot see
// BEGIN and COMMIT; this sees every statement that reaches the server.
type wire struct {
	mu      sync.Mutex
	simple  []string // the text of each simple query
	execute int
}

func (w *wire) take() (simple []string, execute int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	simple, execute = w.simple, w.execute
	w.simple, w.execute = nil, 0
	return simple, execute
}

// proxy listens on a local port in front of the server of dsn and returns
// dsn pointed at it.
func (w *wire) proxy(t *testing.T, dsn string) string {
	t.Helper()
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	p := startProxy(t, "127.0.0.1:0", u.Host, w.read)
	u.Host = p.ln.Addr().String()
	return u.String()
}

// read copies one client's messages to the server, counting them. The
// first message (startup) has no type byte; with sslmode=disable no SSL
// request comes before it.
func (w *wire) read(client io.Reader, server io.Writer) {
	var head [5]byte
	if _, err := io.ReadFull(client, head[:4]); err != nil {
		return
	}
	n := binary.BigEndian.Uint32(head[:4])
	body := make([]byte, n-4)
	if _, err := io.ReadFull(client, body); err != nil {
		return
	}
	if _, err := server.Write(append(head[:4:4], body...)); err != nil {
		return
	}
	for {
		if _, err := io.ReadFull(client, head[:]); err != nil {
			return
		}
		body := make([]byte, binary.BigEndian.Uint32(head[1:])-4)
		if _, err := io.ReadFull(client, body); err != nil {
			return
		}
		w.mu.Lock()
		switch head[0] {
		case 'Q':
			// pgx pings a connection idle for over a second before reusing it:
			// the load on the machine decides those, not the request.
			if q := strings.TrimRight(string(body), "\x00"); q != "-- ping" {
				w.simple = append(w.simple, q)
			}
		case 'E':
			w.execute++
		}
		w.mu.Unlock()
		if _, err := server.Write(append(head[:], body...)); err != nil {
			return
		}
	}
}

// TestWholeSurveyOnTheWire counts what reaches PostgreSQL for a
// respondent's whole-survey POST: the link and one statement, no BEGIN
// and no COMMIT; a retry of the same POST (the response exists) takes
// the transaction and still ends on the thank-you page.
func TestWholeSurveyOnTheWire(t *testing.T) {
	w := &wire{}
	db, err := database.OpenPostgres(context.Background(), w.proxy(t, testdb.PostgresURL(t)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = database.Close(db) })
	token, o := openLinkSurvey(t, db)
	s := newTestServer(t, db, "http://localhost")
	link := "/s/" + token
	get(t, s.Handler(), link) // the open snapshot's outline is then kept in memory
	form := wholeSurvey(o)
	form.Set("go", "submit")
	w.take()

	for i, want := range []struct {
		simple  []string
		execute int
	}{
		// The link and the submission in one statement.
		{nil, 2},
		// The link, the statement finding the response there, then in a
		// transaction the response and its answers replaced (delete, insert).
		{[]string{"begin", "commit"}, 5},
	} {
		rec := postForm(t, s, link, form)
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != link+"?done=1" {
			t.Fatalf("POST %d: %d %q", i+1, rec.Code, rec.Header().Get("Location"))
		}
		simple, execute := w.take()
		if strings.Join(simple, ",") != strings.Join(want.simple, ",") || execute != want.execute {
			t.Errorf("POST %d: simple queries %q and %d executed, want %q and %d", i+1, simple, execute, want.simple, want.execute)
		}
	}
	if rec := get(t, s.Handler(), link+"?done=1"); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `data-testid="survey-done"`) {
		t.Fatalf("thank-you page: %d", rec.Code)
	}
	var n, answers int64
	db.Table("responses").Where("submitted").Count(&n)
	db.Table("answers").Count(&answers)
	if n != 1 || answers < int64(len(o.Questions)) {
		t.Fatalf("%d submitted responses, %d answer rows", n, answers)
	}
}
