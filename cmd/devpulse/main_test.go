package main

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestVersion(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"version"}, func(string) string { return "" }, nil, &out, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "devpulse ") {
		t.Fatalf("version printed %q", out.String())
	}
}

func TestBadSettingStopsStartWithOneLine(t *testing.T) {
	getenv := func(k string) string {
		if k == "DEVPULSE_LOG_LEVEL" {
			return "chatty"
		}
		return ""
	}
	var out bytes.Buffer
	err := run(context.Background(), []string{"serve"}, getenv, nil, &out, &out)
	if err == nil || !strings.HasPrefix(err.Error(), "DEVPULSE_LOG_LEVEL:") || strings.Contains(err.Error(), "\n") {
		t.Fatalf("error %v", err)
	}
}

func TestFlagOverridesEnvironment(t *testing.T) {
	dir := t.TempDir()
	getenv := func(k string) string {
		if k == "DEVPULSE_DATA_DIR" {
			return filepath.Join(dir, "from-env")
		}
		return ""
	}
	var out bytes.Buffer
	if err := run(context.Background(), []string{"migrate", "--data-dir", filepath.Join(dir, "from-flag")}, getenv, nil, &out, &out); err != nil {
		t.Fatal(err, out.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "from-flag", "devpulse.db")); err != nil {
		t.Fatalf("database not created where the flag says: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "from-env")); err == nil {
		t.Fatal("database created where the environment says despite the flag")
	}
}

func TestUnknownCommand(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"frobnicate"}, func(string) string { return "" }, nil, &out, &out); err == nil {
		t.Fatal("want an error")
	}
}

// TestServeExitsCleanlyOnSIGTERM runs the real binary: it serves, and on
// SIGTERM it stops and exits 0.
func TestServeExitsCleanlyOnSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	bin := buildBinary(t)
	addr := freeAddr(t)
	var logs bytes.Buffer
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(os.Environ(), "DEVPULSE_ADDR="+addr, "DEVPULSE_DATA_DIR="+filepath.Join(dir, "data"), "DEVPULSE_LOG_FORMAT=json", "DEVPULSE_DATABASE_URL=")
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitReady(t, "http://"+addr+"/readyz")
	check := exec.Command(bin, "healthcheck")
	check.Env = append(os.Environ(), "DEVPULSE_ADDR="+addr)
	if out, err := check.CombinedOutput(); err != nil || strings.TrimSpace(string(out)) != "ok" {
		t.Fatalf("healthcheck: %v %s", err, out)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("exit after SIGTERM: %v\n%s", err, logs.String())
	}
	if !strings.Contains(logs.String(), `"msg":"devpulse stopped"`) {
		t.Fatalf("logs lack the stop line:\n%s", logs.String())
	}
}

func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func waitReady(t *testing.T, url string) {
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal(fmt.Sprintf("%s not ready in time", url))
}
