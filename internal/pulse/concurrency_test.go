package pulse

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/devpulse/devpulse/internal/events"
	"github.com/devpulse/devpulse/internal/testdb"
)

// Two matching events for one person at the same moment give one ask:
// the decision locks the person's row. PostgreSQL runs them truly in
// parallel (SQLite write transactions are serial by design).
func TestConcurrentEventsGiveOneAsk(t *testing.T) {
	db := testdb.Postgres(t)
	r := newRig(t, db, nil, nil)
	r.programme(t, "deploys", nil)
	r.programme(t, "ci", func(d *Definition) { d.Trigger.Type = "ci.finished" })
	const people, perPerson = 30, 8
	for i := 0; i < people; i++ {
		p := r.person(t, fmt.Sprintf("p%d@example.com", i), "")
		// Half the people have chosen settings already: their row exists,
		// so only the row lock (not the first insert) keeps the decisions apart.
		if i%2 == 0 {
			if err := r.svc.SetPrefs(context.Background(), p.ID, "", ""); err != nil {
				t.Fatal(err)
			}
		}
	}
	start := make(chan struct{})
	var wg sync.WaitGroup
	errs := make(chan error, people*perPerson)
	for i := 0; i < people; i++ {
		for j := 0; j < perPerson; j++ {
			wg.Add(1)
			go func(i, j int) {
				defer wg.Done()
				typ := []string{"deploy.completed", "ci.finished"}[j%2]
				<-start
				_, err := r.events.Ingest(context.Background(), events.SourceAPI, []events.Input{
					{Type: typ, Person: fmt.Sprintf("p%d@example.com", i), Key: fmt.Sprintf("c-%d-%d", i, j)}})
				errs <- err
			}(i, j)
		}
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	var rows []struct {
		PersonID int64
		N        int
	}
	db.Raw("SELECT person_id, COUNT(*) AS n FROM pulse_asks GROUP BY person_id").Scan(&rows)
	if len(rows) != people {
		t.Fatalf("%d people asked, want %d", len(rows), people)
	}
	for _, row := range rows {
		if row.N != 1 {
			t.Errorf("person %d got %d asks from simultaneous events", row.PersonID, row.N)
		}
	}
}
