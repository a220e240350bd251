package directory

import (
	"fmt"
	"net/mail"
	"slices"
	"sort"
	"strings"
)

// ValidationError says which fields of a record are wrong and why, in words
// meant for the person who filled in the form. It matches ErrInvalid.
type ValidationError struct {
	Fields map[string]string
}

func (e *ValidationError) Error() string {
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, k+": "+e.Fields[k])
	}
	return "directory: invalid: " + strings.Join(parts, "; ")
}

// FieldMessages returns the messages by field, for whoever shows them.
func (e *ValidationError) FieldMessages() map[string]string { return e.Fields }

// Unwrap lets errors.Is(err, ErrInvalid) recognise a validation error.
func (e *ValidationError) Unwrap() error { return ErrInvalid }

func invalidField(field, msg string) *ValidationError {
	return &ValidationError{Fields: map[string]string{field: msg}}
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
	}
	if p.WorkArrangement != "" && !slices.Contains(WorkArrangements, p.WorkArrangement) {
		fields["work_arrangement"] = fmt.Sprintf("Choose %s, or leave it empty.", strings.Join(WorkArrangements, ", "))
	}
	if len(fields) > 0 {
		return &ValidationError{Fields: fields}
	}
	return nil
}
