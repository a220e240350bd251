package web

import (
	"context"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/i18n"
	adminpages "github.com/devpulse/devpulse/templates/admin"
)

// showTokens lists API tokens with the form to create one. After a revoke
// it confirms which token was revoked.
func (s *Server) showTokens(c echo.Context) error {
	v, err := s.tokensView(c.Request().Context())
	if err != nil {
		return err
	}
	if id, err := strconv.ParseInt(c.QueryParam("revoked"), 10, 64); err == nil {
		for _, t := range v.Tokens {
			if t.ID == id && t.RevokedAt != nil {
				v.Flash = i18n.T(c.Request().Context(), "directory.tokens.revoked_flash", "Name", t.Name)
			}
		}
	}
	return s.render(c, http.StatusOK, adminpages.TokensPage(v))
}

// tokensView loads every token for the tokens screen.
func (s *Server) tokensView(ctx context.Context) (adminpages.TokensView, error) {
	tokens, err := s.tokens.List(ctx)
	if err != nil {
		return adminpages.TokensView{}, err
	}
	return adminpages.TokensView{Tokens: tokens, Scopes: auth.Scopes}, nil
}
