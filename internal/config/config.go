// Package config reads devpulse's settings from DEVPULSE_* environment variables.
//
// Every setting has a default that works with no setup; a bad value stops
// start-up with one line that names the variable and says what is wrong.
package config

import (
	"fmt"
	"log/slog"
	"net"
	"net/mail"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
)

// Config holds every setting the server reads at start.
type Config struct {
	// Addr is the host:port the HTTP server listens on.
	Addr string
	// DataDir holds the SQLite file and anything else kept on disk.
	DataDir string
	// DatabaseURL selects PostgreSQL when it starts with postgres:// or
	// postgresql://; empty means a SQLite file in DataDir.
	DatabaseURL string
	// BaseURL is the public address people reach the app at; links in mail
	// and Slack messages start with it, and https turns on Secure cookies and HSTS.
	BaseURL string
	// LogFormat is "text" or "json".
	LogFormat string
	// LogLevel is "debug", "info", "warn" or "error".
	LogLevel string
	// SMTPURL and MailFrom configure mail; empty SMTPURL sends no mail.
	SMTPURL  string
	MailFrom string
	// SlackToken is a bot token for Slack messages; SlackAPIURL overrides
	// Slack's address (a proxy, or a local server in tests).
	SlackToken  string
	SlackAPIURL string
	// SlackChannel is where the results message goes when a snapshot
	// closes (a channel ID or #name); empty sends none.
	SlackChannel string
	// VoiceEmails are the comma-separated addresses the "voice of the
	// developer" email goes to when a snapshot closes; empty sends none.
	VoiceEmails string
	// MinGroupSize is k: the fewest submitted responses a group needs
	// before any score or comment of it is shown. Never below 3.
	MinGroupSize string
	// CompanySize is the organisation's engineering headcount band (a key
	// of benchmark.CompanySizes, checked by app.New), so dashboards compare
	// with the benchmark of companies that size; empty for not set.
	CompanySize string
	// OIDCIssuer, OIDCClientID and OIDCClientSecret turn on single sign-on
	// through an OpenID Connect provider; all three or none. The secret is
	// never logged or shown.
	OIDCIssuer       string
	OIDCClientID     string
	OIDCClientSecret string
	// Pulse: the webhook and Slack secrets, the widget's allowed origins
	// and the contact budget (see pulse.go).
	GitHubWebhookSecret string
	SlackSigningSecret  string
	WidgetOrigins       string
	PulseMinDays        string
	PulseMaxPerQuarter  string
	PulseQuietDays      string
	// TrustedProxies is a comma-separated list of CIDR ranges (or single
	// addresses) of reverse proxies whose X-Forwarded-For is believed;
	// empty trusts none, so the connecting peer is the client.
	TrustedProxies string
	// MaxActive bounds the requests that do database work at once; past
	// it requests get 503 with Retry-After instead of queueing in memory.
	MaxActive string
	// MemoryLimit is the Go runtime's soft memory limit in MiB (0: none);
	// GOMEMLIMIT, when set, wins.
	MemoryLimit string
}

// Var names one setting: its environment variable, the flag that overrides
// it, its default and a short description used in -h output.
type Var struct {
	Name    string
	Flag    string
	Default string
	Usage   string
	field   func(*Config) *string
}

