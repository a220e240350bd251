package web

import (
	"net/http"

	"github.com/labstack/echo/v4/middleware"

	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/static"
)

// routes registers every route in one table, after the middleware that
// wraps them all.
func (s *Server) routes() {
	e := s.echo
	e.Pre(middleware.RemoveTrailingSlashWithConfig(middleware.TrailingSlashConfig{RedirectCode: http.StatusMovedPermanently}))
	e.Use(
		middleware.RequestID(),
		s.accessLog(),
		middleware.RecoverWithConfig(middleware.RecoverConfig{LogErrorFunc: s.logPanic, DisableStackAll: true}),
		s.securityHeaders(),
		middleware.GzipWithConfig(middleware.GzipConfig{Level: 5}),
		s.csrf(),
		s.loadPrincipal,
	)

	s.handle(http.MethodGet, "/healthz", s.showHealth, auth.Public)
	s.handle(http.MethodGet, "/readyz", s.showReady, auth.Public)
	s.handle(http.MethodGet, static.Prefix+"*", s.serveStatic, auth.Public)

	s.handle(http.MethodGet, "/", s.showHome, auth.Public)
	s.handle(http.MethodPost, "/logout", s.signOut, auth.SignedIn)

	s.surveyRoutes()
}

// surveyRoutes: the driver library, the snapshot builder and its API.
func (s *Server) surveyRoutes() {
	s.handle(http.MethodGet, "/admin/drivers", s.listDrivers, auth.Admin)
	s.handle(http.MethodPost, "/admin/drivers", s.createDriver, auth.Admin)
	s.handle(http.MethodGet, "/admin/drivers/:id", s.editDriver, auth.Admin)
	s.handle(http.MethodPost, "/admin/drivers/:id", s.updateDriver, auth.Admin)
	s.handle(http.MethodPost, "/admin/drivers/:id/retire", s.retireDriver, auth.Admin)
	s.handle(http.MethodPost, "/admin/drivers/:id/restore", s.restoreDriver, auth.Admin)

	s.handle(http.MethodGet, "/admin/snapshots", s.listSnapshots, auth.Admin)
	s.handle(http.MethodGet, "/admin/snapshots/new", s.newSnapshot, auth.Admin)
	s.handle(http.MethodPost, "/admin/snapshots", s.createSnapshot, auth.Admin)
	s.handle(http.MethodGet, "/admin/snapshots/:id", s.showSnapshot, auth.Admin)
	s.handle(http.MethodGet, "/admin/snapshots/:id/preview", s.previewSnapshot, auth.Admin)
	s.handle(http.MethodPost, "/admin/snapshots/:id/settings", s.updateSnapshotSettings, auth.Admin)
	s.handle(http.MethodPost, "/admin/snapshots/:id/sections", s.addSection, auth.Admin)
	s.handle(http.MethodPost, "/admin/snapshots/:id/sections/:section", s.renameSection, auth.Admin)
	s.handle(http.MethodPost, "/admin/snapshots/:id/sections/:section/delete", s.deleteSection, auth.Admin)
	s.handle(http.MethodPost, "/admin/snapshots/:id/sections/:section/move", s.moveSection, auth.Admin)
	s.handle(http.MethodGet, "/admin/snapshots/:id/questions/new", s.newQuestion, auth.Admin)
	s.handle(http.MethodPost, "/admin/snapshots/:id/questions", s.createQuestion, auth.Admin)
	s.handle(http.MethodGet, "/admin/snapshots/:id/questions/:question", s.editQuestion, auth.Admin)
	s.handle(http.MethodPost, "/admin/snapshots/:id/questions/:question", s.updateQuestion, auth.Admin)
	s.handle(http.MethodPost, "/admin/snapshots/:id/questions/:question/delete", s.deleteQuestion, auth.Admin)
	s.handle(http.MethodPost, "/admin/snapshots/:id/questions/:question/move", s.moveQuestion, auth.Admin)
	s.handle(http.MethodPost, "/admin/snapshots/:id/schedule", s.scheduleSnapshot, auth.Admin)
	s.handle(http.MethodPost, "/admin/snapshots/:id/unschedule", s.unscheduleSnapshot, auth.Admin)
	s.handle(http.MethodPost, "/admin/snapshots/:id/open", s.openSnapshot, auth.Admin)
	s.handle(http.MethodPost, "/admin/snapshots/:id/close", s.closeSnapshot, auth.Admin)
	s.handle(http.MethodPost, "/admin/snapshots/:id/extend", s.extendSnapshot, auth.Admin)
	s.handle(http.MethodPost, "/admin/snapshots/:id/publish", s.publishSnapshot, auth.Admin)

	s.handle(http.MethodGet, "/api/v1/snapshots", s.apiListSnapshots, auth.Scope(auth.ScopeResultsRead))
	s.handle(http.MethodGet, "/api/v1/snapshots/:id", s.apiShowSnapshot, auth.Scope(auth.ScopeResultsRead))
}
