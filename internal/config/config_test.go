package config

import (
	"strings"
	"testing"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestDefaults(t *testing.T) {
	c := Load(env(nil))
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:8080" || c.DataDir != "./data" || c.DatabaseURL != "" || c.LogFormat != "text" || c.LogLevel != "info" {
		t.Fatalf("defaults: %+v", c)
	}
	if c.BaseURL != "http://127.0.0.1:8080" {
		t.Fatalf("base URL %q", c.BaseURL)
	}
	if c.IsPostgres() || c.SecureCookies() {
		t.Fatal("default must be SQLite over http")
	}
	if c.SQLitePath() != "data/devpulse.db" {
		t.Fatalf("sqlite path %q", c.SQLitePath())
	}
}

func TestValidateNamesTheVariable(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"addr without port", map[string]string{"DEVPULSE_ADDR": "localhost"}, "DEVPULSE_ADDR"},
		{"mysql url", map[string]string{"DEVPULSE_DATABASE_URL": "mysql://u:secret@h/db"}, "DEVPULSE_DATABASE_URL"},
		{"relative base url", map[string]string{"DEVPULSE_BASE_URL": "devpulse.example.com"}, "DEVPULSE_BASE_URL"},
		{"ftp base url", map[string]string{"DEVPULSE_BASE_URL": "ftp://example.com"}, "DEVPULSE_BASE_URL"},
		{"log format", map[string]string{"DEVPULSE_LOG_FORMAT": "xml"}, "DEVPULSE_LOG_FORMAT"},
		{"log level", map[string]string{"DEVPULSE_LOG_LEVEL": "loud"}, "DEVPULSE_LOG_LEVEL"},
		{"smtp scheme", map[string]string{"DEVPULSE_SMTP_URL": "http://u:secret@mail"}, "DEVPULSE_SMTP_URL"},
		{"smtp without sender", map[string]string{"DEVPULSE_SMTP_URL": "smtp://mail:25"}, "DEVPULSE_MAIL_FROM"},
		{"group size below 3", map[string]string{"DEVPULSE_MIN_GROUP_SIZE": "2"}, "DEVPULSE_MIN_GROUP_SIZE"},
		{"slack api url", map[string]string{"DEVPULSE_SLACK_API_URL": "slack.internal"}, "DEVPULSE_SLACK_API_URL"},
		{"channel without token", map[string]string{"DEVPULSE_SLACK_CHANNEL": "#dx-results"}, "DEVPULSE_SLACK_CHANNEL"},
		{"two channels", map[string]string{"DEVPULSE_SLACK_CHANNEL": "#a,#b", "DEVPULSE_SLACK_TOKEN": "xoxb-secret"}, "DEVPULSE_SLACK_CHANNEL"},
		{"voice address", map[string]string{"DEVPULSE_VOICE_EMAILS": "cto@example.com, not an address", "DEVPULSE_SMTP_URL": "smtp://mail:25", "DEVPULSE_MAIL_FROM": "devpulse@example.com"}, "DEVPULSE_VOICE_EMAILS"},
		{"voice named address", map[string]string{"DEVPULSE_VOICE_EMAILS": "CTO <cto@example.com>", "DEVPULSE_SMTP_URL": "smtp://mail:25", "DEVPULSE_MAIL_FROM": "devpulse@example.com"}, "DEVPULSE_VOICE_EMAILS"},
		{"voice without smtp", map[string]string{"DEVPULSE_VOICE_EMAILS": "cto@example.com"}, "DEVPULSE_VOICE_EMAILS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Load(env(tt.env))
			err := c.Validate()
			if err == nil {
				t.Fatal("want an error")
			}
			if !strings.HasPrefix(err.Error(), tt.want+":") || strings.Contains(err.Error(), "\n") {
				t.Fatalf("error %q should be one line starting with %s", err, tt.want)
			}
			if strings.Contains(err.Error(), "secret") {
				t.Fatalf("error %q leaks a password", err)
			}
		})
	}
}

func TestValidValues(t *testing.T) {
	c := Load(env(map[string]string{
		"DEVPULSE_ADDR":         "0.0.0.0:9000",
		"DEVPULSE_DATABASE_URL": "postgres://devpulse@db/devpulse?sslmode=disable",
		"DEVPULSE_BASE_URL":     "https://devpulse.example.com/",
		"DEVPULSE_LOG_FORMAT":   "json",
		"DEVPULSE_LOG_LEVEL":    "debug",
	}))
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if !c.IsPostgres() || !c.SecureCookies() || c.BaseURL != "https://devpulse.example.com" {
		t.Fatalf("%+v", c)
	}
}

func TestBaseURLFromWildcardAddr(t *testing.T) {
	c := Load(env(map[string]string{"DEVPULSE_ADDR": "0.0.0.0:8080"}))
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if c.BaseURL != "http://localhost:8080" {
		t.Fatalf("base URL %q", c.BaseURL)
	}
}

func TestAnnouncementSettings(t *testing.T) {
	c := Load(env(map[string]string{
		"DEVPULSE_SLACK_TOKEN":   "xoxb-1",
		"DEVPULSE_SLACK_CHANNEL": "#dx-results",
		"DEVPULSE_SMTP_URL":      "smtp://mail:25",
		"DEVPULSE_MAIL_FROM":     "devpulse@example.com",
		"DEVPULSE_VOICE_EMAILS":  " cto@example.com,platform@example.com ,",
	}))
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	got := c.VoiceAddresses()
	if c.SlackChannel != "#dx-results" || len(got) != 2 || got[0] != "cto@example.com" || got[1] != "platform@example.com" {
		t.Fatalf("channel %q, addresses %q", c.SlackChannel, got)
	}
	if d := Load(env(nil)); d.SlackChannel != "" || d.VoiceAddresses() != nil {
		t.Fatalf("announcements are off by default: %+v", d)
	}
}
