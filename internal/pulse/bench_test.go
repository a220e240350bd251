package pulse

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/devpulse/devpulse/internal/events"
	"github.com/devpulse/devpulse/internal/testdb"
)

// benchPeople is the size of the organisation the benchmarks ingest for.
const benchPeople = 20000

// benchRig seeds an organisation and three programmes on PostgreSQL.
func benchRig(b *testing.B) *rig {
	b.Helper()
	db := testdb.Postgres(b)
	r := newRig(b, db, nil, nil)
	r.clock = time.Now().UTC()
	err := db.Exec(`INSERT INTO people (email, name, team_id, github_login, active, created_at, updated_at)
		SELECT 'p' || g || '@example.com', 'Person ' || g, ?, 'gh-' || g, TRUE, now(), now() FROM generate_series(1, ?) AS g`,
		r.team.ID, benchPeople).Error
	if err != nil {
		b.Fatal(err)
	}
	for _, p := range []struct{ key, typ string }{{"prs", "pr.merged"}, {"deploys", "deploy.completed"}, {"ci", "ci.finished"}} {
		d := Definition{Key: p.key, Name: p.key, OwnerTeam: "Eng/Platform", SamplePercent: 20, DelayMinutes: 30, ExpiryHours: 72,
			Questions: Questions{Rating: "How was it?"}}
		d.Trigger.Type = p.typ
		if _, _, err := r.svc.Save(context.Background(), d, "bench"); err != nil {
			b.Fatal(err)
		}
	}
	db.Exec("ANALYZE")
	return r
}

var benchTypes = []string{"pr.merged", "deploy.completed", "ci.finished", "terraform.applied"}

func benchEvent(i int, rng *rand.Rand) events.Input {
	return events.Input{Type: benchTypes[rng.IntN(len(benchTypes))], Person: fmt.Sprintf("gh-%d", 1+rng.IntN(benchPeople)),
		Key: fmt.Sprintf("bench-%d-%d", time.Now().UnixNano(), i), Context: []byte(`{"repository": "acme/shop", "duration_seconds": 312}`)}
}

// BenchmarkIngestBatch500 stores batches of 500 events with the ask
// decision (programmes, sampling, budget, locks) in the same transaction.
func BenchmarkIngestBatch500(b *testing.B) {
	r := benchRig(b)
	rng := rand.New(rand.NewPCG(1, 2))
	ctx := context.Background()
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		batch := make([]events.Input, 500)
		for j := range batch {
			batch[j] = benchEvent(i*500+j, rng)
		}
		if _, err := r.events.Ingest(ctx, events.SourceAPI, batch); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*500)/time.Since(start).Seconds(), "events/s")
}

// BenchmarkIngestOne stores one event per request with its decision and
// reports the 99th percentile of the time one takes.
func BenchmarkIngestOne(b *testing.B) {
	r := benchRig(b)
	rng := rand.New(rand.NewPCG(3, 4))
	ctx := context.Background()
	durs := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		in := benchEvent(i, rng)
		t0 := time.Now()
		if _, err := r.events.Ingest(ctx, events.SourceAPI, []events.Input{in}); err != nil {
			b.Fatal(err)
		}
		durs = append(durs, time.Since(t0))
	}
	b.StopTimer()
	slices.Sort(durs)
	b.ReportMetric(float64(durs[len(durs)*99/100].Microseconds())/1000, "p99_ms")
	b.ReportMetric(float64(durs[len(durs)/2].Microseconds())/1000, "p50_ms")
}
