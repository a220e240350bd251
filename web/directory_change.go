package web

import (
	"strconv"

	"github.com/labstack/echo/v4"
	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/directory"
	adminview "github.com/devpulse/devpulse/templates/admin"
)

// changeDirectory runs fn in one transaction with a directory store and an
// audit log on it, so a change and its audit entry are stored together or
// not at all.
func (s *Server) changeDirectory(c echo.Context, fn func(tx *gorm.DB, dir *directory.Store, log *audit.Log) error) error {
	return s.deps.DB.WithContext(c.Request().Context()).Transaction(func(tx *gorm.DB) error {
		return fn(tx, directory.NewStore(tx), audit.New(tx))
	})
}

// idParam reads a numeric route parameter; anything else is a 404.
func idParam(c echo.Context, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, echo.ErrNotFound
	}
	return id, nil
}

// personTarget names a person in the audit log without personal data.
func personTarget(id int64) string { return "person:" + strconv.FormatInt(id, 10) }

// teamOptions lists teams for a select, in tree order.
func teamOptions(teams []directory.Team) []adminview.TeamOption {
	var opts []adminview.TeamOption
	for _, n := range directory.Tree(teams, directory.TeamStats{}, nil) {
		opts = append(opts, adminview.TeamOption{ID: n.Team.ID, Path: n.Team.Path})
	}
	return opts
}
