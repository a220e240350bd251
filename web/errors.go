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

const (
	notFoundTitle   = "Page not found"
	notFoundMessage = "There is nothing at this address. Check the link, or start again from the start page."
	goneMessage     = "There is nothing at this address. It may have been deleted; go back and reload the page."
)

// domainError is how a domain's sentinel error is answered.
type domainError struct {
	err            error
	status         int
	title, message string
}

// domainErrors maps every domain "not found", "not now" and "forbidden"
// sentinel to a status and words for people, so handlers return domain
// errors as they come. The first entry the error matches (errors.Is) wins.
var domainErrors = []domainError{
	{directory.ErrNotFound, http.StatusNotFound, notFoundTitle, notFoundMessage},
	{survey.ErrNotFound, http.StatusNotFound, notFoundTitle, goneMessage},
	{responses.ErrNotFound, http.StatusNotFound, notFoundTitle, notFoundMessage},
	{announce.ErrNotFound, http.StatusNotFound, notFoundTitle, notFoundMessage},
	{benchmark.ErrNotFound, http.StatusNotFound, notFoundTitle, goneMessage},
	{auth.ErrTokenNotFound, http.StatusNotFound, notFoundTitle, notFoundMessage},
	{metrics.ErrNotFound, http.StatusNotFound, notFoundTitle, goneMessage},
	{survey.ErrFrozen, http.StatusConflict, "Questions are frozen", "This snapshot has opened, so its questions can no longer change."},
	{survey.ErrState, http.StatusConflict, "Not possible now", "This step is not possible in the snapshot's current state. Go back and reload the page to see what you can do."},
	{results.ErrNotClosed, http.StatusConflict, "Not closed yet", "This snapshot has not closed; its results can be exported once it closes."},
	{results.ErrNotComputed, http.StatusConflict, "Not ready yet", "This snapshot's results are still being computed; try again in a minute."},
	{board.ErrNotFound, http.StatusNotFound, notFoundTitle, notFoundMessage},
	{actions.ErrNotFound, http.StatusNotFound, notFoundTitle, notFoundMessage},
	{pulse.ErrNotFound, http.StatusNotFound, notFoundTitle, notFoundMessage},
	{goals.ErrNotFound, http.StatusNotFound, notFoundTitle, goneMessage},
	{board.ErrAnswered, http.StatusConflict, "Already answered", "The owners have responded to this feedback, so it can no longer be edited. Add a comment instead."},
	{board.ErrForbidden, http.StatusForbidden, "Not possible", "You cannot do this to this feedback: only its author edits or withdraws it, and only its owners answer it."},
	{results.ErrCommentNotFound, http.StatusNotFound, notFoundTitle, goneMessage},
	{threads.ErrNoThread, http.StatusConflict, "Nobody has replied yet", "You can answer once someone has replied to this comment."},
	{auth.ErrForbidden, http.StatusForbidden, "Forbidden", "You do not have access to this page."},
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
			v.Status, v.Title, v.Message = d.status, errorText(l, d.title), errorText(l, d.message)
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

// errorTexts are the catalog IDs of the error texts people meet most, by
// their English; the others show in English.
var errorTexts = map[string]string{
	notFoundTitle:                          "error.not_found.title",
	notFoundMessage:                        "error.not_found.message",
	goneMessage:                            "error.gone.message",
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