// Vars lists every setting in the order README documents them.
var Vars = []Var{
	{"DEVPULSE_ADDR", "addr", "127.0.0.1:8080", "host:port to listen on", func(c *Config) *string { return &c.Addr }},
	{"DEVPULSE_DATA_DIR", "data-dir", "./data", "folder for the SQLite file", func(c *Config) *string { return &c.DataDir }},
	{"DEVPULSE_DATABASE_URL", "database-url", "", "postgres://... for PostgreSQL; empty for SQLite in the data dir", func(c *Config) *string { return &c.DatabaseURL }},
	{"DEVPULSE_BASE_URL", "base-url", "", "public URL of the app, e.g. https://devpulse.example.com (default http://ADDR)", func(c *Config) *string { return &c.BaseURL }},
	{"DEVPULSE_LOG_FORMAT", "log-format", "text", "log format: text or json", func(c *Config) *string { return &c.LogFormat }},
	{"DEVPULSE_LOG_LEVEL", "log-level", "info", "log level: debug, info, warn or error", func(c *Config) *string { return &c.LogLevel }},
	{"DEVPULSE_SMTP_URL", "smtp-url", "", "SMTP server for mail: smtp://user:pass@host:587 (STARTTLS when offered) or smtps://...", func(c *Config) *string { return &c.SMTPURL }},
	{"DEVPULSE_MAIL_FROM", "mail-from", "", "sender address of mail, e.g. devpulse@example.com", func(c *Config) *string { return &c.MailFrom }},
	{"DEVPULSE_SLACK_TOKEN", "slack-token", "", "Slack bot token (xoxb-...) for direct messages", func(c *Config) *string { return &c.SlackToken }},
	{"DEVPULSE_SLACK_API_URL", "slack-api-url", "", "Slack Web API address (default Slack's own)", func(c *Config) *string { return &c.SlackAPIURL }},
	{"DEVPULSE_SLACK_CHANNEL", "slack-channel", "", "Slack channel (ID or #name) for the results message when a snapshot closes; empty for none", func(c *Config) *string { return &c.SlackChannel }},
	{"DEVPULSE_VOICE_EMAILS", "voice-emails", "", "comma-separated addresses for the voice-of-the-developer email when a snapshot closes; empty for none", func(c *Config) *string { return &c.VoiceEmails }},
	{"DEVPULSE_MIN_GROUP_SIZE", "min-group-size", "5", "fewest responses a group needs before its scores and comments show (at least 3)", func(c *Config) *string { return &c.MinGroupSize }},
	{"DEVPULSE_COMPANY_SIZE", "company-size", "", "the organisation's engineering headcount band for benchmarks: 1-100, 100-1000, 1000-5000 or 5000+; empty for not set", func(c *Config) *string { return &c.CompanySize }},
	{"DEVPULSE_OIDC_ISSUER", "oidc-issuer", "", "OpenID Connect issuer URL for single sign-on, e.g. https://accounts.example.com", func(c *Config) *string { return &c.OIDCIssuer }},
	{"DEVPULSE_OIDC_CLIENT_ID", "oidc-client-id", "", "OpenID Connect client ID", func(c *Config) *string { return &c.OIDCClientID }},
	{"DEVPULSE_OIDC_CLIENT_SECRET", "oidc-client-secret", "", "OpenID Connect client secret (never logged)", func(c *Config) *string { return &c.OIDCClientSecret }},
	{"DEVPULSE_GITHUB_WEBHOOK_SECRET", "github-webhook-secret", "", "secret of the GitHub webhook at /webhooks/github (never logged); empty refuses every delivery", func(c *Config) *string { return &c.GitHubWebhookSecret }},
	{"DEVPULSE_SLACK_SIGNING_SECRET", "slack-signing-secret", "", "Slack app signing secret for /slack/interactions (never logged); empty refuses every interaction", func(c *Config) *string { return &c.SlackSigningSecret }},
	{"DEVPULSE_WIDGET_ORIGINS", "widget-origins", "", "comma-separated origins allowed to embed /widget.js, e.g. https://deploy.example.com", func(c *Config) *string { return &c.WidgetOrigins }},
	{"DEVPULSE_PULSE_MIN_DAYS", "pulse-min-days", "14", "pulse contact budget: fewest days between two asks to one person", func(c *Config) *string { return &c.PulseMinDays }},
	{"DEVPULSE_PULSE_MAX_PER_QUARTER", "pulse-max-per-quarter", "4", "pulse contact budget: most asks to one person per calendar quarter", func(c *Config) *string { return &c.PulseMaxPerQuarter }},
	{"DEVPULSE_PULSE_QUIET_DAYS", "pulse-quiet-days", "7", "pulse contact budget: no asks this many days before an unanswered quarterly survey closes", func(c *Config) *string { return &c.PulseQuietDays }},
	{"DEVPULSE_TRUSTED_PROXIES", "trusted-proxies", "", "comma-separated CIDR ranges of reverse proxies whose X-Forwarded-For is trusted; empty trusts none", func(c *Config) *string { return &c.TrustedProxies }},
	{"DEVPULSE_MAX_ACTIVE", "max-active", "32", "most requests doing database work at once; more get 503 with Retry-After", func(c *Config) *string { return &c.MaxActive }},
	{"DEVPULSE_MEMORY_LIMIT", "memory-limit", "120", "soft memory limit of the Go runtime in MiB (0 for none; GOMEMLIMIT wins when set)", func(c *Config) *string { return &c.MemoryLimit }},
}

