package config

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// PulseBudget is the organisation's contact budget for pulse asks.
type PulseBudget struct {
	// MinDays is the fewest days between two asks to one person.
	MinDays int
	// MaxPerQuarter is the most asks to one person per calendar quarter.
	MaxPerQuarter int
	// QuietDays: no asks while the person has an unanswered quarterly
	// invitation that closes within this many days.
	QuietDays int
}

// validatePulse checks the pulse settings: budget numbers in range and
// widget origins as scheme://host[:port].
func (c *Config) validatePulse() error {
	nums := []struct {
		name, value string
		min, max    int
	}{
		{"DEVPULSE_PULSE_MIN_DAYS", c.PulseMinDays, 1, 365},
		{"DEVPULSE_PULSE_MAX_PER_QUARTER", c.PulseMaxPerQuarter, 1, 90},
		{"DEVPULSE_PULSE_QUIET_DAYS", c.PulseQuietDays, 0, 90},
	}
	for _, n := range nums {
		if v, err := strconv.Atoi(n.value); err != nil || v < n.min || v > n.max {
			return fmt.Errorf("%s: %q must be a whole number from %d to %d", n.name, n.value, n.min, n.max)
		}
	}
	for _, o := range splitList(c.WidgetOrigins) {
		u, err := url.Parse(o)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.User != nil {
			return fmt.Errorf("DEVPULSE_WIDGET_ORIGINS: %q is not an origin such as https://deploy.example.com (scheme and host, no path)", o)
		}
	}
	return nil
}

// Budget returns the contact budget; Validate has checked the numbers.
func (c Config) Budget() PulseBudget {
	atoi := func(s string, def int) int {
		if v, err := strconv.Atoi(s); err == nil {
			return v
		}
		return def
	}
	return PulseBudget{MinDays: atoi(c.PulseMinDays, 14), MaxPerQuarter: atoi(c.PulseMaxPerQuarter, 4), QuietDays: atoi(c.PulseQuietDays, 7)}
}

// WidgetOriginList returns the origins allowed to embed the widget, each
// without a trailing slash.
func (c Config) WidgetOriginList() []string {
	var out []string
	for _, o := range splitList(c.WidgetOrigins) {
		out = append(out, strings.TrimRight(o, "/"))
	}
	return out
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
