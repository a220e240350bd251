package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/internal/survey"
)

// exportTeamCSV and exportTeamJSON answer GET /teams/:team/export.csv and
// .json: the team's and its sub-teams' aggregates in one snapshot (the
// query's snapshot, else the latest with results), suppressed.
func (s *Server) exportTeamCSV(c echo.Context) error  { return s.exportTeam(c, false) }
func (s *Server) exportTeamJSON(c echo.Context) error { return s.exportTeam(c, true) }

func (s *Server) exportTeam(c echo.Context, asJSON bool) error {
	ctx := c.Request().Context()
	id, err := pathID(c, "team")
	if err != nil {
		return err
	}
	team, err := s.dir.Team(ctx, id)
	if err != nil {
		return err
	}
	snap, err := s.exportSnapshotParam(c)
	if err != nil {
		return err
	}
	all, err := s.dir.Teams(ctx)
	if err != nil {
		return err
	}
	var ids []int64
	for t := range directory.Subtrees(all, []int64{team.ID}) {
		ids = append(ids, t)
	}
	rows, err := s.results.Aggregates(ctx, snap.ID, ids)
	if err != nil {
		return err // the error handler says why nothing can be exported yet
	}
	questions, err := s.results.QuestionAggregates(ctx, snap.ID, ids)
	if err != nil {
		return err
	}
	e := export{action: "export.team_results", target: fmt.Sprintf("snapshot %d, team %s", snap.ID, team.Path),
		filename: "devpulse-" + slug(snap.Title) + "-" + slug(team.Path) + "-results", snap: snap, rows: rows, questions: questions}
	return s.sendAggregates(c, e, asJSON, true)
}

// exportResultsCSV and exportResultsJSON answer GET
// /exports/snapshots/:id/results.csv and .json: every team and the
// organisation, for executives and admins.
func (s *Server) exportResultsCSV(c echo.Context) error  { return s.exportResults(c, false, true) }
func (s *Server) exportResultsJSON(c echo.Context) error { return s.exportResults(c, true, true) }

func (s *Server) exportResults(c echo.Context, asJSON, attach bool) error {
	ctx := c.Request().Context()
	snap, err := s.snapshotParam(c)
	if err != nil {
		return err
	}
	rows, err := s.results.Aggregates(ctx, snap.ID, nil)
	if err != nil {
		return err // the error handler says why nothing can be exported yet
	}
	questions, err := s.results.QuestionAggregates(ctx, snap.ID, nil)
	if err != nil {
		return err
	}
	e := export{action: "export.results", target: fmt.Sprintf("snapshot %d", snap.ID),
		filename: "devpulse-" + slug(snap.Title) + "-results", snap: snap, rows: rows, questions: questions}
	return s.sendAggregates(c, e, asJSON, attach)
}

// export is one aggregate export about to be sent.
type export struct {
	action, target, filename string
	snap                     survey.Snapshot
	rows                     []results.AggregateRow
	questions                []results.GroupQuestions
}

// sendAggregates records the export in the audit log, then sends it as
// CSV or JSON; attach makes the browser save it as a file. JSON holds the
// drivers' rows and the other questions'; CSV, one table a file, the
// drivers' or, with ?table=questions, the other questions'.
func (s *Server) sendAggregates(c echo.Context, e export, asJSON, attach bool) error {
	format := "csv"
	if asJSON {
		format = "json"
	}
	questionsCSV := !asJSON && c.QueryParam("table") == "questions"
	rows := len(e.rows)
	if questionsCSV {
		rows = len(results.QuestionCSV(e.snap.Title, e.questions))
	}
	if err := s.recordExport(c, e.action, e.target, format, rows); err != nil {
		return err
	}
	if questionsCSV {
		e.filename += "-questions"
	}
	if attach {
		setAttachment(c, e.filename+"."+format)
	}
	switch {
	case asJSON:
		return c.JSON(http.StatusOK, toAPIResults(e.snap, s.results.K(), e.rows, e.questions))
	case questionsCSV:
		return sendCSV(c, results.QuestionHeader, results.QuestionCSV(e.snap.Title, e.questions))
	}
	return sendCSV(c, results.AggregateHeader, results.AggregateCSV(e.rows))
}

// recordExport writes an export to the audit log: who, what, which
// snapshot and team, in which format and how many rows. No export goes
// out unrecorded.
func (s *Server) recordExport(c echo.Context, action, target, format string, rows int) error {
	return s.audit.Record(c.Request().Context(), nil, principal(c).Actor(), action, target,
		fmt.Sprintf("%s, %d rows", format, rows))
}

// exportSnapshotParam reads the query's snapshot, or picks the latest
// snapshot with results.
func (s *Server) exportSnapshotParam(c echo.Context) (survey.Snapshot, error) {
	ctx := c.Request().Context()
	if id, given, err := queryID(c, "snapshot"); err != nil || given {
		if err != nil {
			return survey.Snapshot{}, err
		}
		return s.surveys.Snapshot(ctx, id)
	}
	snap, ok, err := s.results.Latest(ctx)
	if err == nil && !ok {
		err = echo.NewHTTPError(http.StatusConflict, "No snapshot has results yet; exports are possible once one closes.")
	}
	return snap, err
}

func setAttachment(c echo.Context, filename string) {
	c.Response().Header().Set(echo.HeaderContentDisposition, `attachment; filename="`+filename+`"`)
}

// sendCSV writes an export's cells as CSV.
func sendCSV(c echo.Context, header []string, rows [][]string) error {
	var b bytes.Buffer
	if err := results.WriteCSV(&b, header, rows); err != nil {
		return err
	}
	return c.Blob(http.StatusOK, "text/csv; charset=utf-8", b.Bytes())
}

// slug makes a file name part of a title or path: lower-case letters and
// digits, the rest as single dashes.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	if b.Len() == 0 {
		return "export"
	}
	return b.String()
}
