package metrics

import (
	"fmt"
	"regexp"
	"strconv"
	"time"

	"github.com/devpulse/devpulse/internal/input"
)

var weekRe = regexp.MustCompile(`^(\d{4})-W(\d{2})$`)

// Week names the ISO 8601 week of t in UTC, such as "2026-W49".
func Week(t time.Time) string {
	y, w := t.UTC().ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}

// WeekError says what is wrong with a week's name, as a message a page
// writes in its reader's language.
type WeekError struct{ Problem input.Message }

func (e WeekError) Error() string { return e.Problem.String() }

// WeekStart returns the Monday 00:00 UTC that starts an ISO week, or a
// WeekError saying what is wrong with its name.
func WeekStart(s string) (time.Time, error) {
	m := weekRe.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, WeekError{input.M("directory.metrics.week_name", "Value", strconv.Quote(s))}
	}
	year, _ := strconv.Atoi(m[1])
	week, _ := strconv.Atoi(m[2])
	if _, last := time.Date(year, 12, 28, 0, 0, 0, 0, time.UTC).ISOWeek(); week < 1 || week > last {
		return time.Time{}, WeekError{input.M("directory.metrics.week_number", "Year", m[1], "Last", last, "Value", strconv.Quote(s))}
	}
	// 4 January is always in week 1.
	jan4 := time.Date(year, 1, 4, 0, 0, 0, 0, time.UTC)
	monday := jan4.AddDate(0, 0, -((int(jan4.Weekday()) + 6) % 7))
	return monday.AddDate(0, 0, 7*(week-1)), nil
}

// AddWeeks returns the week n weeks after s (before, for negative n).
func AddWeeks(s string, n int) (string, error) {
	t, err := WeekStart(s)
	if err != nil {
		return "", err
	}
	return Week(t.AddDate(0, 0, 7*n)), nil
}

// Weeks lists every week from first to last, both included.
func Weeks(first, last string) ([]string, error) {
	a, err := WeekStart(first)
	if err != nil {
		return nil, err
	}
	b, err := WeekStart(last)
	if err != nil {
		return nil, err
	}
	var out []string
	for t := a; !t.After(b); t = t.AddDate(0, 0, 7) {
		out = append(out, Week(t))
	}
	return out, nil
}
