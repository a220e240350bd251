package results_test

import (
	"context"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/internal/results/resultstest"
	"github.com/devpulse/devpulse/internal/testdb"
)

// A snapshot that closed with fewer than k responses shows nothing
// anywhere, so it must not become the default results, the comparison
// point of the next snapshot, or a hole in every trend.
func TestSnapshotUnderKIsNeverTheDefault(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		o := newOrg(t, db)
		o.w.Snapshot(t, "2026 Q3", func(p directory.Person) *resultstest.Answers { return nil })

		for _, q := range []results.Query{{TeamID: results.Org}, {TeamID: o.w.Teams["Eng/A"].ID}} {
			d, err := o.w.Results.Dashboard(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if d.Snapshot.ID != o.q2.Snapshot.ID {
				t.Errorf("team %d: default snapshot is %q, want 2026 Q2 (Q3 had no responses)", q.TeamID, d.Snapshot.Title)
			}
			for _, s := range d.Snapshots {
				if s.Title == "2026 Q3" {
					t.Errorf("team %d: the empty 2026 Q3 is offered in the snapshot picker", q.TeamID)
				}
			}
		}
		org, err := o.w.Results.Org(ctx, results.OrgQuery{})
		if err != nil {
			t.Fatal(err)
		}
		if org.Snapshot.ID != o.q2.Snapshot.ID || org.Compare == nil || org.Compare.ID != o.q1.Snapshot.ID {
			t.Errorf("org readout: snapshot %q compared with %v, want 2026 Q2 against 2026 Q1", org.Snapshot.Title, org.Compare)
		}
	})
}
