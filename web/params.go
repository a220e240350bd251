package web

import (
	"context"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/survey"
)

// Reading ids from a request follows one rule in every handler:
//
//   - A path id (/admin/people/:id) that is not a positive whole number is
//     404, exactly like a well-formed id that names nothing: either way the
//     address does not exist. pathID reads one.
//   - A query id (?snapshot=12) that is absent or empty means the page's
//     default (the newest snapshot, say). One that is present but not a
//     positive whole number is 400 with a message naming the parameter; one
//     that is well formed but names nothing is 404. queryID reads one.
//
// List filters and notes are not ids in this sense: the people list's
// ?team= and ?page=, the preview's ?section= and the tokens page's
// ?revoked= drop a value they cannot use, so a stale link still shows the
// page.
//
// The records a path names are loaded by the xParam helpers below, so the
// "not found" comes from the domain and the error handler maps it.

// pathID reads the numeric route parameter name; anything else is a 404.
func pathID(c echo.Context, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, echo.ErrNotFound
	}
	return id, nil
}

// queryID reads the optional numeric query parameter name naming a
// snapshot; queryNumber does the same for any other record.
func queryID(c echo.Context, name string) (id int64, given bool, err error) {
	return queryNumber(c, name, "snapshot")
}

// queryNumber reads the optional numeric query parameter name, the number
// of a what: given is false when it is absent or empty, and a value that
// is not a positive whole number is a 400 that says so.
func queryNumber(c echo.Context, name, what string) (id int64, given bool, err error) {
	raw := c.QueryParam(name)
	if raw == "" {
		return 0, false, nil
	}
	id, err = strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return 0, false, echo.NewHTTPError(http.StatusBadRequest, name+" must be a "+what+" number, such as ?"+name+"=12")
	}
	return id, true, nil
}

// byPathID loads the record the :id path parameter names with load.
func byPathID[T any](c echo.Context, load func(ctx context.Context, id int64) (T, error)) (T, error) {
	id, err := pathID(c, "id")
	if err != nil {
		var none T
		return none, err
	}
	return load(c.Request().Context(), id)
}

// snapshotParam loads the snapshot the :id path parameter names.
func (s *Server) snapshotParam(c echo.Context) (survey.Snapshot, error) {
	return byPathID(c, s.surveys.Snapshot)
}

// outlineParam loads the snapshot the :id path parameter names, with its
// sections and questions.
func (s *Server) outlineParam(c echo.Context) (survey.Outline, error) {
	return byPathID(c, s.surveys.Outline)
}

// driverParam loads the driver the :id path parameter names.
func (s *Server) driverParam(c echo.Context) (survey.Driver, error) {
	return byPathID(c, s.surveys.Driver)
}

// personParam loads the person the :id path parameter names.
func (s *Server) personParam(c echo.Context) (directory.Person, error) {
	return byPathID(c, s.dir.Person)
}

// selectSnapshot picks the snapshot ?snapshot= names among those a page
// offers, the first (newest) when none is named; one it does not offer is
// a 404.
func selectSnapshot(c echo.Context, offered []survey.Snapshot) (survey.Snapshot, error) {
	id, given, err := queryID(c, "snapshot")
	if err != nil || !given {
		return offered[0], err
	}
	for _, snap := range offered {
		if snap.ID == id {
			return snap, nil
		}
	}
	return survey.Snapshot{}, echo.ErrNotFound
}
