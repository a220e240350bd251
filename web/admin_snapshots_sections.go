package web

import (
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/survey"
)

// addSection appends a section to a snapshot.
func (s *Server) addSection(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	title := c.FormValue("section_title")
	sec, err := s.surveys.AddSection(c.Request().Context(), id, title, principal(c).Actor())
	if fe, ok := asProblems(err); ok {
		return s.renderBuilder(c, http.StatusUnprocessableEntity, id, builderInput{errs: fe, newSection: title})
	}
	if err != nil {
		return err
	}
	return s.redirectWith(c, fmt.Sprintf("/admin/snapshots/%d#s-%d", id, sec.ID), flashOK, i18n.T(c.Request().Context(), "admin.flash.section_added", "Title", sec.Title))
}

// renameSection changes a section's title.
func (s *Server) renameSection(c echo.Context) error {
	snapID, sec, err := s.snapshotSection(c)
	if err != nil {
		return err
	}
	title := c.FormValue("section_title")
	err = s.surveys.RenameSection(c.Request().Context(), sec.ID, title, principal(c).Actor())
	if fe, ok := asProblems(err); ok {
		return s.renderBuilder(c, http.StatusUnprocessableEntity, snapID, builderInput{errs: fe, renameID: sec.ID, renameTitle: title})
	}
	if err != nil {
		return err
	}
	return s.redirectWith(c, fmt.Sprintf("/admin/snapshots/%d#s-%d", snapID, sec.ID), flashOK, i18n.T(c.Request().Context(), "admin.flash.section_renamed"))
}

// deleteSection removes a section with its questions.
func (s *Server) deleteSection(c echo.Context) error {
	snapID, sec, err := s.snapshotSection(c)
	if err != nil {
		return err
	}
	if err := s.surveys.DeleteSection(c.Request().Context(), sec.ID, principal(c).Actor()); err != nil {
		return err
	}
	return s.redirectWith(c, fmt.Sprintf("/admin/snapshots/%d#questions", snapID), flashOK, i18n.T(c.Request().Context(), "admin.flash.section_deleted", "Title", sec.Title))
}

// moveSection moves a section one place up or down.
func (s *Server) moveSection(c echo.Context) error {
	snapID, sec, err := s.snapshotSection(c)
	if err != nil {
		return err
	}
	if err := s.surveys.MoveSection(c.Request().Context(), sec.ID, direction(c)); err != nil {
		return err
	}
	return s.redirectWith(c, fmt.Sprintf("/admin/snapshots/%d#s-%d", snapID, sec.ID), "", "")
}

// snapshotSection finds the section the route names in its snapshot.
func (s *Server) snapshotSection(c echo.Context) (int64, survey.Section, error) {
	o, err := s.outlineParam(c)
	if err != nil {
		return 0, survey.Section{}, err
	}
	want, err := pathID(c, "section")
	if err != nil {
		return 0, survey.Section{}, err
	}
	for _, sec := range o.Sections {
		if sec.ID == want {
			return o.Snapshot.ID, sec, nil
		}
	}
	return 0, survey.Section{}, survey.ErrNotFound
}
