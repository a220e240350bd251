package pulse

import (
	"fmt"
	"time"
)

// Frequency is how often a person agrees to be asked.
type Frequency string

// Frequencies a person can choose; "" follows the organisation's budget.
const (
	FreqDefault  Frequency = ""
	FreqWeekly   Frequency = "weekly"
	FreqBiweekly Frequency = "biweekly"
	FreqMonthly  Frequency = "monthly"
	FreqNever    Frequency = "never"
)

// frequencies: each choice's label and the least time between two asks it
// allows (the organisation's minimum still applies on top).
var frequencies = []struct {
	f     Frequency
	label string
	gap   time.Duration
}{
	{FreqDefault, "As often as the organisation allows", 0},
	{FreqWeekly, "At most weekly", 7 * 24 * time.Hour},
	{FreqBiweekly, "At most every two weeks", 14 * 24 * time.Hour},
	{FreqMonthly, "At most monthly", 30 * 24 * time.Hour},
	{FreqNever, "Never", 0},
}

// Channel is where a person gets their asks.
type Channel string

// Channels a person can choose; "" picks Slack when set up, else email.
const (
	ChanDefault Channel = ""
	ChanEmail   Channel = "email"
	ChanSlack   Channel = "slack"
	// ChanTools: the widget inside internal tools (and the devpulse page).
	ChanTools Channel = "tools"
	// ChanPage: only the /pulse page; nothing is sent.
	ChanPage Channel = "page"
)

var channels = []struct {
	c     Channel
	label string
}{
	{ChanDefault, "Slack when I have it, else email"},
	{ChanEmail, "Email"},
	{ChanSlack, "Slack"},
	{ChanTools, "In the tools I use (the devpulse widget)"},
	{ChanPage, "Only on my devpulse pulse page"},
}

// Option is one choice of a settings list.
type Option struct{ Value, Label string }

// FrequencyOptions lists the frequencies for a form.
func FrequencyOptions() []Option {
	out := make([]Option, len(frequencies))
	for i, f := range frequencies {
		out[i] = Option{string(f.f), f.label}
	}
	return out
}

// ChannelOptions lists the channels for a form.
func ChannelOptions() []Option {
	out := make([]Option, len(channels))
	for i, c := range channels {
		out[i] = Option{string(c.c), c.label}
	}
	return out
}

// gapOf returns the least time between asks a frequency allows.
func gapOf(f Frequency) time.Duration {
	for _, x := range frequencies {
		if x.f == f {
			return x.gap
		}
	}
	return 0
}

// CheckPrefs validates a frequency and a channel.
func CheckPrefs(f, c string) error {
	okF, okC := false, false
	for _, x := range frequencies {
		okF = okF || string(x.f) == f
	}
	for _, x := range channels {
		okC = okC || string(x.c) == c
	}
	if !okF {
		return fmt.Errorf("%w: choose how often: weekly, every two weeks, monthly, never, or as the organisation allows", ErrInvalid)
	}
	if !okC {
		return fmt.Errorf("%w: choose where: email, Slack, in the tools, or only on the devpulse page", ErrInvalid)
	}
	return nil
}
