package benchmark

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/input"
)

// Optional columns that tie a row to a segment by work arrangement and
// company size, so a team can be compared with its own segment.
const (
	ColWorkArrangement = "work_arrangement"
	ColCompanySize     = "company_size"
)

// CompanySize is a band of engineering headcount a benchmark row can be
// for and the organisation's own size can be set to.
type CompanySize struct {
	Key, Label string
}

// CompanySizes are the bands a benchmark file's company_size column and
// DEVPULSE_COMPANY_SIZE may name, smallest first. The bands share their
// bounds, as published reports write them.
var CompanySizes = []CompanySize{
	{"1-100", "up to 100 engineers"},
	{"100-1000", "100–1,000 engineers"},
	{"1000-5000", "1,000–5,000 engineers"},
	{"5000+", "over 5,000 engineers"},
}

// CompanySizeKeys lists the keys of CompanySizes, for messages.
func CompanySizeKeys() []string {
	out := make([]string, len(CompanySizes))
	for i, c := range CompanySizes {
		out[i] = c.Key
	}
	return out
}

// companySizeLabel returns the band's words, or "" for no band.
func companySizeLabel(key string) string {
	for _, c := range CompanySizes {
		if c.Key == key {
			return c.Label
		}
	}
	return ""
}

// ValidCompanySize reports whether key is a band, or empty (not set).
func ValidCompanySize(key string) bool { return key == "" || companySizeLabel(key) != "" }

// parseSegmentColumns reads a row's optional work arrangement and company
// size (lower case, "" or "all" for any) into row.
func parseSegmentColumns(row *Percentiles, arrangement, size string) []input.Message {
	var msgs []input.Message
	if arrangement == "" && slices.Contains(directory.WorkArrangements, strings.ToLower(row.Segment)) {
		arrangement = row.Segment // a row labelled "Remote" alone is the remote segment
	}
	row.WorkArrangement = strings.ToLower(arrangement)
	if row.WorkArrangement == "all" {
		row.WorkArrangement = ""
	}
	if row.WorkArrangement != "" && !slices.Contains(directory.WorkArrangements, row.WorkArrangement) {
		msgs = append(msgs, input.CSV("bench.not_one_of", "Column", ColWorkArrangement, "Value", strconv.Quote(arrangement),
			"Choices", strings.Join(directory.WorkArrangements, ", ")))
	}
	row.CompanySize = strings.ToLower(strings.ReplaceAll(size, " ", ""))
	if row.CompanySize == "all" {
		row.CompanySize = ""
	}
	if !ValidCompanySize(row.CompanySize) {
		msgs = append(msgs, input.CSV("bench.not_one_of", "Column", ColCompanySize, "Value", strconv.Quote(size),
			"Choices", strings.Join(CompanySizeKeys(), ", ")))
	}
	if len(msgs) == 0 && row.Segment == SegmentAll {
		// A row for a segment gets the segment's words as its label, so two
		// segments of one driver and set never share the label everyone has.
		row.Segment = segmentLabel(row.WorkArrangement, row.CompanySize)
	}
	return msgs
}

// segmentLabel names a segment in words: "Remote, 1,000–5,000 engineers".
func segmentLabel(arrangement, size string) string {
	var parts []string
	if arrangement != "" {
		parts = append(parts, strings.ToUpper(arrangement[:1])+arrangement[1:])
	}
	if size != "" {
		parts = append(parts, companySizeLabel(size))
	}
	if len(parts) == 0 {
		return SegmentAll
	}
	return strings.Join(parts, ", ")
}

// Match is the benchmark a team is compared with: the rows of the most
// specific segment that has any, and which segment that is.
type Match struct {
	Rows map[string]Percentiles
	// Arrangement and Size are the segment's work arrangement and company
	// size; "" where the segment is not narrowed by it.
	Arrangement, Size string
}

// Describe says in English which benchmark it is: "industry benchmark for
// remote teams, 1,000–5,000 engineers" or "industry benchmark for all
// teams". Pages word it from Arrangement and Size in their reader's
// language.
func (m Match) Describe() string { return describe(m.Arrangement, m.Size) }

// ForTeam returns, for driverKeys, the benchmark of a team that works
// mostly in arrangement ("" when none is known) in a company of size (""
// when not set). It tries the segment of both, of the arrangement only,
// of the size only, then everyone's, and takes the first that has a row
// for any of the drivers; within it, rows are chosen as For chooses them.
func (s *Store) ForTeam(ctx context.Context, driverKeys []string, arrangement, size string) (Match, error) {
	type seg struct{ arr, size string }
	var tries []seg
	if arrangement != "" && size != "" {
		tries = append(tries, seg{arrangement, size})
	}
	if arrangement != "" {
		tries = append(tries, seg{arrangement, ""})
	}
	if size != "" {
		tries = append(tries, seg{"", size})
	}
	for _, t := range append(tries, seg{}) {
		rows, err := s.forSegment(ctx, driverKeys, t.arr, t.size)
		if err != nil {
			return Match{}, err
		}
		if len(rows) > 0 {
			return Match{Rows: rows, Arrangement: t.arr, Size: t.size}, nil
		}
	}
	return Match{Rows: map[string]Percentiles{}}, nil
}

// forSegment reads the rows of one structured segment; everyone's is the
// rows labelled SegmentAll.
func (s *Store) forSegment(ctx context.Context, driverKeys []string, arrangement, size string) (map[string]Percentiles, error) {
	if arrangement == "" && size == "" {
		return s.For(ctx, driverKeys, SegmentAll)
	}
	var rows []Percentiles
	err := s.db.WithContext(ctx).Where("driver_key IN ? AND work_arrangement = ? AND company_size = ?", driverKeys, arrangement, size).
		Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("benchmark store: for %q %q: %w", arrangement, size, err)
	}
	return best(rows), nil
}

// describe says which benchmark a team is compared with.
func describe(arrangement, size string) string {
	switch {
	case arrangement != "" && size != "":
		return fmt.Sprintf("industry benchmark for %s teams, %s", arrangement, companySizeLabel(size))
	case arrangement != "":
		return fmt.Sprintf("industry benchmark for %s teams", arrangement)
	case size != "":
		return fmt.Sprintf("industry benchmark for companies of %s", companySizeLabel(size))
	}
	return "industry benchmark for all teams"
}
