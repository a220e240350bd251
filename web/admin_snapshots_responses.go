package web

import (
	"fmt"

	"github.com/labstack/echo/v4"
)

// exportResponses answers GET /admin/snapshots/:id/responses.csv: one row
// per submitted response without the person (see results.ResponseRows).
func (s *Server) exportResponses(c echo.Context) error {
	ctx := c.Request().Context()
	snap, err := s.snapshotParam(c)
	if err != nil {
		return err
	}
	header, rows, err := s.results.ResponseRows(ctx, snap.ID)
	if err != nil {
		return err // the error handler says why nothing can be exported yet
	}
	if err := s.recordExport(c, "export.responses", fmt.Sprintf("snapshot %d", snap.ID), "csv", len(rows)); err != nil {
		return err
	}
	setAttachment(c, "devpulse-"+slug(snap.Title)+"-responses.csv")
	return sendCSV(c, header, rows)
}
