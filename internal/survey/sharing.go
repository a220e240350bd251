package survey

import (
	"context"
	"fmt"

	"gorm.io/gorm"
)

// SharedWithRespondents reports whether the people who were invited may
// read the snapshot's results: once it is published, and from its close
// unless an admin holds them back until publishing.
func (s Snapshot) SharedWithRespondents() bool {
	return s.State == Published || (s.State == Closed && !s.HoldResults)
}

// SetHoldResults holds a snapshot's results back from the people who were
// invited until it is published (hold true), or shares them at close. A
// published snapshot's results are shared for good: ErrState.
func (s *Store) SetHoldResults(ctx context.Context, id int64, hold bool, actor string) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		snap, err := snapshot(ctx, tx, id)
		if err != nil {
			return err
		}
		if snap.State == Published {
			return fmt.Errorf("%w: a published snapshot's results are shared", ErrState)
		}
		res := tx.Model(&Snapshot{}).Where("id = ? AND state <> ?", id, Published).
			Updates(map[string]any{"hold_results": hold, "updated_at": s.now()})
		if res.Error != nil {
			return fmt.Errorf("survey: hold results of %d: %w", id, res.Error)
		}
		if res.RowsAffected != 1 {
			return fmt.Errorf("%w: snapshot changed meanwhile", ErrState)
		}
		action := "snapshot.share_results"
		if hold {
			action = "snapshot.hold_results"
		}
		return s.audit.Record(ctx, tx, actor, action, snapshotTarget(snap), "")
	})
}
