// Package benchmark holds external benchmark percentiles of favorable
// scores, imported from CSV files, and reads them for dashboards. A set
// is one source and year (e.g. "Acme DevEx Report", 2025); an import
// replaces the sets its file names, whole, in one transaction, and
// changes nothing when any line of the file is bad. The upload page, the
// `devpulse benchmark import` command and the demo all go through it.
//
// Where a score sits among the percentiles (below p25 ... above p90) and
// the internal benchmark across the organisation's own teams are pure
// arithmetic, in insight.Position and insight.TeamPercentiles.
package benchmark

import (
	"errors"
	"strings"
	"time"

	"github.com/devpulse/devpulse/internal/insight"
)

// SegmentAll is the segment label of a benchmark for everyone. A file may
// write it as "All" in any letter case, or leave the segment empty.
const SegmentAll = "All"

// ErrNotFound means the benchmark set does not exist.
var ErrNotFound = errors.New("benchmark: not found")

// Percentiles is one row of a benchmark set: the 25th to 90th percentiles
// of a driver's favorable score (0..100 points) in one segment.
type Percentiles struct {
	ID        int64 `gorm:"primaryKey"`
	DriverKey string
	// Segment is SegmentAll or a free label such as "Remote" or
	// "1000+ engineers".
	Segment string
	// WorkArrangement ("remote", "hybrid", "office") and CompanySize (a
	// key of CompanySizes) say which structured segment the row is for;
	// empty for any.
	WorkArrangement    string
	CompanySize        string
	P25, P50, P75, P90 int
	Source             string
	Year               int
	CreatedAt          time.Time
}

// TableName keeps the table name independent of the type name.
func (Percentiles) TableName() string { return "benchmarks" }

// Points returns the four percentiles, for insight.Position.
func (p Percentiles) Points() insight.Percentiles {
	return insight.Percentiles{P25: p.P25, P50: p.P50, P75: p.P75, P90: p.P90}
}

// Synthetic reports whether the row comes from made-up data (its source
// says "synthetic", as the demo set's does) rather than a real benchmark.
func (p Percentiles) Synthetic() bool { return IsSynthetic(p.Source) }

// IsSynthetic reports whether a source names made-up data: it contains
// the word "synthetic" in any letter case.
func IsSynthetic(source string) bool {
	return strings.Contains(strings.ToLower(source), "synthetic")
}

// NormalizeSegment trims a segment label and spells everyone as SegmentAll.
func NormalizeSegment(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.EqualFold(s, SegmentAll) {
		return SegmentAll
	}
	return s
}
