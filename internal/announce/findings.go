package announce

import (
	"context"

	"github.com/devpulse/devpulse/internal/readout"
	"github.com/devpulse/devpulse/internal/results"
)

// FindingsFunc adds findings about an org dashboard beyond the executive
// summary's, such as the teams that set a goal and met it (internal/goals).
type FindingsFunc func(ctx context.Context, o results.OrgDashboard) ([]readout.Finding, error)

// SetFindings makes the voice-of-the-developer email carry more findings.
func (a *Announcer) SetFindings(f FindingsFunc) { a.findings = f }

// addFindings appends the extra findings to the email's.
func (a *Announcer) addFindings(ctx context.Context, o results.OrgDashboard, f *orgFacts) error {
	if a.findings == nil || !f.Shown {
		return nil
	}
	more, err := a.findings(ctx, o)
	f.Findings = append(f.Findings, more...)
	return err
}
