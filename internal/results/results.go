// Package results materialises a closed snapshot's answers into small
// count tables and reads them back as the numbers dashboards show, with
// the confidentiality rules applied.
//
// Materialise aggregates in the database, with the same SQL on SQLite and
// PostgreSQL: per direct team and per value of each segment, the group
// sizes, every rating question's distribution, and the item counts of the
// other kinds; then the same summed over each team's subtree and the whole
// organisation, which is what dashboards read. Free-text answers are
// copied without the person. Nothing is materialised while a snapshot is
// open, so no score can be shown before it closes. Reading leaves every
// number's definition to package insight.
package results

import (
	"context"
	"errors"
	"fmt"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"
	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/insight"
	"github.com/devpulse/devpulse/internal/survey"
)

// ErrNotClosed: a snapshot's results are materialised only once it closes.
var ErrNotClosed = errors.New("results: the snapshot has not closed")

// ErrPublished: a published snapshot's results are final and never
// recomputed, so no two versions of its numbers exist to be compared.
var ErrPublished = errors.New("the snapshot's results are published: they are final and are never recomputed")

// SmallChangeError refuses a recompute that would change a group's count
// by fewer than k responses: the two versions' difference would show that
// small group's answers.
type SmallChangeError struct {
	Change, K int
}

func (e *SmallChangeError) Error() string {
	return fmt.Sprintf("recomputing would change a group by %d responses, fewer than the minimum group size of %d: "+
		"comparing the two versions would show those responses, so the results stay as they are", e.Change, e.K)
}

// Segments a dashboard can filter a group by, with the labels screens use.
// Each is a column of responses, captured at submission time.
var Segments = []struct{ Key, Label string }{
	{"job_role", "Role"},
	{"work_arrangement", "Work arrangement"},
	{"tenure_band", "Tenure"},
}

// ValidSegment reports whether key names one of Segments.
func ValidSegment(key string) bool {
	for _, s := range Segments {
		if s.Key == key {
			return true
		}
	}
	return false
}

// Run records that a snapshot's results are materialised.
type Run struct {
	SnapshotID     int64 `gorm:"primaryKey;autoIncrement:false"`
	MaterialisedAt time.Time
	Invited        int
	Responses      int
}

// TableName names the table.
func (Run) TableName() string { return "result_snapshots" }

// Group is the size of one direct team's group, whole (Segment "") or one
// segment value of it. Team 0 holds people with no team.
type Group struct {
	SnapshotID int64  `gorm:"primaryKey;autoIncrement:false"`
	TeamID     int64  `gorm:"primaryKey;autoIncrement:false"`
	Segment    string `gorm:"primaryKey"`
	Value      string `gorm:"primaryKey"`
	Invited    int
	Responses  int
}

// TableName names the table.
func (Group) TableName() string { return "result_groups" }

// Rating is one rating question's distribution in one group.
type Rating struct {
	SnapshotID int64  `gorm:"primaryKey;autoIncrement:false"`
	TeamID     int64  `gorm:"primaryKey;autoIncrement:false"`
	Segment    string `gorm:"primaryKey"`
	Value      string `gorm:"primaryKey"`
	QuestionID int64  `gorm:"primaryKey;autoIncrement:false"`
	N0         int    `gorm:"column:n0"`
	N1         int    `gorm:"column:n1"`
	N2         int    `gorm:"column:n2"`
	N3         int    `gorm:"column:n3"`
	N4         int    `gorm:"column:n4"`
	N5         int    `gorm:"column:n5"`
}

// TableName names the table.
func (Rating) TableName() string { return "result_ratings" }

// Distribution returns the counts as insight sees them.
func (r Rating) Distribution() insight.Distribution {
	return insight.Distribution{Counts: [6]int{r.N0, r.N1, r.N2, r.N3, r.N4, r.N5}}
}

// Item counts one item of a question in one group: a priority's driver
// key, a choice, a frequency step, an allocation category ("" for a
// number), with the sum of the numbers given.
type Item struct {
	SnapshotID int64  `gorm:"primaryKey;autoIncrement:false"`
	TeamID     int64  `gorm:"primaryKey;autoIncrement:false"`
	Segment    string `gorm:"primaryKey"`
	Value      string `gorm:"primaryKey"`
	QuestionID int64  `gorm:"primaryKey;autoIncrement:false"`
	Item       string `gorm:"primaryKey"`
	Answers    int
	Total      float64
}

// TableName names the table.
func (Item) TableName() string { return "result_items" }

// Comment is one free-text answer. AuthorName and AuthorEmail are set only
// when the respondent agreed to be contacted about their comments.
type Comment struct {
	ID              int64
	SnapshotID      int64
	TeamID          int64
	QuestionID      int64
	DriverKey       string
	Body            string
	AuthorName      string
	AuthorEmail     string
	JobRole         string
	WorkArrangement string
	TenureBand      string
}

// TableName names the table.
func (Comment) TableName() string { return "result_comments" }

// Store materialises and reads results.
type Store struct {
	db      *gorm.DB
	dir     *directory.Store
	surveys *survey.Store
	audit   *audit.Log
	k       insight.Threshold
	now     func() time.Time
	// benchmarks reads external benchmark percentiles; nil shows none.
	benchmarks BenchmarkFunc
	// dashboards caches dashboards' numbers (see Dashboard).
	dashboards *lru.Cache[dashboardKey, *dashboardNumbers]
}

// New returns a Store that suppresses groups under k responses.
func New(db *gorm.DB, dir *directory.Store, surveys *survey.Store, k int) (*Store, error) {
	th, err := insight.NewThreshold(k)
	if err != nil {
		return nil, err
	}
	return &Store{db: db, dir: dir, surveys: surveys, audit: audit.New(db), k: th,
		now: func() time.Time { return time.Now().UTC() }, dashboards: newDashboardCache()}, nil
}

// K is the minimum group size.
func (s *Store) K() int { return s.k.K() }

// Threshold is the confidentiality rule the store applies.
func (s *Store) Threshold() insight.Threshold { return s.k }

// Materialised returns the run of a snapshot, ok false when its results
// have not been materialised.
func (s *Store) Materialised(ctx context.Context, snapshotID int64) (Run, bool, error) {
	var runs []Run
	if err := s.db.WithContext(ctx).Where("snapshot_id = ?", snapshotID).Limit(1).Find(&runs).Error; err != nil {
		return Run{}, false, fmt.Errorf("results: run of %d: %w", snapshotID, err)
	}
	if len(runs) == 0 {
		return Run{}, false, nil
	}
	return runs[0], true, nil
}
