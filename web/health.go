package web

import (
	"context"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/database"
)

// showHealth answers while the process is alive.
func (s *Server) showHealth(c echo.Context) error {
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}

// showReady answers 200 only when the database is reachable and its schema
// is the one this binary expects, so a load balancer sends no traffic to a
// replica that cannot serve it.
func (s *Server) showReady(c echo.Context) error {
	ctx, cancel := context.WithTimeout(c.Request().Context(), 3*time.Second)
	defer cancel()
	current, latest, err := database.Version(ctx, s.deps.DB)
	if err != nil {
		s.deps.Logger.Warn("not ready", "error", err)
		return c.JSON(http.StatusServiceUnavailable, map[string]string{"status": "database unreachable"})
	}
	if current != latest {
		return c.JSON(http.StatusServiceUnavailable, map[string]any{
			"status": "migrations pending", "schema_version": current, "expected_version": latest,
		})
	}
	return c.JSON(http.StatusOK, map[string]any{"status": "ok", "schema_version": current})
}
