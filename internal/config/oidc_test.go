package config

import (
	"strings"
	"testing"
)

const testSecret = "s3cret-value-never-shown"

func TestOIDCAllOrNone(t *testing.T) {
	full := map[string]string{
		"DEVPULSE_OIDC_ISSUER":        "https://id.example.com/realms/eng",
		"DEVPULSE_OIDC_CLIENT_ID":     "devpulse",
		"DEVPULSE_OIDC_CLIENT_SECRET": testSecret,
	}
	tests := []struct {
		name string
		drop string // variable left unset
		set  map[string]string
		want string // variable the error names; empty: valid
	}{
		{name: "all three", want: ""},
		{name: "no issuer", drop: "DEVPULSE_OIDC_ISSUER", want: "DEVPULSE_OIDC_ISSUER"},
		{name: "no client id", drop: "DEVPULSE_OIDC_CLIENT_ID", want: "DEVPULSE_OIDC_CLIENT_ID"},
		{name: "no secret", drop: "DEVPULSE_OIDC_CLIENT_SECRET", want: "DEVPULSE_OIDC_CLIENT_SECRET"},
		{name: "relative issuer", set: map[string]string{"DEVPULSE_OIDC_ISSUER": "id.example.com"}, want: "DEVPULSE_OIDC_ISSUER"},
		{name: "issuer with query", set: map[string]string{"DEVPULSE_OIDC_ISSUER": "https://id.example.com/?x=1"}, want: "DEVPULSE_OIDC_ISSUER"},
		{name: "ftp issuer", set: map[string]string{"DEVPULSE_OIDC_ISSUER": "ftp://id.example.com"}, want: "DEVPULSE_OIDC_ISSUER"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := map[string]string{}
			for k, v := range full {
				if k != tt.drop {
					m[k] = v
				}
			}
			for k, v := range tt.set {
				m[k] = v
			}
			c := Load(env(m))
			err := c.Validate()
			if tt.want == "" {
				if err != nil || !c.OIDCConfigured() {
					t.Fatalf("valid settings: %v", err)
				}
				if got := c.OIDCRedirectURL(); got != "http://127.0.0.1:8080/auth/oidc/callback" {
					t.Fatalf("redirect URL %q", got)
				}
				return
			}
			if err == nil {
				t.Fatal("want an error")
			}
			if !strings.HasPrefix(err.Error(), tt.want+":") || strings.Contains(err.Error(), "\n") {
				t.Fatalf("error %q should be one line starting with %s", err, tt.want)
			}
			if strings.Contains(err.Error(), testSecret) {
				t.Fatalf("error %q shows the client secret", err)
			}
		})
	}
}

func TestOIDCOffByDefault(t *testing.T) {
	c := Load(env(nil))
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if c.OIDCConfigured() {
		t.Fatal("single sign-on must be off without settings")
	}
	if !IsSecret("DEVPULSE_OIDC_CLIENT_SECRET") || IsSecret("DEVPULSE_OIDC_CLIENT_ID") {
		t.Fatal("only the client secret is secret")
	}
}
