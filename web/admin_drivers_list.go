package web

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/survey"
	adminview "github.com/devpulse/devpulse/templates/admin"
)

// listDrivers shows the driver library.
func (s *Server) listDrivers(c echo.Context) error {
	v, err := s.driverListView(c, adminview.DriverForm{})
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, adminview.DriverListPage(v))
}

// createDriver adds a driver; bad input re-renders the library with the
// form as entered.
func (s *Server) createDriver(c echo.Context) error {
	d := survey.Driver{Key: c.FormValue("key"), Name: c.FormValue("name"), Category: c.FormValue("category"), Statement: c.FormValue("statement")}
	err := s.surveys.CreateDriver(c.Request().Context(), &d, principal(c).Actor())
	var fe survey.Problems
	if errors.As(err, &fe) {
		v, err := s.driverListView(c, adminview.DriverForm{Key: d.Key, Name: d.Name, Category: d.Category, Statement: d.Statement, Errors: fe.In(c.Request().Context())})
		if err != nil {
			return err
		}
		return s.render(c, http.StatusUnprocessableEntity, adminview.DriverListPage(v))
	}
	if err != nil {
		return err
	}
	return s.redirectWith(c, "/admin/drivers#"+driverAnchor(d.ID), flashOK, i18n.T(c.Request().Context(), "admin.drivers.flash.added", "Name", d.Name))
}

func (s *Server) driverListView(c echo.Context, form adminview.DriverForm) (adminview.DriverListView, error) {
	ds, err := s.surveys.Drivers(c.Request().Context(), true)
	if err != nil {
		return adminview.DriverListView{}, err
	}
	v := adminview.DriverListView{Flash: s.snapshotFlash(c), New: form}
	for _, d := range ds {
		row := adminview.DriverRow{ID: d.ID, Key: d.Key, Name: d.Name, Category: d.Category, Statement: d.Statement, Retired: d.Retired()}
		if row.Retired {
			v.Retired = append(v.Retired, row)
		} else {
			v.Active = append(v.Active, row)
		}
	}
	return v, nil
}

// snapshotFlash hands the pending flash message to a survey admin page.
func (s *Server) snapshotFlash(c echo.Context) adminview.SnapshotFlash {
	kind, msg := s.takeFlashKind(c)
	return adminview.SnapshotFlash{Kind: kind, Message: msg}
}
