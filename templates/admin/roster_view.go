package admin

import (
	"context"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/input"
	"github.com/devpulse/devpulse/internal/roster"
)

// RosterShown is how many rows of each preview section the page lists; the
// counts above them are always complete.
const RosterShown = 200

// RosterView is the roster import page: the upload form, the problems of
// an invalid file, or the preview of a valid one with its Apply form.
type RosterView struct {
	DeactivateMissing bool
	FileName          string
	// FormError is a problem with the upload itself (no file, too large).
	FormError string
	// Errors are the file's bad lines; nothing can be applied while there are any.
	Errors []input.LineError
	Plan   *roster.Plan
	// Stale marks a preview remade because the directory changed since the first.
	Stale bool
	// Done is the message after an import was applied.
	Done string
	// Payload is the previewed file in base64 and Digest its SHA-256, so
	// Apply works on exactly the file previewed without a second upload.
	Payload string
	Digest  string
	// MaxMB is the largest file accepted, in megabytes.
	MaxMB int
}

// RosterColumn documents one column of the file format.
type RosterColumn struct {
	Name     string
	Required bool
	Meaning  string // a catalog key
}

// RosterColumns describes the file format on the upload page; Meaning is
// a catalog key.
var RosterColumns = []RosterColumn{
	{roster.ColEmail, true, "directory.roster.col.email"},
	{roster.ColName, true, "directory.roster.col.name"},
	{roster.ColTeam, true, "directory.roster.col.team"},
	{roster.ColLeadOf, false, "directory.roster.col.lead_of"},
	{roster.ColRole, false, "directory.roster.col.role"},
	{roster.ColWorkArrangement, false, "directory.roster.col.work_arrangement"},
	{roster.ColLocation, false, "directory.roster.col.location"},
	{roster.ColStartDate, false, "directory.roster.col.start_date"},
	{roster.ColLevel, false, "directory.roster.col.level"},
	{roster.ColGitHubLogin, false, "directory.roster.col.github_login"},
	{roster.ColSlackUserID, false, "directory.roster.col.slack_user_id"},
}

// rosterFirst returns at most RosterShown items.
func rosterFirst[T any](items []T) []T {
	return items[:min(len(items), RosterShown)]
}

// rosterShow writes a value shown in a change, "(empty)" for none.
func rosterShow(ctx context.Context, s string) string {
	if s == "" {
		return i18n.T(ctx, "directory.roster.empty_value")
	}
	return s
}
