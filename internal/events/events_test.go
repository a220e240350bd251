package events_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/events"
	"github.com/devpulse/devpulse/internal/testdb"
)

func addPerson(t *testing.T, db *gorm.DB, email, login string) directory.Person {
	t.Helper()
	ctx := context.Background()
	team, err := directory.EnsureTeam(ctx, db, "Eng/Platform")
	if err != nil {
		t.Fatal(err)
	}
	p := directory.Person{Email: email, Name: email, GitHubLogin: login, TeamID: &team.ID, Active: true, CreatedAt: time.Now(), UpdatedAt: time.Now()}
	if err := directory.NewStore(db).CreatePerson(ctx, &p); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestIngestStoresMatchesAndDeduplicates(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		ada := addPerson(t, db, "ada@example.com", "AdaL")
		store := events.NewStore(db)
		var hooked []events.Event
		store.OnStored(func(_ context.Context, _ *gorm.DB, evs []events.Event) error {
			hooked = append(hooked, evs...)
			return nil
		})
		out, err := store.Ingest(ctx, events.SourceAPI, []events.Input{
			{Type: "deploy.completed", Person: "Ada@Example.com", Key: "k1", OccurredAt: "2026-12-01T10:00:00Z", Context: json.RawMessage(`{"repository": "infra-live", "duration_seconds": 42}`)},
			{Type: "pr.merged", Person: "adal", Key: "k2"},
			{Type: "pr.merged", Person: "nobody@example.com", Key: "k3"},
			{Type: "pr.merged", Person: "adal", Key: "k2"},
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(out) != 4 || !out[0].Matched || !out[1].Matched || out[2].Matched || !out[3].Duplicate || out[3].ID != out[1].ID || out[0].Duplicate {
			t.Fatalf("outcomes %+v", out)
		}
		if len(hooked) != 3 {
			t.Fatalf("hook saw %d events, want 3", len(hooked))
		}
		var e events.Event
		if err := db.First(&e, out[0].ID).Error; err != nil {
			t.Fatal(err)
		}
		var c map[string]any
		if err := json.Unmarshal([]byte(e.Context), &c); err != nil || c["repository"] != "infra-live" {
			t.Fatalf("context %q: %v", e.Context, err)
		}
		if *e.PersonID != ada.ID || *e.TeamID != *ada.TeamID || e.ISOWeek != "2026-W49" || !e.OccurredAt.Equal(time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)) {
			t.Fatalf("stored %+v", e)
		}
		// The same key again is a duplicate: nothing new stored, the hook not called.
		hooked = nil
		again, err := store.Ingest(ctx, events.SourceAPI, []events.Input{{Type: "deploy.completed", Person: "ada@example.com", Key: "k1"}})
		if err != nil || !again[0].Duplicate || again[0].ID != out[0].ID || len(hooked) != 0 {
			t.Fatalf("again %+v %v hooked %d", again, err, len(hooked))
		}
		var n int64
		db.Model(&events.Event{}).Count(&n)
		if n != 3 {
			t.Fatalf("%d events stored, want 3", n)
		}
	})
}

func TestIngestRejectsTheWholeBatch(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		store := events.NewStore(db)
		_, err := store.Ingest(context.Background(), events.SourceAPI, []events.Input{
			{Type: "deploy.completed", Person: "a@example.com", Key: "ok"},
			{Type: "Deploy Completed", Person: "", Key: "", OccurredAt: "yesterday", Context: json.RawMessage(`[1]`)},
		})
		var inv *events.InvalidError
		if !errors.As(err, &inv) || !errors.Is(err, events.ErrInvalid) {
			t.Fatalf("err %v", err)
		}
		fields := map[string]bool{}
		for _, fe := range inv.Errors {
			if fe.Index != 1 {
				t.Errorf("error on event %d: %+v", fe.Index, fe)
			}
			fields[fe.Field] = true
		}
		for _, f := range []string{"type", "person", "key", "occurred_at", "context"} {
			if !fields[f] {
				t.Errorf("no error for %s: %+v", f, inv.Errors)
			}
		}
		var n int64
		db.Model(&events.Event{}).Count(&n)
		if n != 0 {
			t.Fatalf("%d events stored from a bad batch", n)
		}
		tooMany := make([]events.Input, events.MaxBatch+1)
		if _, err := store.Ingest(context.Background(), events.SourceAPI, tooMany); !errors.As(err, &inv) || inv.Errors[0].Field != "events" {
			t.Fatalf("501 events: %v", err)
		}
	})
}

func TestVerifyGitHub(t *testing.T) {
	body := []byte(`{"zen":"Keep it logically awesome."}`)
	// Computed with: printf '%s' "$body" | openssl dgst -sha256 -hmac s3cret
	sig := "sha256=" + hmacHex("s3cret", body)
	if !events.VerifyGitHub("s3cret", sig, body) {
		t.Fatal("good signature refused")
	}
	for _, bad := range []string{"", "sha256=", "sha1=" + hmacHex("s3cret", body), "sha256=zz", "sha256=" + hmacHex("other", body)} {
		if events.VerifyGitHub("s3cret", bad, body) {
			t.Errorf("bad signature %q accepted", bad)
		}
	}
	if events.VerifyGitHub("", sig, body) {
		t.Error("empty secret verified")
	}
}
