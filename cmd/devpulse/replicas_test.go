package main

import (
	"context"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/database"
	"github.com/devpulse/devpulse/internal/jobs"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testdb"
)

// TestTwoReplicasOpenASnapshotOnce runs two real server processes on one
// PostgreSQL. A snapshot scheduled to open is opened by exactly one of them.
func TestTwoReplicasOpenASnapshotOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs two servers")
	}
	dsn := testdb.PostgresURL(t)
	bin := buildBinary(t)
	for i := 0; i < 2; i++ {
		addr := freeAddr(t)
		cmd := exec.Command(bin, "serve")
		cmd.Env = append(os.Environ(), "DEVPULSE_ADDR="+addr, "DEVPULSE_DATABASE_URL="+dsn, "DEVPULSE_DATA_DIR="+t.TempDir())
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			cmd.Process.Signal(syscall.SIGTERM)
			cmd.Wait()
		})
		waitReady(t, "http://"+addr+"/readyz")
	}

	ctx := context.Background()
	db, err := database.OpenPostgres(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer database.Close(db)
	queue, err := jobs.New(db, nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	store := survey.NewStore(db, queue)
	// Several snapshots due at the same moment make a race between the two
	// replicas likely.
	var ids []int64
	opens := time.Now().Add(2 * time.Second)
	for i := 0; i < 5; i++ {
		snap, err := store.CreateSnapshot(ctx, survey.NewSnapshot{Title: "Race", Start: survey.StartTemplate, TimeZone: "UTC"}, "test")
		if err != nil {
			t.Fatal(err)
		}
		closes := opens.Add(time.Hour)
		if err := store.UpdateSettings(ctx, snap.ID, survey.Settings{Title: "Race", TimeZone: "UTC", OpensAt: &opens, ClosesAt: &closes, AudienceAll: true}, "test"); err != nil {
			t.Fatal(err)
		}
		if err := store.Schedule(ctx, snap.ID, "test"); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, snap.ID)
	}
	deadline := time.Now().Add(30 * time.Second)
	for _, id := range ids {
		for {
			snap, err := store.Snapshot(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if snap.State == survey.Open {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("snapshot %d still %s", id, snap.State)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	var n int64
	db.Model(&audit.Event{}).Where("action = ? AND actor = ?", "snapshot.open", audit.Scheduler).Count(&n)
	if n != int64(len(ids)) {
		t.Fatalf("%d open transitions recorded for %d snapshots: want exactly one each", n, len(ids))
	}
	t.Logf("%d snapshots opened once each by two replicas", len(ids))
}

func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "devpulse")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("CGO_ENABLED=0 go build: %v\n%s", err, out)
	}
	return bin
}
