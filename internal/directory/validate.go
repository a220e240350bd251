package directory

import (
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/devpulse/devpulse/internal/input"
)

// ValidationError says which fields of a record are wrong and why, in words
// meant for the person who filled in the form. It matches ErrInvalid.
type ValidationError struct {
	Fields map[string]string
}

func (e *ValidationError) Error() string { return input.Describe("directory", e.Fields) }

// FieldMessages returns the messages by field, for whoever shows them.
func (e *ValidationError) FieldMessages() map[string]string { return e.Fields }

// Unwrap lets errors.Is(err, ErrInvalid) recognise a validation error.
func (e *ValidationError) Unwrap() error { return ErrInvalid }

func invalidField(field, msg string) *ValidationError {
	return &ValidationError{Fields: map[string]string{field: msg}}
}

// Limits on what the directory stores, so one pasted value cannot fill a
// page, a cookie or a database row.
const (
	MaxNameLength  = 200
	MaxFieldLength = 100 // role, location, level, GitHub login, Slack ID
	MaxEmailLength = 254
	// A team path has at most MaxPathDepth levels of at most
	// MaxPathPart characters each and MaxPathLength in all.
	MaxPathDepth  = 10
	MaxPathPart   = 100
	MaxPathLength = 500
)

// CheckPath returns why a normalized team path cannot be stored, or "".
func CheckPath(path string) string {
	if msg := input.Problem(path, 0).String(); msg != "" {
		return msg
	}
	parts := strings.Split(path, "/")
	if len(parts) > MaxPathDepth {
		return fmt.Sprintf("A team path has at most %d levels; this one has %d.", MaxPathDepth, len(parts))
	}
	for _, part := range parts {
		if n := utf8.RuneCountInString(part); n > MaxPathPart {
			return fmt.Sprintf("Keep each team name to %d characters; one has %d.", MaxPathPart, n)
		}
	}
	if n := utf8.RuneCountInString(path); n > MaxPathLength {
		return fmt.Sprintf("Keep the path to %d characters; this one has %d.", MaxPathLength, n)
	}
	return ""
}

// ValidEmail reports whether s is a bare address such as a@example.com.
func ValidEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return false
	}
	_, domain, ok := strings.Cut(s, "@")
	return ok && strings.Contains(domain, ".") && !strings.HasSuffix(domain, ".")
}

// Validate checks the fields a person must get right. It normalizes the
// email first, so callers validate what will be stored.
func (p *Person) Validate() error {
	p.Email = NormalizeEmail(p.Email)
	p.Name = strings.TrimSpace(p.Name)
	fields := map[string]string{}
	switch {
	case p.Email == "":
		fields["email"] = "Enter an email address."
	case !ValidEmail(p.Email):
		fields["email"] = "Enter an email address like name@example.com."
	}
	if p.Name == "" {
		fields["name"] = "Enter a name."
	} else if msg := input.Problem(p.Name, MaxNameLength).String(); msg != "" {
		fields["name"] = msg
	}
	if len(p.Email) > MaxEmailLength && fields["email"] == "" {
		fields["email"] = fmt.Sprintf("Keep the address to %d characters.", MaxEmailLength)
	}
	for field, v := range map[string]string{"job_role": p.JobRole, "location": p.Location, "level": p.Level,
		"github_login": p.GitHubLogin, "slack_user_id": p.SlackUserID} {
		if msg := input.Problem(v, MaxFieldLength).String(); msg != "" {
			fields[field] = msg
		}
	}
	if p.WorkArrangement != "" && !slices.Contains(WorkArrangements, p.WorkArrangement) {
		fields["work_arrangement"] = fmt.Sprintf("Choose %s, or leave it empty.", strings.Join(WorkArrangements, ", "))
	}
	if len(fields) > 0 {
		return &ValidationError{Fields: fields}
	}
	return nil
}
