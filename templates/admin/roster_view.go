package admin

import "github.com/devpulse/devpulse/internal/roster"

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
	Errors []roster.LineError
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
	Meaning  string
}

// RosterColumns describes the file format on the upload page.
var RosterColumns = []RosterColumn{
	{roster.ColEmail, true, "Work email address. Matches people already in the directory in any letter case."},
	{roster.ColName, true, "Full name."},
	{roster.ColTeam, true, "The person's team as a path from the top, e.g. Engineering/Platform. Teams that do not exist yet are created."},
	{roster.ColLeadOf, false, "Teams the person leads, as paths separated by ';'. Adds lead grants; an import never removes one."},
	{roster.ColRole, false, "Job role or discipline, e.g. Backend engineer or SRE (not an access role)."},
	{roster.ColWorkArrangement, false, "remote, hybrid or office (any letter case), or empty when unknown."},
	{roster.ColLocation, false, "City or office."},
	{roster.ColStartDate, false, "First day, as YYYY-MM-DD; gives the tenure band."},
	{roster.ColLevel, false, "Career level, e.g. L3 or M1."},
	{roster.ColGitHubLogin, false, "GitHub login, to send pulse surveys after merged pull requests."},
	{roster.ColSlackUserID, false, "Slack member ID, e.g. U01ABCDEF, to reach the person in Slack."},
}

// rosterFirst returns at most RosterShown items.
func rosterFirst[T any](items []T) []T {
	return items[:min(len(items), RosterShown)]
}

// rosterLines counts the distinct lines with problems.
func rosterLines(errs []roster.LineError) int {
	seen := map[int]bool{}
	for _, e := range errs {
		seen[e.Line] = true
	}
	return len(seen)
}

// rosterShow returns "" or "empty" for a value shown in a change.
func rosterShow(s string) string {
	if s == "" {
		return "(empty)"
	}
	return s
}