// secretVars are settings whose values must never be printed: not in logs,
// error messages, nor as a flag's default in -h output.
var secretVars = map[string]bool{"DEVPULSE_OIDC_CLIENT_SECRET": true,
	"DEVPULSE_GITHUB_WEBHOOK_SECRET": true, "DEVPULSE_SLACK_SIGNING_SECRET": true}

// IsSecret reports whether the variable holds a secret that must never be shown.
func IsSecret(name string) bool { return secretVars[name] }

// Load reads every variable through getenv, falling back to defaults. It does
// not validate: flags may still override values, then Validate runs.
func Load(getenv func(string) string) Config {
	var c Config
	for _, v := range Vars {
		p := v.field(&c)
		*p = v.Default
		if s := strings.TrimSpace(getenv(v.Name)); s != "" {
			*p = s
		}
	}
	return c
}

// Field returns a pointer to the setting named by an environment variable,
// so that command-line flags can override it.
func (c *Config) Field(name string) *string {
	for _, v := range Vars {
		if v.Name == name {
			return v.field(c)
		}
	}
	panic("config: unknown variable " + name)
}

// Validate checks every value and fills in derived defaults (the base URL).
// The error names the variable at fault.
func (c *Config) Validate() error {
	host, port, err := net.SplitHostPort(c.Addr)
	if err != nil || port == "" {
		return fmt.Errorf("DEVPULSE_ADDR: %q is not host:port (for example 127.0.0.1:8080)", c.Addr)
	}
	if c.DataDir == "" {
		return fmt.Errorf("DEVPULSE_DATA_DIR: must not be empty")
	}
	if c.DatabaseURL != "" && !c.IsPostgres() {
		return fmt.Errorf("DEVPULSE_DATABASE_URL: %q must start with postgres:// or postgresql:// (leave it empty for SQLite)", redact(c.DatabaseURL))
	}
	if c.IsPostgres() {
		if _, err := url.Parse(c.DatabaseURL); err != nil {
			return fmt.Errorf("DEVPULSE_DATABASE_URL: not a valid URL")
		}
	}
	if c.BaseURL == "" {
		if host == "" || host == "0.0.0.0" || host == "::" {
			host = "localhost"
		}
		c.BaseURL = "http://" + net.JoinHostPort(host, port)
	}
	u, err := url.Parse(c.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("DEVPULSE_BASE_URL: %q must be an absolute http:// or https:// URL", c.BaseURL)
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return fmt.Errorf("DEVPULSE_LOG_FORMAT: %q must be text or json", c.LogFormat)
	}
	if _, err := c.Level(); err != nil {
		return fmt.Errorf("DEVPULSE_LOG_LEVEL: %q must be debug, info, warn or error", c.LogLevel)
	}
	if err := c.validateMessaging(); err != nil {
		return err
	}
	if err := c.validatePulse(); err != nil {
		return err
	}
	if err := c.validateLimits(); err != nil {
		return err
	}
	return c.validateOIDC()
}

