package directory

import (
	"net/mail"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/devpulse/devpulse/internal/input"
)

// ValidationError says which fields of a record are wrong and why, as
// messages a page writes in its reader's language (Message.In). It
// matches ErrInvalid.
type ValidationError struct {
	Fields map[string]input.Message
}

func (e *ValidationError) Error() string { return input.Describe("directory", e.Fields) }

// FieldMessages returns the messages by field in English, for pages
// without a form of their own and for the API.
func (e *ValidationError) FieldMessages() map[string]string {
	out := make(map[string]string, len(e.Fields))
	for k, m := range e.Fields {
		out[k] = m.String()
	}
	return out
}

// Unwrap lets errors.Is(err, ErrInvalid) recognise a validation error.
func (e *ValidationError) Unwrap() error { return ErrInvalid }

func invalidField(field string, msg input.Message) *ValidationError {
	return &ValidationError{Fields: map[string]input.Message{field: msg}}
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

// CheckPath returns why a normalized team path cannot be stored, or the
// zero Message.
func CheckPath(path string) input.Message {
	if msg := input.Problem(path, 0); msg.ID != "" {
		return msg
	}
	parts := strings.Split(path, "/")
	if len(parts) > MaxPathDepth {
		return input.M("directory.invalid.path_depth", "Max", MaxPathDepth, "Depth", len(parts))
	}
	for _, part := range parts {
		if n := utf8.RuneCountInString(part); n > MaxPathPart {
			return input.M("directory.invalid.path_part", "Max", MaxPathPart, "Length", n)
		}
	}
	if n := utf8.RuneCountInString(path); n > MaxPathLength {
		return input.M("directory.invalid.path_long", "Max", MaxPathLength, "Length", n)
	}
	return input.Message{}
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
	fields := map[string]input.Message{}
	switch {
	case p.Email == "":
		fields["email"] = input.M("directory.invalid.email_empty")
	case !ValidEmail(p.Email):
		fields["email"] = input.M("directory.invalid.email")
	}
	if p.Name == "" {
		fields["name"] = input.M("directory.invalid.name_empty")
	} else if msg := input.Problem(p.Name, MaxNameLength); msg.ID != "" {
		fields["name"] = msg
	}
	if _, bad := fields["email"]; len(p.Email) > MaxEmailLength && !bad {
		fields["email"] = input.M("directory.invalid.email_long", "Max", MaxEmailLength)
	}
	for field, v := range map[string]string{"job_role": p.JobRole, "location": p.Location, "level": p.Level,
		"github_login": p.GitHubLogin, "slack_user_id": p.SlackUserID} {
		if msg := input.Problem(v, MaxFieldLength); msg.ID != "" {
			fields[field] = msg
		}
	}
	if p.WorkArrangement != "" && !slices.Contains(WorkArrangements, p.WorkArrangement) {
		fields["work_arrangement"] = input.M("directory.invalid.work_arrangement", "Choices", strings.Join(WorkArrangements, ", "))
	}
	if len(fields) > 0 {
		return &ValidationError{Fields: fields}
	}
	return nil
}

// ColumnText is a text problem (input.Problem: not UTF-8, a NUL, too
// long) of one column's value in an imported file: "column name: contains
// a NUL character; remove it." Roster, benchmark and metrics files share it.
func ColumnText(col string, problem input.Message) input.Message {
	id := "directory.csv.column_" + strings.TrimPrefix(problem.ID, "input.")
	return input.M(id, append([]any{"Column", col}, problem.Args...)...)
}
