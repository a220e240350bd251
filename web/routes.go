package web

import (
	"compress/gzip"
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
		s.limitActive(),
		// The fastest level: at 5 resetting the compressor's tables for
		// each request cost more than the page itself. Redirects and short
		// answers (autosave status lines) go out as they are.
		middleware.GzipWithConfig(middleware.GzipConfig{Level: gzip.BestSpeed, MinLength: 1024}),
		// Bounds every request body before anything reads it (the CSRF
		// check parses forms); the largest legitimate one is a roster file.
		middleware.BodyLimit("10M"),
		s.checkInput,
		s.csrf(),
		s.loadPrincipal,
		s.setLanguage,
	)

	s.handle(http.MethodGet, "/healthz", s.showHealth, auth.Public)
	s.handle(http.MethodGet, "/readyz", s.showReady, auth.Public)
	s.handle(http.MethodGet, static.Prefix+"*", s.serveStatic, auth.Public)
	s.handle(http.MethodGet, "/favicon.ico", s.favicon, auth.Public)

	s.handle(http.MethodGet, "/", s.showHome, auth.Public)
	s.handle(http.MethodPost, "/logout", s.signOut, auth.SignedIn)
	s.handle(http.MethodPost, "/me/channel", s.setChannel, auth.SignedIn)

	// The survey, by personal link (no account) or signed in.
	s.handle(http.MethodGet, "/s/:token", s.showSurveyByLink, auth.Public)
	s.handle(http.MethodPost, "/s/:token", s.saveSurveyByLink, auth.Public)
	s.handle(http.MethodPost, "/s/:token/autosave", s.autosaveSurveyByLink, auth.Public)
	s.handle(http.MethodGet, "/surveys/:snapshot", s.showSurveySignedIn, auth.SignedIn)
	s.handle(http.MethodPost, "/surveys/:snapshot", s.saveSurveySignedIn, auth.SignedIn)
	s.handle(http.MethodPost, "/surveys/:snapshot/autosave", s.autosaveSurveySignedIn, auth.SignedIn)

	s.handle(http.MethodGet, "/admin/tokens", s.showTokens, auth.Admin)
	s.handle(http.MethodPost, "/admin/tokens", s.createToken, auth.Admin)
	s.handle(http.MethodPost, "/admin/tokens/:token/revoke", s.revokeToken, auth.Admin)
	s.handle(http.MethodGet, "/admin/audit", s.showAudit, auth.Admin)

	s.handle(http.MethodGet, "/api/v1/teams", s.listAPITeams, auth.Scope(auth.ScopeResultsRead))
	s.handle(http.MethodGet, "/teams", s.listTeams, auth.Reader)
	s.handle(http.MethodGet, "/participation", s.showParticipation, auth.Reader)
	s.handle(http.MethodGet, "/teams/:team", s.showTeam, auth.TeamResults("team"))
	s.handle(http.MethodGet, "/teams/:team/drivers/:driver", s.showTeamDriver, auth.TeamResults("team"))
	s.handle(http.MethodPost, "/teams/:team/goals", s.createGoal, auth.TeamReader("team"))
	s.handle(http.MethodPost, "/teams/:team/goals/:goal/delete", s.deleteGoal, auth.TeamReader("team"))
	s.handle(http.MethodGet, "/org", s.showOrg, auth.OrgResults)
	s.handle(http.MethodGet, "/org/readout", s.showReadout, auth.Executive)
	s.handle(http.MethodGet, "/org/present", s.showPresent, auth.Executive)

	s.signInRoutes()
	s.directoryRoutes()
	s.surveyRoutes()
	s.exportRoutes()
	s.pulseRoutes()
	s.boardRoutes()
	s.metricsRoutes()
	s.replyRoutes()
	s.actionRoutes()
}

