package web

import (
	"errors"
	"github.com/devpulse/devpulse/internal/actions"
	"net/http"
	"sort"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/announce"
	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/benchmark"
	"github.com/devpulse/devpulse/internal/board"
	"github.com/devpulse/devpulse/internal/database"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/goals"
	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/metrics"
	"github.com/devpulse/devpulse/internal/pulse"
	"github.com/devpulse/devpulse/internal/responses"
	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/threads"
	"github.com/devpulse/devpulse/templates/pages"
)

var (
	errCSRF  = echo.NewHTTPError(http.StatusForbidden, "This form has expired or did not come from devpulse. Go back, reload the page and try again.")
	errPanic = errors.New("web: recovered panic")
)

// domainError is how a domain's sentinel error is answered: a status and
// the catalog IDs of its title and message.
type domainError struct {
	err            error
	status         int
	title, message string
}

const (
	notFound = "error.not_found.title"
	noSuch   = "error.not_found.message"
	gone     = "error.gone.message"
)

// domainErrors maps every domain "not found", "not now" and "forbidden"
// sentinel to a status and words for people, so handlers return domain
// errors as they come. The first entry the error matches (errors.Is) wins.
var domainErrors = []domainError{
	{directory.ErrNotFound, http.StatusNotFound, notFound, noSuch},
	{survey.ErrNotFound, http.StatusNotFound, notFound, gone},
	{responses.ErrNotFound, http.StatusNotFound, notFound, noSuch},
	{announce.ErrNotFound, http.StatusNotFound, notFound, noSuch},
	{benchmark.ErrNotFound, http.StatusNotFound, notFound, gone},
	{auth.ErrTokenNotFound, http.StatusNotFound, notFound, noSuch},
	{metrics.ErrNotFound, http.StatusNotFound, notFound, gone},
	{survey.ErrFrozen, http.StatusConflict, "error.frozen.title", "error.frozen.message"},
	{survey.ErrState, http.StatusConflict, "error.state.title", "error.state.message"},
	{results.ErrNotClosed, http.StatusConflict, "error.not_closed.title", "error.not_closed.message"},
	{results.ErrNotComputed, http.StatusConflict, "error.not_computed.title", "error.not_computed.message"},
	{board.ErrNotFound, http.StatusNotFound, notFound, noSuch},
	{actions.ErrNotFound, http.StatusNotFound, notFound, noSuch},
	{pulse.ErrNotFound, http.StatusNotFound, notFound, noSuch},
	{goals.ErrNotFound, http.StatusNotFound, notFound, gone},
	{board.ErrAnswered, http.StatusConflict, "error.answered.title", "error.answered.message"},
	{board.ErrForbidden, http.StatusForbidden, "error.board_forbidden.title", "error.board_forbidden.message"},
	{results.ErrCommentNotFound, http.StatusNotFound, notFound, gone},
	{threads.ErrNoThread, http.StatusConflict, "error.no_thread.title", "error.no_thread.message"},
	{auth.ErrForbidden, http.StatusForbidden, "error.forbidden.title", "error.forbidden.message"},
}

// fieldMessages is what a domain validation error (directory.ValidationError,
// survey.FieldErrors) offers: what is wrong, by field, in words for people.
// A handler that has a form shows them beside its fields; any other gets a
// 422 listing them.
type fieldMessages interface {
	error
	FieldMessages() map[string]string
}

// handleError is the one place a failed request becomes a response. Known
// errors map to their status with a message written for people; anything
// else is logged once with the request ID and shown as a plain 500.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	view := s.errorView(c, err)
	switch {
	case view.Status == http.StatusServiceUnavailable:
		setRetryAfter(c)
		if database.Unavailable(err) {
			s.deps.Logger.Warn("database unavailable", "request_id", view.RequestID, "route", c.Path(), "error", err)
		}
	case view.Status >= 500 && !errors.Is(err, errPanic):
		s.deps.Logger.Error("request failed", "request_id", view.RequestID, "route", c.Path(), "error", err)
	}
	var rerr error
	switch {
	case c.Request().Method == http.MethodHead:
		rerr = c.NoContent(view.Status)
	case wantsJSON(c):
		rerr = c.JSON(view.Status, map[string]string{"error": view.Message, "request_id": view.RequestID})
	case isHTMX(c):
		rerr = s.render(c, view.Status, pages.ErrorFragment(view))
	default:
		rerr = s.render(c, view.Status, pages.Error(view))
	}
	if rerr != nil {
		s.deps.Logger.Error("render error page", "request_id", view.RequestID, "error", rerr)
	}
}

func (s *Server) errorView(c echo.Context, err error) pages.ErrorView {
	l := i18n.From(c.Request().Context())
	v := pages.ErrorView{
		Status:    http.StatusInternalServerError,
		Title:     l.T("error.server.title"),
		Message:   l.T("error.server.message"),
		RequestID: c.Response().Header().Get(echo.HeaderXRequestID),
	}
	if database.Unavailable(err) {
		err = errDatabaseDown
	}
	for _, d := range domainErrors {
		if errors.Is(err, d.err) {
			v.Status, v.Title, v.Message = d.status, l.T(d.title), l.T(d.message)
			return v
		}
	}
	var fm fieldMessages
	if errors.As(err, &fm) {
		v.Status, v.Title, v.Message = http.StatusUnprocessableEntity, l.T("error.check.title"), joinMessages(fm.FieldMessages())
		return v
	}
	var he *echo.HTTPError
	if errors.As(err, &he) {
		v.Status = he.Code
		v.Title = http.StatusText(he.Code)
		switch he.Code {
		case http.StatusNotFound:
			v.Title, v.Message = l.T("error.not_found.title"), l.T("error.not_found.message")
		case http.StatusMethodNotAllowed:
			v.Message = l.T("error.method.message")
		case http.StatusServiceUnavailable:
			v.Title = l.T("error.retry.title")
			if msg, ok := he.Message.(string); ok {
				v.Message = msg
			}
		default:
			if msg, ok := he.Message.(string); ok && he.Code < 500 {
				v.Message = errorText(l, msg)
			}
		}
	}
	return v
}

// errorTexts are the catalog IDs of the texts handlers give echo's
// errors, by their English; the others show in English.
var errorTexts = map[string]string{
	"Forbidden":                            "error.forbidden.title",
	"You do not have access to this page.": "error.forbidden.message",
	"Sign in first.":                       "error.sign_in.message",
	errCSRF.Message.(string):               "error.csrf.message",
}

// errorText is an error text in the reader's language where the catalog
// has it.
func errorText(l *i18n.Localizer, english string) string {
	if id, ok := errorTexts[english]; ok {
		return l.T(id)
	}
	return english
}

// joinMessages lists field messages in the order of their fields.
func joinMessages(fields map[string]string) string {
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	msgs := make([]string, 0, len(keys))
	for _, k := range keys {
		msgs = append(msgs, fields[k])
	}
	return strings.Join(msgs, " ")
}

// wantsJSON reports API requests, matched or not: an unknown path under
// /api/ has no route pattern but still gets a JSON error.
func wantsJSON(c echo.Context) bool {
	return strings.HasPrefix(c.Path(), "/api/") || strings.HasPrefix(c.Request().URL.Path, "/api/")
}
