package auth

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

// OIDC errors the web layer turns into pages.
var (
	// ErrOIDCUnavailable: the provider could not be discovered.
	ErrOIDCUnavailable = errors.New("auth: single sign-on is unavailable")
	// ErrOIDCNoEmail: the ID token carries no email address.
	ErrOIDCNoEmail = errors.New("auth: the identity provider shared no email address")
	// ErrOIDCUnverified: the provider says the email is not verified.
	ErrOIDCUnverified = errors.New("auth: the identity provider has not verified the email address")
)

// DiscoveryError is a failed attempt to fetch the provider's configuration.
// It matches ErrOIDCUnavailable; only fresh attempts return it, so the
// caller can log each failure once.
type DiscoveryError struct{ Err error }

func (e *DiscoveryError) Error() string        { return "auth: oidc discovery: " + e.Err.Error() }
func (e *DiscoveryError) Unwrap() error        { return e.Err }
func (e *DiscoveryError) Is(target error) bool { return target == ErrOIDCUnavailable }

// OIDC timings: how long one call to the provider may take, how long a
// failed discovery is remembered before the next try.
const (
	oidcTimeout    = 10 * time.Second
	oidcRetryAfter = 30 * time.Second
)

// OIDCFlow is what one browser's sign-in keeps between leaving for the
// provider and coming back: kept in a short-lived cookie, compared on return.
type OIDCFlow struct {
	State    string `json:"s"`
	Nonce    string `json:"n"`
	Verifier string `json:"v"` // PKCE code verifier
	Next     string `json:"x,omitempty"`
}

// OIDC signs people in through an OpenID Connect provider. The provider is
// discovered on first use; a failed discovery is retried after a pause.
type OIDC struct {
	issuer       string
	clientID     string
	clientSecret string
	redirectURL  string
	client       *http.Client
	now          func() time.Time

	mu       sync.Mutex
	provider *oidc.Provider
	failedAt time.Time
}

// NewOIDC returns a client for the provider at issuer. redirectURL is the
// callback registered with the provider.
func NewOIDC(issuer, clientID, clientSecret, redirectURL string) *OIDC {
	return &OIDC{
		issuer: issuer, clientID: clientID, clientSecret: clientSecret, redirectURL: redirectURL,
		client: &http.Client{Timeout: oidcTimeout},
		now:    time.Now,
	}
}

// Discover fetches the provider's configuration unless it already has it.
// After a failure it answers ErrOIDCUnavailable without trying again for a
// while, so a provider that is down does not slow every sign-in page.
func (o *OIDC) Discover(ctx context.Context) (*oidc.Provider, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.provider != nil {
		return o.provider, nil
	}
	if !o.failedAt.IsZero() && o.now().Sub(o.failedAt) < oidcRetryAfter {
		return nil, ErrOIDCUnavailable
	}
	// A visitor who gives up must not make the failure stick for everyone.
	ctx, cancel := context.WithTimeout(o.clientContext(context.WithoutCancel(ctx)), oidcTimeout)
	defer cancel()
	p, err := oidc.NewProvider(ctx, o.issuer)
	if err != nil {
		o.failedAt = o.now()
		return nil, &DiscoveryError{Err: err}
	}
	o.provider = p
	return p, nil
}

// Start begins a sign-in: it returns the provider address to send the
// browser to and the flow to keep until it comes back.
func (o *OIDC) Start(ctx context.Context, next string) (string, OIDCFlow, error) {
	p, err := o.Discover(ctx)
	if err != nil {
		return "", OIDCFlow{}, err
	}
	flow := OIDCFlow{State: RandomToken(), Nonce: RandomToken(), Verifier: oauth2.GenerateVerifier(), Next: next}
	u := o.config(p).AuthCodeURL(flow.State, oidc.Nonce(flow.Nonce), oauth2.S256ChallengeOption(flow.Verifier))
	return u, flow, nil
}

// Finish exchanges the code the provider returned, verifies the ID token
// (signature, issuer, audience, expiry, nonce) and returns its email. With
// ErrOIDCUnverified it returns the unverified email too, to show its owner.
// The caller has already checked the state against the flow.
func (o *OIDC) Finish(ctx context.Context, flow OIDCFlow, code string) (string, error) {
	p, err := o.Discover(ctx)
	if err != nil {
		return "", err
	}
	ctx, cancel := context.WithTimeout(o.clientContext(ctx), oidcTimeout)
	defer cancel()
	tok, err := o.config(p).Exchange(ctx, code, oauth2.VerifierOption(flow.Verifier))
	if err != nil {
		return "", fmt.Errorf("auth: oidc exchange: %w", exchangeError(err))
	}
	raw, ok := tok.Extra("id_token").(string)
	if !ok || raw == "" {
		return "", errors.New("auth: oidc: the token response has no id_token")
	}
	idToken, err := p.Verifier(&oidc.Config{ClientID: o.clientID}).Verify(ctx, raw)
	if err != nil {
		return "", fmt.Errorf("auth: oidc: verify id token: %w", err)
	}
	if subtle.ConstantTimeCompare([]byte(idToken.Nonce), []byte(flow.Nonce)) != 1 {
		return "", errors.New("auth: oidc: id token nonce does not match")
	}
	return emailOf(idToken)
}

// emailOf reads the email claim, refusing one the provider says it has not
// verified. Providers that do not send email_verified are trusted.
func emailOf(idToken *oidc.IDToken) (string, error) {
	var claims struct {
		Email         string          `json:"email"`
		EmailVerified json.RawMessage `json:"email_verified"`
	}
	if err := idToken.Claims(&claims); err != nil {
		return "", fmt.Errorf("auth: oidc: claims: %w", err)
	}
	if claims.Email == "" {
		return "", ErrOIDCNoEmail
	}
	if len(claims.EmailVerified) > 0 && string(claims.EmailVerified) != "null" && !claimTrue(claims.EmailVerified) {
		return claims.Email, ErrOIDCUnverified
	}
	return claims.Email, nil
}

// claimTrue reads a boolean claim some providers send as a string.
func claimTrue(raw json.RawMessage) bool {
	var b bool
	if json.Unmarshal(raw, &b) == nil {
		return b
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		b, _ = strconv.ParseBool(s)
	}
	return b
}

// exchangeError keeps only the OAuth error code of a failed token request:
// a provider's error description may echo what was sent, the client secret
// included, and errors end up in logs.
func exchangeError(err error) error {
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		status := 0
		if re.Response != nil {
			status = re.Response.StatusCode
		}
		return fmt.Errorf("token endpoint answered %d %s", status, re.ErrorCode)
	}
	return err
}

func (o *OIDC) config(p *oidc.Provider) *oauth2.Config {
	return &oauth2.Config{
		ClientID:     o.clientID,
		ClientSecret: o.clientSecret,
		Endpoint:     p.Endpoint(),
		RedirectURL:  o.redirectURL,
		Scopes:       []string{oidc.ScopeOpenID, "email", "profile"},
	}
}

func (o *OIDC) clientContext(ctx context.Context) context.Context {
	return oidc.ClientContext(ctx, o.client)
}