// validateLimits checks the trusted proxies and the resource limits.
func (c *Config) validateLimits() error {
	if _, err := c.ProxyRanges(); err != nil {
		return err
	}
	if n, err := strconv.Atoi(c.MaxActive); err != nil || n < 1 || n > 10000 {
		return fmt.Errorf("DEVPULSE_MAX_ACTIVE: %q must be a whole number from 1 to 10000", c.MaxActive)
	}
	if n, err := strconv.Atoi(c.MemoryLimit); err != nil || n < 0 {
		return fmt.Errorf("DEVPULSE_MEMORY_LIMIT: %q must be a whole number of MiB (0 for no limit)", c.MemoryLimit)
	}
	return nil
}

// ProxyRanges parses DEVPULSE_TRUSTED_PROXIES; a bare address is a range
// of one.
func (c Config) ProxyRanges() ([]*net.IPNet, error) {
	var out []*net.IPNet
	for _, item := range strings.Split(c.TrustedProxies, ",") {
		if item = strings.TrimSpace(item); item == "" {
			continue
		}
		if !strings.Contains(item, "/") {
			ip := net.ParseIP(item)
			if ip == nil {
				return nil, fmt.Errorf("DEVPULSE_TRUSTED_PROXIES: %q is not an address or CIDR range such as 10.0.0.0/8", item)
			}
			bits := 128
			if ip.To4() != nil {
				ip, bits = ip.To4(), 32
			}
			out = append(out, &net.IPNet{IP: ip, Mask: net.CIDRMask(bits, bits)})
			continue
		}
		_, n, err := net.ParseCIDR(item)
		if err != nil {
			return nil, fmt.Errorf("DEVPULSE_TRUSTED_PROXIES: %q is not an address or CIDR range such as 10.0.0.0/8", item)
		}
		out = append(out, n)
	}
	return out, nil
}

// Active is DEVPULSE_MAX_ACTIVE; Validate has checked it.
func (c Config) Active() int {
	n, err := strconv.Atoi(c.MaxActive)
	if err != nil || n < 1 {
		return 32
	}
	return n
}

// MemoryLimitBytes is DEVPULSE_MEMORY_LIMIT in bytes, 0 for none.
func (c Config) MemoryLimitBytes() int64 {
	n, err := strconv.Atoi(c.MemoryLimit)
	if err != nil || n < 0 {
		return 0
	}
	return int64(n) << 20
}

// K is the minimum group size; Validate has checked it.
func (c Config) K() int {
	k, err := strconv.Atoi(c.MinGroupSize)
	if err != nil || k < 3 {
		return 5
	}
	return k
}

func (c *Config) validateMessaging() error {
	if k, err := strconv.Atoi(c.MinGroupSize); err != nil || k < 3 || k > 100 {
		return fmt.Errorf("DEVPULSE_MIN_GROUP_SIZE: %q must be a whole number from 3 to 100", c.MinGroupSize)
	}
	if c.SMTPURL != "" {
		u, err := url.Parse(c.SMTPURL)
		if err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Hostname() == "" {
			return fmt.Errorf("DEVPULSE_SMTP_URL: must look like smtp://user:pass@host:587 or smtps://host:465")
		}
		if _, err := mail.ParseAddress(c.MailFrom); err != nil {
			return fmt.Errorf("DEVPULSE_MAIL_FROM: %q is not a mail address (needed with DEVPULSE_SMTP_URL)", c.MailFrom)
		}
	}
	if c.SlackAPIURL != "" {
		u, err := url.Parse(c.SlackAPIURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("DEVPULSE_SLACK_API_URL: %q must be an http(s) URL", c.SlackAPIURL)
		}
		if !strings.HasSuffix(c.SlackAPIURL, "/") {
			c.SlackAPIURL += "/"
		}
	}
	return c.validateAnnouncements()
}

