package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/devpulse/devpulse/internal/database"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/responses"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testdb"
)

// statements records the SQL statements run through a gorm session
// (BEGIN and COMMIT are not statements gorm traces; TestWholeSurveyOnTheWire
// counts them as they reach PostgreSQL).
type statements struct {
	logger.Interface
	mu  sync.Mutex
	sql []string
}

func (s *statements) Trace(_ context.Context, _ time.Time, fc func() (string, int64), _ error) {
	sql, _ := fc()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sql = append(s.sql, sql)
}

// take returns the statements recorded since the last take.
func (s *statements) take() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.sql
	s.sql = nil
	return out
}

func countedDB(db *gorm.DB) (*gorm.DB, *statements) {
	st := &statements{Interface: logger.Discard}
	return db.Session(&gorm.Session{Logger: st}), st
}

// TestWholeSurveyStatements pins the statements of a respondent's three
// requests with the whole survey in one POST: the first page (the link,
// and whether there are results to introduce the survey with; its
// ratings need no drivers' names), the submitting POST (the link and, on
// PostgreSQL, one statement; on SQLite the invitation, the response, the
// answers replaced and inserted) and the thank-you page
// (the link). Every statement is a round trip
// to the database, and PostgreSQL's CPU per submission follows them.
func TestWholeSurveyStatements(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		token, o := openLinkSurvey(t, db)
		cdb, st := countedDB(db)
		s := newTestServer(t, cdb, "http://localhost")
		// On PostgreSQL a first complete submit is one statement (and no
		// BEGIN or COMMIT: TestWholeSurveyOnTheWire); SQLite's transaction
		// marks the invitation, creates the response, deletes and inserts
		// the answers.
		submit := 2
		if database.DialectOf(db) == database.SQLite {
			submit = 5
		}
		link := "/s/" + token
		get(t, s.Handler(), link) // the open snapshot's outline is then kept in memory
		st.take()
		steps := []struct {
			name string
			want int
			do   func() *httptest.ResponseRecorder
		}{
			{"first page", 2, func() *httptest.ResponseRecorder { return get(t, s.Handler(), link) }},
			{"submit", submit, func() *httptest.ResponseRecorder {
				form := wholeSurvey(o)
				form.Set("go", "submit")
				return postForm(t, s, link, form)
			}},
			{"thank-you page", 1, func() *httptest.ResponseRecorder { return get(t, s.Handler(), link+"?done=1") }},
		}
		for _, step := range steps {
			rec := step.do()
			if rec.Code >= 400 {
				t.Fatalf("%s: %d", step.name, rec.Code)
			}
			got := st.take()
			t.Logf("%s: %d statements\n  %s", step.name, len(got), strings.Join(got, "\n  "))
			if len(got) != step.want {
				t.Errorf("%s: %d statements, want %d", step.name, len(got), step.want)
			}
		}
		var n int64
		db.Table("answers").Count(&n)
		if n == 0 {
			t.Fatal("nothing stored")
		}
	})
}

// benchRespondents invites n more backend engineers to the snapshot of
// openLinkSurvey and returns their personal links.
func benchRespondents(b testing.TB, db *gorm.DB, o survey.Outline, n int) []string {
	b.Helper()
	ctx := context.Background()
	team, _ := directory.EnsureTeam(ctx, db, "Eng")
	people := make([]directory.Person, n)
	for i := range people {
		people[i] = directory.Person{Email: fmt.Sprintf("b%d@example.com", i), Name: "B", TeamID: &team.ID, JobRole: "backend",
			Active: true, CreatedAt: time.Now(), UpdatedAt: time.Now()}
	}
	if err := db.CreateInBatches(&people, 500).Error; err != nil {
		b.Fatal(err)
	}
	rs := responses.NewStore(db)
	links := make([]string, n)
	for i, p := range people {
		inv := responses.Invitation{SnapshotID: o.Snapshot.ID, PersonID: p.ID, TeamID: p.TeamID, CreatedAt: time.Now()}
		if err := db.Create(&inv).Error; err != nil {
			b.Fatal(err)
		}
		token, err := rs.IssueToken(ctx, inv.ID)
		if err != nil {
			b.Fatal(err)
		}
		links[i] = "/s/" + url.PathEscape(token)
	}
	return links
}

// BenchmarkSurveyPage is one respondent's first survey page, gzipped, and
// BenchmarkSurveySubmit the whole survey in one POST, through the real
// handlers in process. cpu-ns/op is this process's CPU per operation:
// the server's, and with SQLite the database's too.
//
//	go test -run '^$' -bench 'SurveyPage|SurveySubmit' -benchmem ./web/
func BenchmarkSurveyPage(b *testing.B) {
	benchSurvey(b, func(b *testing.B, s *Server, links []string, _ url.Values) {
		for i := 0; i < b.N; i++ {
			req := httptest.NewRequest(http.MethodGet, links[i%len(links)], nil)
			req.Header.Set("Accept-Encoding", "gzip")
			rec := httptest.NewRecorder()
			s.Handler().ServeHTTP(rec, req)
			if rec.Code != http.StatusOK {
				b.Fatal(rec.Code)
			}
		}
	})
}

func BenchmarkSurveySubmit(b *testing.B) {
	benchSurvey(b, func(b *testing.B, s *Server, links []string, form url.Values) {
		for i := 0; i < b.N; i++ {
			if rec := postForm(b, s, links[i], form); rec.Code != http.StatusSeeOther {
				b.Fatal(rec.Code)
			}
		}
	})
}

// processCPU is the CPU time this process has used (user and system):
// on a shared machine, a truer cost per operation than the wall clock.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func benchSurvey(b *testing.B, run func(*testing.B, *Server, []string, url.Values)) {
	for _, tc := range []struct {
		name string
		open func(testing.TB) *gorm.DB
	}{{"sqlite", testdb.SQLite}, {"postgres", testdb.Postgres}} {
		b.Run(tc.name, func(b *testing.B) {
			db := tc.open(b)
			_, o := openLinkSurvey(b, db)
			links := benchRespondents(b, db, o, max(b.N, 50))
			s := newTestServer(b, db, "http://localhost")
			form := wholeSurvey(o)
			form.Set("go", "submit")
			b.ResetTimer()
			cpu0 := processCPU()
			run(b, s, links, form)
			b.ReportMetric(float64(processCPU()-cpu0)/float64(b.N), "cpu-ns/op")
		})
	}
}
