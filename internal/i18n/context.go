package i18n

import "context"

type langKey struct{}

// WithLang returns a context whose readers write in lang.
func WithLang(ctx context.Context, lang string) context.Context {
	return context.WithValue(ctx, langKey{}, For(lang))
}

// From returns the Localizer of the request's language, English outside a
// request.
func From(ctx context.Context) *Localizer {
	if l, ok := ctx.Value(langKey{}).(*Localizer); ok {
		return l
	}
	return For(English)
}

// T is From(ctx).T: the one way templates read a string.
func T(ctx context.Context, id string, args ...any) string {
	return From(ctx).T(id, args...)
}

// Lang is the request's language code.
func Lang(ctx context.Context) string { return From(ctx).Lang() }