// actionRoutes: action plans, "you said, we did" and the actions API. Who
// may add or change an action depends on its team, which the handlers
// check (canEditActions); anyone signed in reads what they may see.
func (s *Server) actionRoutes() {
	s.handle(http.MethodGet, "/actions", s.listActions, auth.SignedIn)
	s.handle(http.MethodGet, "/actions/new", s.newAction, auth.SignedIn)
	s.handle(http.MethodPost, "/actions", s.createAction, auth.SignedIn)
	s.handle(http.MethodGet, "/actions/:id", s.showAction, auth.SignedIn)
	s.handle(http.MethodPost, "/actions/:id", s.editAction, auth.SignedIn)
	s.handle(http.MethodPost, "/actions/:id/updates", s.addActionUpdate, auth.SignedIn)
	s.handle(http.MethodGet, "/snapshots/:id/you-said-we-did", s.showYouSaid, auth.OrgResults)
	s.handle(http.MethodGet, "/api/v1/actions", s.apiListActions, auth.Scope(auth.ScopeResultsRead))
}

// boardRoutes: the feedback board, its tools and its API.
func (s *Server) boardRoutes() {
	s.handle(http.MethodGet, "/feedback", s.listFeedback, auth.SignedIn)
	s.handle(http.MethodGet, "/feedback/new", s.newFeedback, auth.SignedIn)
	s.handle(http.MethodGet, "/feedback/similar", s.similarFeedback, auth.SignedIn)
	s.handle(http.MethodPost, "/feedback", s.postFeedback, auth.SignedIn)
	s.handle(http.MethodGet, "/feedback/:id", s.showFeedback, auth.SignedIn)
	s.handle(http.MethodGet, "/feedback/:id/edit", s.editFeedback, auth.SignedIn)
	s.handle(http.MethodPost, "/feedback/:id", s.updateFeedback, auth.SignedIn)
	s.handle(http.MethodPost, "/feedback/:id/withdraw", s.withdrawFeedback, auth.SignedIn)
	s.handle(http.MethodPost, "/feedback/:id/vote", s.voteFeedback, auth.SignedIn)
	s.handle(http.MethodPost, "/feedback/:id/reactions", s.reactFeedback, auth.SignedIn)
	s.handle(http.MethodPost, "/feedback/:id/status", s.setFeedbackStatus, auth.SignedIn)
	s.handle(http.MethodPost, "/feedback/:id/merge", s.mergeFeedback, auth.SignedIn)
	s.handle(http.MethodPost, "/feedback/:id/drivers", s.setFeedbackDrivers, auth.SignedIn)
	s.handle(http.MethodPost, "/feedback/:id/actions", s.setFeedbackActions, auth.SignedIn)
	s.handle(http.MethodPost, "/feedback/:id/comments", s.commentFeedback, auth.SignedIn)
	s.handle(http.MethodPost, "/feedback/:id/comments/:comment/reactions", s.reactComment, auth.SignedIn)
	s.handle(http.MethodGet, "/admin/tools", s.showTools, auth.Admin)
	s.handle(http.MethodPost, "/admin/tools", s.createTool, auth.Admin)
	s.handle(http.MethodPost, "/admin/tools/reactions", s.setShownReactions, auth.Admin)
	s.handle(http.MethodPost, "/admin/tools/:id", s.updateTool, auth.Admin)
	s.handle(http.MethodGet, "/api/v1/feedback", s.apiListFeedback, auth.Scope(auth.ScopeResultsRead))
	s.handle(http.MethodGet, "/api/v1/feedback/:id", s.apiShowFeedback, auth.Scope(auth.ScopeResultsRead))
}

