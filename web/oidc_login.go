package web

import (
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/templates/login"
)

// oidcCookie keeps one browser's sign-in (state, nonce, PKCE verifier and
// where to go next) while it is away at the identity provider.
const (
	oidcCookie     = "devpulse_oidc"
	oidcCookiePath = "/auth/oidc"
	oidcCookieAge  = 10 * time.Minute
)

var (
	errSSONotSetUp = echo.NewHTTPError(http.StatusNotFound, "Single sign-on is not set up.")
	errOIDCState   = echo.NewHTTPError(http.StatusBadRequest,
		"This sign-in attempt is no longer valid: it expired, was already used, or was started in another browser. Start again from the sign-in page.")
	errOIDCDenied = echo.NewHTTPError(http.StatusForbidden,
		"Your identity provider did not sign you in. Start again from the sign-in page.")
	errOIDCFailed = echo.NewHTTPError(http.StatusBadRequest,
		"Your identity provider did not confirm this sign-in. Start again from the sign-in page.")
)

// startOIDC sends the browser to the identity provider, remembering the
// state, nonce and PKCE verifier in a short-lived cookie. It is a GET link,
// not a form: the Content-Security-Policy's form-action would block a form
// that redirects to another host.
func (s *Server) startOIDC(c echo.Context) error {
	if s.oidc == nil {
		return errSSONotSetUp
	}
	next := safeNext(c.QueryParam("next"))
	target, flow, err := s.oidc.Start(c.Request().Context(), next)
	if errors.Is(err, auth.ErrOIDCUnavailable) {
		s.logOIDCUnavailable(c, err)
		return s.renderLogin(c, http.StatusServiceUnavailable, loginView(next))
	}
	if err != nil {
		return err
	}
	value, err := json.Marshal(flow)
	if err != nil {
		return err
	}
	s.setOIDCCookie(c, base64.RawURLEncoding.EncodeToString(value), int(oidcCookieAge.Seconds()))
	return c.Redirect(http.StatusFound, target)
}

// finishOIDC is where the provider sends the browser back. It checks the
// state, exchanges the code, verifies the ID token and signs in the active
// person with the token's email.
func (s *Server) finishOIDC(c echo.Context) error {
	if s.oidc == nil {
		return errSSONotSetUp
	}
	flow, ok := s.takeOIDCFlow(c)
	if !ok || subtle.ConstantTimeCompare([]byte(c.QueryParam("state")), []byte(flow.State)) != 1 {
		return errOIDCState
	}
	if c.QueryParam("error") != "" {
		return errOIDCDenied
	}
	if c.QueryParam("code") == "" {
		return errOIDCState
	}
	ctx := c.Request().Context()
	email, err := s.oidc.Finish(ctx, flow, c.QueryParam("code"))
	switch {
	case errors.Is(err, auth.ErrOIDCUnavailable):
		s.logOIDCUnavailable(c, err)
		return s.renderLogin(c, http.StatusServiceUnavailable, loginView(flow.Next))
	case errors.Is(err, auth.ErrOIDCUnverified):
		return s.render(c, http.StatusForbidden, login.Refused(login.RefusedView{Reason: login.Unverified, Email: email}))
	case errors.Is(err, auth.ErrOIDCNoEmail):
		return s.render(c, http.StatusForbidden, login.Refused(login.RefusedView{Reason: login.NoEmail}))
	case err != nil:
		s.deps.Logger.Warn("single sign-on failed", "request_id", c.Response().Header().Get(echo.HeaderXRequestID), "error", err)
		return errOIDCFailed
	}
	person, err := s.dir.PersonByEmail(ctx, email)
	if errors.Is(err, directory.ErrNotFound) || (err == nil && !person.Active) {
		// Unknown and deactivated look the same: the page reveals nothing more.
		return s.render(c, http.StatusForbidden, login.Refused(login.RefusedView{Reason: login.NotInDirectory, Email: email}))
	}
	if err != nil {
		return err
	}
	if err := s.startSession(c, person.ID); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, safeNext(flow.Next))
}

// takeOIDCFlow reads and clears the sign-in cookie: each flow is used once.
func (s *Server) takeOIDCFlow(c echo.Context) (auth.OIDCFlow, bool) {
	ck, err := c.Cookie(oidcCookie)
	if err != nil || ck.Value == "" {
		return auth.OIDCFlow{}, false
	}
	s.setOIDCCookie(c, "", -1)
	raw, err := base64.RawURLEncoding.DecodeString(ck.Value)
	if err != nil {
		return auth.OIDCFlow{}, false
	}
	var flow auth.OIDCFlow
	if json.Unmarshal(raw, &flow) != nil || flow.State == "" || flow.Nonce == "" || flow.Verifier == "" {
		return auth.OIDCFlow{}, false
	}
	return flow, true
}

func (s *Server) setOIDCCookie(c echo.Context, value string, maxAge int) {
	c.SetCookie(&http.Cookie{
		Name: oidcCookie, Value: value, Path: oidcCookiePath, MaxAge: maxAge,
		HttpOnly: true, Secure: s.deps.Config.SecureCookies(), SameSite: http.SameSiteLaxMode,
	})
}

func loginView(next string) login.View { return login.View{Next: safeNext(next)} }
