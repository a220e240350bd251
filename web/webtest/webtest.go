// Package webtest builds the whole devpulse server for tests and
// benchmarks outside package web, wired as cmd/devpulse wires it.
package webtest

import (
	"testing"

	"github.com/devpulse/devpulse/internal/app"
	"github.com/devpulse/devpulse/web"
)

// Server builds the services on d's database and settings (app.New) and
// the server on them; any error fails tb.
func Server(tb testing.TB, d web.Deps) *web.Server {
	tb.Helper()
	svc, err := app.New(d.Config, d.DB, d.Jobs)
	if err != nil {
		tb.Fatal(err)
	}
	d.Services = svc
	srv, err := web.New(d)
	if err != nil {
		tb.Fatal(err)
	}
	return srv
}
