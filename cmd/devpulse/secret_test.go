package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"strings"
	"testing"
)

// TestHelpNeverShowsTheClientSecret: -h prints each flag's default, which
// for the other settings is the environment's value.
func TestHelpNeverShowsTheClientSecret(t *testing.T) {
	const secret = "s3cret-from-the-environment"
	getenv := func(k string) string {
		if k == "DEVPULSE_OIDC_CLIENT_SECRET" {
			return secret
		}
		return ""
	}
	var out bytes.Buffer
	err := run(context.Background(), []string{"serve", "-h"}, getenv, nil, &out, &out)
	if !errors.Is(err, flag.ErrHelp) {
		t.Fatalf("serve -h: %v", err)
	}
	if !strings.Contains(out.String(), "oidc-client-secret") {
		t.Fatalf("-h does not list the flag:\n%s", out.String())
	}
	if strings.Contains(out.String(), secret) {
		t.Fatalf("-h shows the client secret:\n%s", out.String())
	}
}

// TestSecretFlagSetsTheSetting: the flag still overrides the variable; a
// half-configured single sign-on stops start-up without showing the secret.
func TestSecretFlagSetsTheSetting(t *testing.T) {
	var out bytes.Buffer
	err := run(context.Background(), []string{"migrate", "--data-dir", t.TempDir(), "--oidc-client-secret", "flag-secret-value"},
		func(string) string { return "" }, nil, &out, &out)
	if err == nil || !strings.HasPrefix(err.Error(), "DEVPULSE_OIDC_ISSUER:") {
		t.Fatalf("error %v, want one naming DEVPULSE_OIDC_ISSUER", err)
	}
	if strings.Contains(err.Error()+out.String(), "flag-secret-value") {
		t.Fatal("the error shows the secret")
	}
}
