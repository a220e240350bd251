package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/database"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/templates/pages"
)

var (
	errCSRF  = echo.NewHTTPError(http.StatusForbidden, "This form has expired or did not come from devpulse. Go back, reload the page and try again.")
	errPanic = errors.New("web: recovered panic")
)

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
	v := pages.ErrorView{
		Status:    http.StatusInternalServerError,
		Title:     "Something went wrong",
		Message:   "We could not complete this request. Nothing you entered was shared; please try again in a moment.",
		RequestID: c.Response().Header().Get(echo.HeaderXRequestID),
	}
	if database.Unavailable(err) {
		err = errDatabaseDown
	}
	if status, title, msg, ok := surveyError(err); ok {
		v.Status, v.Title, v.Message = status, title, msg
		return v
	}
	if errors.Is(err, directory.ErrNotFound) {
		err = echo.ErrNotFound
	}
	var he *echo.HTTPError
	if errors.As(err, &he) {
		v.Status = he.Code
		v.Title = http.StatusText(he.Code)
		switch he.Code {
		case http.StatusNotFound:
			v.Title = "Page not found"
			v.Message = "There is nothing at this address. Check the link, or start again from the start page."
		case http.StatusMethodNotAllowed:
			v.Message = "This page cannot be used that way."
		case http.StatusServiceUnavailable:
			v.Title = "Try again in a moment"
			if msg, ok := he.Message.(string); ok {
				v.Message = msg
			}
		default:
			if msg, ok := he.Message.(string); ok && he.Code < 500 {
				v.Message = msg
			}
		}
	}
	return v
}

// wantsJSON reports API requests, matched or not: an unknown path under
// /api/ has no route pattern but still gets a JSON error.
func wantsJSON(c echo.Context) bool {
	return strings.HasPrefix(c.Path(), "/api/") || strings.HasPrefix(c.Request().URL.Path, "/api/")
}

// surveyError maps the survey domain's sentinels to a status and a message
// for people.
func surveyError(err error) (status int, title, msg string, ok bool) {
	switch {
	case errors.Is(err, survey.ErrNotFound):
		return http.StatusNotFound, "Page not found", "There is nothing at this address. It may have been deleted; go back and reload the page.", true
	case errors.Is(err, survey.ErrFrozen):
		return http.StatusConflict, "Questions are frozen", "This snapshot has opened, so its questions can no longer change.", true
	case errors.Is(err, survey.ErrState):
		return http.StatusConflict, "Not possible now", "This step is not possible in the snapshot's current state. Go back and reload the page to see what you can do.", true
	}
	return 0, "", "", false
}
