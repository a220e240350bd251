package pulse

import (
	"fmt"
	"time"

	"github.com/devpulse/devpulse/internal/events"
	"github.com/devpulse/devpulse/internal/insight"
)

// Quarter is one quarterly snapshot's driver score for the group, placed
// at the ISO week the snapshot closed. A hidden score is absent.
type Quarter struct {
	Title string
	Week  string
	Score insight.Score
}

// Point is one week of a programme's line: its pulse week, its
// quarterly point, either or both absent.
type Point struct {
	Week    string
	Pulse   *TeamWeek
	Quarter *Quarter
}

// maxAxisWeeks bounds the axis, whatever the data says.
const maxAxisWeeks = 104

// Between lays a programme's weeks (oldest first) and the quarterly
// points (oldest first) on one axis of consecutive ISO weeks, so the
// weekly line runs between the quarterly points: from the last quarter
// closed before the first pulse week to the later of the last pulse
// week and the last quarter since.
func Between(weeks []TeamWeek, quarters []Quarter) []Point {
	if len(weeks) == 0 {
		return nil
	}
	from, to := weeks[0].Week, weeks[len(weeks)-1].Week
	for _, q := range quarters {
		if q.Week <= weeks[0].Week {
			from = q.Week
		}
		to = max(to, q.Week)
	}
	byWeek := map[string]*Point{}
	var out []Point
	for _, w := range weekRange(from, to) {
		out = append(out, Point{Week: w})
	}
	for i := range out {
		byWeek[out[i].Week] = &out[i]
	}
	for i := range weeks {
		if p := byWeek[weeks[i].Week]; p != nil {
			p.Pulse = &weeks[i]
		}
	}
	for i := range quarters {
		if p := byWeek[quarters[i].Week]; p != nil {
			p.Quarter = &quarters[i] // of two in one week, the later
		}
	}
	return out
}

// weekRange lists the ISO weeks from one to another, both included.
func weekRange(from, to string) []string {
	t, err := weekStart(from)
	if err != nil {
		return nil
	}
	var out []string
	for w := events.ISOWeek(t); w <= to && len(out) < maxAxisWeeks; w = events.ISOWeek(t) {
		out = append(out, w)
		t = t.AddDate(0, 0, 7)
	}
	return out
}

// weekStart is the Monday of an ISO week such as "2026-W49".
func weekStart(week string) (time.Time, error) {
	var y, w int
	if _, err := fmt.Sscanf(week, "%04d-W%02d", &y, &w); err != nil {
		return time.Time{}, fmt.Errorf("pulse: week %q: %w", week, err)
	}
	jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, time.UTC)
	week1 := jan4.AddDate(0, 0, -((int(jan4.Weekday()) + 6) % 7))
	return week1.AddDate(0, 0, 7*(w-1)), nil
}