// exportRoutes: aggregated results and responses as files and through the API.
func (s *Server) exportRoutes() {
	s.handle(http.MethodGet, "/teams/:team/export.csv", s.exportTeamCSV, auth.TeamReader("team"))
	s.handle(http.MethodGet, "/teams/:team/export.json", s.exportTeamJSON, auth.TeamReader("team"))
	s.handle(http.MethodGet, "/exports/snapshots/:id/results.csv", s.exportResultsCSV, auth.Executive)
	s.handle(http.MethodGet, "/exports/snapshots/:id/results.json", s.exportResultsJSON, auth.Executive)
	s.handle(http.MethodGet, "/admin/snapshots/:id/responses.csv", s.exportResponses, auth.Admin)
	s.handle(http.MethodGet, "/api/v1/snapshots/:id/results", s.apiResultsJSON, auth.Scope(auth.ScopeResultsRead))
	s.handle(http.MethodGet, "/api/v1/snapshots/:id/results.csv", s.apiResultsCSV, auth.Scope(auth.ScopeResultsRead))
	s.handle(http.MethodGet, "/api/v1/snapshots/:id/goals", s.apiSnapshotGoals, auth.Scope(auth.ScopeResultsRead))
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
	s.handle(http.MethodPost, "/admin/snapshots/:id/sharing", s.setResultsSharing, auth.Admin)
	s.handle(http.MethodPost, "/admin/snapshots/:id/results", s.recomputeResults, auth.Admin)
	s.handle(http.MethodGet, "/admin/snapshots/:id/announcements", s.listAnnouncements, auth.Admin)
	s.handle(http.MethodGet, "/admin/snapshots/:id/announcements/preview", s.previewAnnouncements, auth.Admin)
	s.handle(http.MethodGet, "/admin/snapshots/:id/announcements/preview/voice", s.previewVoiceEmail, auth.Admin)
	s.handle(http.MethodPost, "/admin/snapshots/:id/announcements/:announcement/retry", s.retryAnnouncement, auth.Admin)

	s.handle(http.MethodGet, "/api/v1/snapshots", s.apiListSnapshots, auth.Scope(auth.ScopeResultsRead))
	s.handle(http.MethodGet, "/api/v1/snapshots/:id", s.apiShowSnapshot, auth.Scope(auth.ScopeResultsRead))
}

// signInRoutes: the sign-in page, password and single sign-on, and the
// demo's persona sign-in.
func (s *Server) signInRoutes() {
	s.handle(http.MethodGet, "/login", s.showLogin, auth.Public)
	s.handle(http.MethodPost, "/login", s.signInPassword, auth.Public)
	s.handle(http.MethodGet, "/auth/oidc/login", s.startOIDC, auth.Public)
	s.handle(http.MethodGet, "/auth/oidc/callback", s.finishOIDC, auth.Public)
	if s.deps.Demo { // the persona sign-in does not exist outside demo mode
		s.handle(http.MethodPost, "/auth/demo", s.signInDemo, auth.Public)
	}
}

// directoryRoutes: teams, people and their roles, the roster import and
// benchmark sets.
func (s *Server) directoryRoutes() {
	s.handle(http.MethodGet, "/admin", s.showAdmin, auth.Admin)
	s.handle(http.MethodGet, "/admin/invitations", s.listInvitations, auth.Admin)
	s.handle(http.MethodPost, "/admin/invitations/:id/retry", s.retryInvitation, auth.Admin)
	s.handle(http.MethodGet, "/admin/teams", s.listAdminTeams, auth.Admin)
	s.handle(http.MethodPost, "/admin/teams", s.createTeam, auth.Admin)
	s.handle(http.MethodGet, "/admin/people", s.listPeople, auth.Admin)
	s.handle(http.MethodGet, "/admin/people/:id", s.showPerson, auth.Admin)
	s.handle(http.MethodPost, "/admin/people/:id", s.updatePerson, auth.Admin)
	s.handle(http.MethodPost, "/admin/people/:id/active", s.setPersonActive, auth.Admin)
	s.handle(http.MethodPost, "/admin/people/:id/grants", s.addGrant, auth.Admin)
	s.handle(http.MethodPost, "/admin/people/:id/grants/:grant/delete", s.removeGrant, auth.Admin)

	s.handle(http.MethodGet, "/admin/roster", s.showRoster, auth.Admin)
	s.handle(http.MethodGet, "/admin/roster/example.csv", s.downloadRosterExample, auth.Admin)
	s.handle(http.MethodPost, "/admin/roster/preview", s.previewRoster, auth.Admin)
	s.handle(http.MethodPost, "/admin/roster/apply", s.applyRoster, auth.Admin)
	s.handle(http.MethodPost, "/api/v1/roster", s.importRosterAPI, auth.Scope(auth.ScopeRosterWrite))

	s.handle(http.MethodGet, "/admin/benchmarks", s.showBenchmarks, auth.Admin)
	s.handle(http.MethodGet, "/admin/benchmarks/example.csv", s.downloadBenchmarkExample, auth.Admin)
	s.handle(http.MethodPost, "/admin/benchmarks/preview", s.previewBenchmarks, auth.Admin)
	s.handle(http.MethodPost, "/admin/benchmarks/apply", s.applyBenchmarks, auth.Admin)
	s.handle(http.MethodPost, "/admin/benchmarks/delete", s.deleteBenchmarks, auth.Admin)
}
