package web

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/input"
	"github.com/devpulse/devpulse/internal/roster"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testdb"
)

// FuzzSurveySave posts the whole survey (every question kind) with
// arbitrary values for the text, number, allocation and choice questions.
// The server never answers 5xx; a refused form says why next to a field;
// an accepted one stores exactly what the survey parser read, and reading
// the response back gives those answers.
func FuzzSurveySave(f *testing.F) {
	db := testdb.SQLite(f)
	s := newTestServer(f, db, "http://localhost")
	token, o := openLinkSurvey(f, db)
	inv, err := s.responses.ByToken(context.Background(), token)
	if err != nil {
		f.Fatal(err)
	}
	drivers := survey.DriverKeys(o.Questions)
	f.Add("More focus time.", "60", "40", "3", "2")
	f.Add("nul\x00", "NaN", "100", "Inf", "9")
	f.Add("caf\xe9", "1e400", "-1", "2,5", "0")
	f.Add(strings.Repeat("x", 2001), "", "", "", "")
	f.Fuzz(func(t *testing.T, text, alloc0, alloc1, number, choice string) {
		form := wholeSurvey(o)
		for _, q := range o.Questions {
			name := survey.FieldName(q)
			switch q.Kind {
			case survey.KindText:
				form.Set(name, text)
			case survey.KindAllocation:
				form.Set(name+"-0", alloc0)
				form.Set(name+"-1", alloc1)
			case survey.KindNumber:
				form.Set(name, number)
			case survey.KindFrequency:
				form.Set(name, choice)
			case survey.KindPriority:
				form[name] = append(form[name], choice)
			}
		}
		form.Set("go", "next")
		rec := postForm(t, s, "/s/"+token, form)
		if rec.Code >= 500 {
			t.Fatalf("status %d", rec.Code)
		}
		want := map[int64]survey.Answer{}
		refused := false
		for _, q := range o.Questions {
			a, msg := q.ParseAnswer(form, drivers)
			refused = refused || msg != ""
			want[q.ID] = a
		}
		if refused {
			if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), `data-testid="question-error"`) {
				t.Fatalf("refused answer: status %d without a field message", rec.Code)
			}
			return
		}
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("accepted answers: status %d", rec.Code)
		}
		got, _, err := s.responses.Answers(context.Background(), inv, o)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range o.Questions {
			if !sameAnswer(want[q.ID], got[q.ID]) {
				t.Fatalf("question %d (%s): stored %+v, sent %+v", q.ID, q.Kind, got[q.ID], want[q.ID])
			}
		}
	})
}

// sameAnswer compares what was parsed with what was read back.
func sameAnswer(a, b survey.Answer) bool {
	eqF := func(x, y *float64) bool {
		return (x == nil) == (y == nil) && (x == nil || math.Abs(*x-*y) < 1e-9)
	}
	if a.Text != b.Text || a.Choice != b.Choice || !eqF(a.Number, b.Number) || len(a.Allocation) != len(b.Allocation) ||
		len(a.Choices) != len(b.Choices) || (a.Rating == nil) != (b.Rating == nil) || (a.Rating != nil && *a.Rating != *b.Rating) {
		return false
	}
	for k, v := range a.Allocation {
		if w, ok := b.Allocation[k]; !ok || math.Abs(v-w) > 1e-9 {
			return false
		}
	}
	for _, c := range a.Choices {
		found := false
		for _, d := range b.Choices {
			found = found || c == d
		}
		if !found {
			return false
		}
	}
	return true
}

// FuzzRosterAPI sends arbitrary CSV to the roster API. It never answers
// 5xx; a bad file is refused with "line N" errors and changes nothing; an
// applied file reads back: every row's person has the name and team sent.
func FuzzRosterAPI(f *testing.F) {
	db := testdb.SQLite(f)
	s := newTestServer(f, db, "http://localhost")
	_, secret, err := auth.NewTokens(db).Create(context.Background(), "fuzz", []string{auth.ScopeRosterWrite}, "test")
	if err != nil {
		f.Fatal(err)
	}
	f.Add([]byte(goodRoster))
	f.Add([]byte(badRoster))
	f.Add([]byte(rosterHeader + "nul@example.com,Nul\x00,Eng/C,,,,,,,,\n"))
	f.Add([]byte(rosterHeader + "deep@example.com,Deep,A/B/C/D/E/F/G/H/I/J/K,,,,,,,,\n"))
	f.Add([]byte("email,name,team\n\"a@example.com,A,T\n"))
	f.Fuzz(func(t *testing.T, body []byte) {
		req := httptest.NewRequest(http.MethodPost, "/api/v1/roster", bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+secret)
		req.Header.Set("Content-Type", "text/csv")
		rec := serve(s, req)
		if rec.Code >= 500 {
			t.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
		var res rosterResult
		if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
			t.Fatalf("answer is not JSON: %v", err)
		}
		if rec.Code != http.StatusOK {
			if len(res.Errors) == 0 && res.Message == "" {
				t.Fatalf("status %d without a reason", rec.Code)
			}
			return
		}
		file, errs := parseRoster(body)
		if len(errs) > 0 {
			t.Fatalf("applied a file the parser refuses: %v", errs)
		}
		dir := directory.NewStore(db)
		for _, row := range file.Rows {
			p, err := dir.PersonByEmail(context.Background(), row.Email)
			if err != nil {
				t.Fatalf("%s: %v", row.Email, err)
			}
			team, err := dir.Team(context.Background(), *p.TeamID)
			if err != nil || p.Name != row.Name || team.Path != row.Team {
				t.Fatalf("%s stored as %q in %q, sent %q in %q (%v)", row.Email, p.Name, team.Path, row.Name, row.Team, err)
			}
		}
	})
}

// FuzzCreateToken posts arbitrary names and scopes to the token form. It
// never answers 5xx; a refused form names the field; a created token is
// stored under the name sent.
func FuzzCreateToken(f *testing.F) {
	db := testdb.SQLite(f)
	s := newTestServer(f, db, "http://localhost")
	fx := newFixture(f, db)
	f.Add("ci-export", auth.ScopeResultsRead)
	f.Add("", "nope")
	f.Add("nul\x00", auth.ScopeRosterWrite)
	f.Add(strings.Repeat("n", 500), auth.ScopeResultsRead)
	f.Fuzz(func(t *testing.T, name, scope string) {
		before := countTokens(t, db)
		rec := tokensRequest(t, s, fx, admin, http.MethodPost, "/admin/tokens", url.Values{"name": {name}, "scopes": {scope}})
		if rec.Code >= 500 {
			t.Fatalf("status %d", rec.Code)
		}
		after := countTokens(t, db)
		if rec.Code != http.StatusOK {
			if after != before || rec.Code < 400 {
				t.Fatalf("refused with %d but %d tokens became %d", rec.Code, before, after)
			}
			return
		}
		if after != before+1 {
			t.Fatalf("created (200) but %d tokens became %d", before, after)
		}
		var stored string
		db.Table("api_tokens").Order("id DESC").Limit(1).Pluck("name", &stored)
		if stored != strings.TrimSpace(name) {
			t.Fatalf("stored name %q, sent %q", stored, name)
		}
	})
}

// parseRoster is the roster parser the API uses.
func parseRoster(body []byte) (roster.File, []input.LineError) {
	return roster.Parse(bytes.NewReader(body))
}
