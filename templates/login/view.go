// Package login holds the sign-in pages: the methods a visitor may use,
// and the refusal shown when single sign-on names no one in the directory.
package login

// View is the sign-in page. Next is where a successful sign-in goes; every
// method carries it.
type View struct {
	Next string
	// SSO is set when single sign-on is configured; SSOURL starts it.
	SSO            bool
	SSOURL         string
	SSOUnavailable bool
	// Email and Error refill the password form after a failed attempt.
	Email string
	Error string
	// Demo shows the persona picker.
	Demo         bool
	Personas     []Persona
	PersonaTotal int
	Query        string
	// Searchable shows the persona search box.
	Searchable bool
}

// Persona is one person the demo sign-in offers.
type Persona struct {
	ID    int64
	Name  string
	Team  string
	Roles []string
}

// Refusal reasons.
const (
	NotInDirectory = "not-in-directory"
	Unverified     = "unverified"
	NoEmail        = "no-email"
)

// RefusedView explains why single sign-on could not sign someone in.
type RefusedView struct {
	Reason string
	// Email is the address the provider vouched for (the visitor's own).
	Email string
}
