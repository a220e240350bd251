// Package layout holds the page shell every screen is drawn in.
package layout

import "context"

// Chrome is what the page shell needs for every request: asset URLs, the
// CSRF token forms carry, the navigation for the signed-in person's roles.
// The web package builds it once per request and puts it in the context.
type Chrome struct {
	Asset     func(name string) string
	CSRFToken string
	RequestID string
	// Nav lists the links the current person may follow, in order.
	Nav []NavItem
	// Current is the path of the page being shown, to mark its nav item.
	Current string
	// UserName is empty when nobody is signed in.
	UserName string
	// Demo marks every page when the server runs with --demo.
	Demo    bool
	Version string
}

// NavItem is one link in the header navigation. Label is the catalog ID of
// its text, so the page writes it in the reader's language.
type NavItem struct {
	Label string
	Href  string
}

type chromeKey struct{}

// WithChrome returns a context carrying c for the templates below it.
func WithChrome(ctx context.Context, c Chrome) context.Context {
	return context.WithValue(ctx, chromeKey{}, c)
}

// ChromeFrom returns the request's Chrome, or a bare one outside a request
// (for example in a component test).
func ChromeFrom(ctx context.Context) Chrome {
	if c, ok := ctx.Value(chromeKey{}).(Chrome); ok {
		return c
	}
	return Chrome{Asset: func(name string) string { return "/static/dev/" + name }}
}

// Asset returns the hashed URL of a static file.
func Asset(ctx context.Context, name string) string {
	return ChromeFrom(ctx).Asset(name)
}
