package web

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/templates/login"
)

// Messages of the password form. A wrong email and a wrong password get the
// same one, so the form does not tell who has an account.
var (
	msgLoginEmpty   = "Enter your email address and your password."
	msgLoginWrong   = "That email address and password do not match. Check both and try again."
	msgLoginTooMany = fmt.Sprintf("Too many failed sign-in attempts. Wait %d minutes, then try again.", int(auth.FailureWindow.Minutes()))
)

// signInPassword signs a bootstrap admin in with email and password. Failed
// attempts are limited per account and per client address; past a limit
// the password is not even checked. Neither the email nor the password is
// ever logged.
func (s *Server) signInPassword(c echo.Context) error {
	email := strings.TrimSpace(c.FormValue("email"))
	password := c.FormValue("password")
	v := login.View{Next: safeNext(c.FormValue("next")), Email: email}
	if email == "" || password == "" {
		v.Error = msgLoginEmpty
		return s.renderLogin(c, http.StatusUnprocessableEntity, v)
	}
	personID, err := s.passwords.SignIn(c.Request().Context(), email, password, clientAddress(c))
	switch {
	case errors.Is(err, auth.ErrTooManyAttempts):
		v.Error = msgLoginTooMany
		return s.renderLogin(c, http.StatusTooManyRequests, v)
	case errors.Is(err, auth.ErrBadCredentials):
		v.Error = msgLoginWrong
		return s.renderLogin(c, http.StatusUnauthorized, v)
	case err != nil:
		return err
	}
	if err := s.startSession(c, personID); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, v.Next)
}

// clientAddress is the address failed attempts are counted against: the
// connecting peer, or the client a proxy listed in DEVPULSE_TRUSTED_PROXIES
// names in X-Forwarded-For (see ipExtractor).
func clientAddress(c echo.Context) string {
	return c.RealIP()
}
