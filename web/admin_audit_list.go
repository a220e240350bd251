package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/audit"
	adminpages "github.com/devpulse/devpulse/templates/admin"
)

// auditPageSize is how many audit entries a page shows.
const auditPageSize = 50

// showAudit shows a page of the audit log, newest first, optionally only
// one action. A page number out of range shows the nearest page.
func (s *Server) showAudit(c echo.Context) error {
	ctx := c.Request().Context()
	log := s.audit
	number, _ := strconv.Atoi(c.QueryParam("page"))
	v := adminpages.AuditView{Action: c.QueryParam("action")}
	var err error
	if v.Page, err = log.Query(ctx, audit.Filter{Action: v.Action}, number, auditPageSize); err != nil {
		return err
	}
	if v.Actions, err = log.Actions(ctx); err != nil {
		return err
	}
	return s.render(c, http.StatusOK, adminpages.AuditPage(v))
}
