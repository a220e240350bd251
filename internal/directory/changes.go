package directory

import (
	"strings"
	"time"
)

// ChangedFields names the fields an edit changed, for the audit log: which
// fields, never their values. Empty means nothing changed.
func ChangedFields(before, after Person) string {
	var out []string
	add := func(name string, changed bool) {
		if changed {
			out = append(out, name)
		}
	}
	add("name", before.Name != after.Name)
	add("email", before.Email != after.Email)
	add("team", teamOf(before) != teamOf(after))
	add("job_role", before.JobRole != after.JobRole)
	add("work_arrangement", before.WorkArrangement != after.WorkArrangement)
	add("location", before.Location != after.Location)
	add("start_date", dateString(before.StartDate) != dateString(after.StartDate))
	add("level", before.Level != after.Level)
	add("github_login", before.GitHubLogin != after.GitHubLogin)
	add("slack_user_id", before.SlackUserID != after.SlackUserID)
	return strings.Join(out, ", ")
}

// teamOf is the person's team ID, 0 for none.
func teamOf(p Person) int64 {
	if p.TeamID == nil {
		return 0
	}
	return *p.TeamID
}

func dateString(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format(time.DateOnly)
}
