package web

import (
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/input"
	adminpages "github.com/devpulse/devpulse/templates/admin"
)

// maxTokenName bounds a token's name (the form's maxlength says the same).
const maxTokenName = 100

// createToken makes an API token and shows its secret in this response,
// the only time it is ever shown: not through a redirect, whose URL or
// cookie would carry it, and never cached.
func (s *Server) createToken(c echo.Context) error {
	ctx := c.Request().Context()
	form := readTokenForm(c)
	v, err := s.tokensView(ctx)
	if err != nil {
		return err
	}
	if len(form.Errors) > 0 {
		v.Form = form
		return s.render(c, http.StatusUnprocessableEntity, adminpages.TokensPage(v))
	}
	t, secret, err := s.tokens.CreateAudited(ctx, s.audit, principal(c).Actor(), form.Name, form.Scopes)
	if err != nil {
		return err
	}
	if v, err = s.tokensView(ctx); err != nil {
		return err
	}
	v.Created = &adminpages.TokensCreated{Name: t.Name, Secret: secret}
	c.Response().Header().Set("Cache-Control", "no-store")
	return s.render(c, http.StatusOK, adminpages.TokensPage(v))
}

// readTokenForm reads and checks the create form.
func readTokenForm(c echo.Context) adminpages.TokensForm {
	f := adminpages.TokensForm{Name: strings.TrimSpace(c.FormValue("name")), Errors: map[string]input.Message{}}
	params, _ := c.FormParams()
	switch {
	case f.Name == "":
		f.Errors["name"] = input.M("directory.tokens.invalid.name_empty")
	case utf8.RuneCountInString(f.Name) > maxTokenName:
		f.Errors["name"] = input.M("directory.tokens.invalid.name_long", "Max", maxTokenName)
	}
	scopes, err := auth.ParseScopes(strings.Join(params["scope"], " "))
	switch {
	case len(params["scope"]) == 0:
		f.Errors["scope"] = input.M("directory.tokens.invalid.scope_none")
	case err != nil:
		f.Errors["scope"] = input.M("directory.tokens.invalid.scope")
	}
	f.Scopes = scopes
	if f.Scopes == nil {
		f.Scopes = params["scope"]
	}
	return f
}