// validateAnnouncements checks where results are announced: a channel
// needs a Slack token, and the voice-of-the-developer list needs SMTP and
// valid addresses.
func (c *Config) validateAnnouncements() error {
	if c.SlackChannel != "" {
		if strings.ContainsAny(c.SlackChannel, " \t,") {
			return fmt.Errorf("DEVPULSE_SLACK_CHANNEL: %q must be one channel ID (C0123ABCD) or name (#dx-results)", c.SlackChannel)
		}
		if c.SlackToken == "" {
			return fmt.Errorf("DEVPULSE_SLACK_CHANNEL: needs DEVPULSE_SLACK_TOKEN to post to Slack")
		}
	}
	if c.VoiceEmails == "" {
		return nil
	}
	for _, a := range strings.Split(c.VoiceEmails, ",") {
		if a = strings.TrimSpace(a); a == "" {
			continue
		}
		if addr, err := mail.ParseAddress(a); err != nil || addr.Address != a {
			return fmt.Errorf("DEVPULSE_VOICE_EMAILS: %q is not a mail address (list plain addresses separated by commas)", a)
		}
	}
	if c.SMTPURL == "" {
		return fmt.Errorf("DEVPULSE_VOICE_EMAILS: needs DEVPULSE_SMTP_URL to send mail")
	}
	return nil
}

// VoiceAddresses lists the addresses of DEVPULSE_VOICE_EMAILS; Validate
// has checked them.
func (c Config) VoiceAddresses() []string {
	var out []string
	for _, a := range strings.Split(c.VoiceEmails, ",") {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

// validateOIDC checks the single sign-on settings: all three or none, and
// an absolute issuer URL. Messages never include the client secret.
func (c *Config) validateOIDC() error {
	vars := []struct{ name, value string }{
		{"DEVPULSE_OIDC_ISSUER", c.OIDCIssuer},
		{"DEVPULSE_OIDC_CLIENT_ID", c.OIDCClientID},
		{"DEVPULSE_OIDC_CLIENT_SECRET", c.OIDCClientSecret},
	}
	var set, missing []string
	for _, v := range vars {
		if v.value != "" {
			set = append(set, v.name)
		} else {
			missing = append(missing, v.name)
		}
	}
	if len(set) == 0 {
		return nil
	}
	if len(missing) > 0 {
		return fmt.Errorf("%s: must be set too when %s is (single sign-on needs the issuer, the client ID and the client secret)",
			missing[0], strings.Join(set, " and "))
	}
	u, err := url.Parse(c.OIDCIssuer)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("DEVPULSE_OIDC_ISSUER: %q must be an absolute http:// or https:// URL without query or fragment", c.OIDCIssuer)
	}
	return nil
}

// OIDCConfigured reports whether single sign-on is set up.
func (c Config) OIDCConfigured() bool {
	return c.OIDCIssuer != "" && c.OIDCClientID != "" && c.OIDCClientSecret != ""
}

// OIDCRedirectURL is where the provider sends people back after sign-in;
// register it with the provider.
func (c Config) OIDCRedirectURL() string {
	return c.BaseURL + "/auth/oidc/callback"
}

// IsPostgres reports whether the configured database is PostgreSQL.
func (c Config) IsPostgres() bool {
	return strings.HasPrefix(c.DatabaseURL, "postgres://") || strings.HasPrefix(c.DatabaseURL, "postgresql://")
}

// SecureCookies reports whether the app is served over https, so cookies
// must carry Secure and responses HSTS.
func (c Config) SecureCookies() bool {
	return strings.HasPrefix(c.BaseURL, "https://")
}

// SQLitePath is where the SQLite database lives when PostgreSQL is not used.
func (c Config) SQLitePath() string {
	return filepath.Join(c.DataDir, "devpulse.db")
}

// Level parses LogLevel.
func (c Config) Level() (slog.Level, error) {
	var l slog.Level
	err := l.UnmarshalText([]byte(c.LogLevel))
	return l, err
}

// redact hides a password in a database URL so it never reaches a log line.
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return raw
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}
