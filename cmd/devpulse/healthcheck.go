package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/devpulse/devpulse/internal/config"
)

// runHealthcheck asks the server on DEVPULSE_ADDR for /healthz. Container
// images without curl use it for their HEALTHCHECK.
func runHealthcheck(ctx context.Context, e env, args []string) error {
	cfg := config.Load(e.getenv)
	host, port, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		return fmt.Errorf("DEVPULSE_ADDR: %q is not host:port", cfg.Addr)
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "127.0.0.1"
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+net.JoinHostPort(host, port)+"/healthz", nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("healthcheck: status %d", resp.StatusCode)
	}
	fmt.Fprintln(e.stdout, "ok")
	return nil
}
