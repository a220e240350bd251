package web

import (
	"context"
	"slices"
	"strings"
	"time"

	// The time zone database is built in, so snapshot time zones work in a
	// container without /usr/share/zoneinfo.
	_ "time/tzdata"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/survey"
)

// snapshotZones are the time zones the snapshot forms offer, west to east.
var snapshotZones = []string{
	"UTC",
	"Pacific/Honolulu", "America/Los_Angeles", "America/Vancouver", "America/Denver", "America/Phoenix",
	"America/Chicago", "America/Mexico_City", "America/New_York", "America/Toronto", "America/Sao_Paulo",
	"America/Argentina/Buenos_Aires", "Atlantic/Reykjavik", "Europe/London", "Europe/Dublin", "Europe/Lisbon",
	"Africa/Lagos", "Europe/Paris", "Europe/Berlin", "Europe/Amsterdam", "Europe/Madrid", "Europe/Rome",
	"Europe/Stockholm", "Europe/Warsaw", "Europe/Zurich", "Africa/Johannesburg", "Europe/Helsinki",
	"Europe/Athens", "Europe/Kyiv", "Europe/Istanbul", "Asia/Jerusalem", "Africa/Nairobi", "Asia/Dubai",
	"Asia/Karachi", "Asia/Kolkata", "Asia/Dhaka", "Asia/Bangkok", "Asia/Jakarta", "Asia/Singapore",
	"Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei", "Asia/Manila", "Asia/Seoul", "Asia/Tokyo",
	"Australia/Perth", "Australia/Brisbane", "Australia/Sydney", "Australia/Melbourne", "Pacific/Auckland",
}

// zonesWith returns the offered zones, plus current when it is another one.
func zonesWith(current string) []string {
	if current == "" || slices.Contains(snapshotZones, current) {
		return snapshotZones
	}
	return append([]string{current}, snapshotZones...)
}

// localInputLayout is the value format of <input type="datetime-local">.
const localInputLayout = "2006-01-02T15:04"

// localInput formats t as a datetime-local value in loc; empty for nil.
func localInput(t *time.Time, loc *time.Location) string {
	if t == nil {
		return ""
	}
	return t.In(loc).Format(localInputLayout)
}

// parseLocal reads a datetime-local value as a wall clock time in loc.
// Empty means not set. Browsers send seconds when the step allows them.
func parseLocal(v string, loc *time.Location) (*time.Time, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil, true
	}
	for _, layout := range []string{localInputLayout, "2006-01-02T15:04:05", "2006-01-02 15:04"} {
		if t, err := time.ParseInLocation(layout, v, loc); err == nil {
			return &t, true
		}
	}
	return nil, false
}

// snapshotTime shows a moment in the snapshot's time zone, in the
// reader's language: "Mon 2 Jan 2026, 15:04 CET", "lun 2 ene 2026, 15:04 CET".
func snapshotTime(ctx context.Context, t *time.Time, snap survey.Snapshot) string {
	if t == nil {
		return ""
	}
	l, at := i18n.From(ctx), t.In(snap.Location())
	weekday, _, _ := strings.Cut(l.ShortDateTime(at), " ")
	return l.T("admin.when", "Weekday", weekday, "Date", l.Date(at), "Time", at.Format("15:04 MST"))
}

// loadZone returns the named zone, or UTC with ok false.
func loadZone(name string) (*time.Location, bool) {
	if name == "" {
		return time.UTC, false
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC, false
	}
	return loc, true
}
