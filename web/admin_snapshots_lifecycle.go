package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/input"
	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/internal/survey"
)

// scheduleSnapshot checks a draft and schedules it. What stops it (no
// times, too few drivers for a priority question) shows next to the fields.
func (s *Server) scheduleSnapshot(c echo.Context) error {
	ctx := c.Request().Context()
	return s.transition(c, s.surveys.Schedule, func(snap survey.Snapshot) string {
		return i18n.T(ctx, "admin.flash.scheduled", "Opens", snapshotTime(ctx, snap.OpensAt, snap), "Closes", snapshotTime(ctx, snap.ClosesAt, snap))
	})
}

// unscheduleSnapshot returns a scheduled snapshot to draft.
func (s *Server) unscheduleSnapshot(c echo.Context) error {
	return s.transition(c, s.surveys.Unschedule, func(survey.Snapshot) string {
		return i18n.T(c.Request().Context(), "admin.flash.unscheduled")
	})
}

// openSnapshot opens a scheduled snapshot at once.
func (s *Server) openSnapshot(c echo.Context) error {
	ctx := c.Request().Context()
	return s.transition(c, s.surveys.OpenNow, func(snap survey.Snapshot) string {
		return i18n.T(ctx, "admin.flash.opened", "Closes", snapshotTime(ctx, snap.ClosesAt, snap))
	})
}

// closeSnapshot closes an open snapshot early.
func (s *Server) closeSnapshot(c echo.Context) error {
	return s.transition(c, s.surveys.Close, func(survey.Snapshot) string {
		return i18n.T(c.Request().Context(), "admin.flash.closed")
	})
}

// publishSnapshot publishes a closed snapshot's results.
func (s *Server) publishSnapshot(c echo.Context) error {
	return s.transition(c, s.surveys.Publish, func(survey.Snapshot) string {
		return i18n.T(c.Request().Context(), "admin.flash.published")
	})
}

// extendSnapshot moves an open snapshot's close time later.
func (s *Server) extendSnapshot(c echo.Context) error {
	ctx := c.Request().Context()
	snap, err := s.snapshotParam(c)
	if err != nil {
		return err
	}
	entered := c.FormValue("closes_at")
	at, ok := parseLocal(entered, snap.Location())
	if !ok || at == nil {
		errs := survey.Problems{"closes_at": input.M("admin.invalid.extend_format")}
		return s.renderBuilder(c, http.StatusUnprocessableEntity, snap.ID, builderInput{errs: errs, extendTo: entered})
	}
	err = s.surveys.ExtendClose(ctx, snap.ID, *at, principal(c).Actor())
	if fe, ok := asProblems(err); ok {
		return s.renderBuilder(c, http.StatusUnprocessableEntity, snap.ID, builderInput{errs: fe, extendTo: entered})
	}
	if errors.Is(err, survey.ErrState) {
		return s.refuseTransition(c, snap.ID)
	}
	if err != nil {
		return err
	}
	return s.redirectWith(c, snapshotPath(snap.ID), flashOK, i18n.T(ctx, "admin.flash.extended", "Closes", snapshotTime(ctx, at, snap)))
}

// transition runs one lifecycle step and goes back to the builder with
// what happened. A step the state does not allow (someone else moved the
// snapshot meanwhile) is a message, not an error page.
func (s *Server) transition(c echo.Context, step func(ctx context.Context, id int64, actor string) error, done func(survey.Snapshot) string) error {
	ctx := c.Request().Context()
	snap, err := s.snapshotParam(c)
	if err != nil {
		return err
	}
	err = step(ctx, snap.ID, principal(c).Actor())
	if fe, ok := asProblems(err); ok {
		return s.renderBuilder(c, http.StatusUnprocessableEntity, snap.ID, builderInput{errs: fe})
	}
	if errors.Is(err, survey.ErrState) {
		return s.refuseTransition(c, snap.ID)
	}
	if err != nil {
		return err
	}
	if snap, err = s.surveys.Snapshot(ctx, snap.ID); err != nil {
		return err
	}
	return s.redirectWith(c, snapshotPath(snap.ID), flashOK, done(snap))
}

// refuseTransition goes back to the builder saying the step does not fit
// the snapshot's current state.
func (s *Server) refuseTransition(c echo.Context, id int64) error {
	snap, err := s.surveys.Snapshot(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return s.redirectWith(c, snapshotPath(id), flashError,
		i18n.T(c.Request().Context(), "admin.flash.refused", "State", strings.ToLower(i18n.T(c.Request().Context(), "admin.state."+snap.State))))
}

func snapshotPath(id int64) string { return fmt.Sprintf("/admin/snapshots/%d", id) }

// recomputeResults materialises a closed snapshot's results again, at
// once, and says what they hold.
func (s *Server) recomputeResults(c echo.Context) error {
	ctx := c.Request().Context()
	snap, err := s.snapshotParam(c)
	if err != nil {
		return err
	}
	run, err := s.results.Materialise(ctx, snap.ID, principal(c).Actor())
	if errors.Is(err, results.ErrNotClosed) {
		return s.refuseTransition(c, snap.ID)
	}
	var small *results.SmallChangeError
	switch {
	case errors.Is(err, results.ErrPublished):
		return s.redirectWith(c, snapshotPath(snap.ID), flashError, i18n.T(ctx, "admin.flash.not_recomputed", "Reason", results.ErrPublished.Error()))
	case errors.As(err, &small):
		return s.redirectWith(c, snapshotPath(snap.ID), flashError, i18n.T(ctx, "admin.flash.not_recomputed", "Reason", small.Error()))
	}
	if err != nil {
		return err
	}
	return s.redirectWith(c, snapshotPath(snap.ID), flashOK,
		i18n.T(ctx, "admin.flash.recomputed", "Responses", run.Responses, "Invited", run.Invited))
}
