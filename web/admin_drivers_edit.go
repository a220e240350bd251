package web

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/survey"
	adminview "github.com/devpulse/devpulse/templates/admin"
)

// editDriver shows the form that changes a driver's wording.
func (s *Server) editDriver(c echo.Context) error {
	d, err := s.driverParam(c)
	if err != nil {
		return err
	}
	tr, err := s.storedTranslations(c.Request().Context(), survey.TrDriver, d.ID)
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, adminview.DriverEditPage(adminview.DriverEditView{
		ID: d.ID, Retired: d.Retired(), Translations: tr,
		Form: adminview.DriverForm{Key: d.Key, Name: d.Name, Category: d.Category, Statement: d.Statement},
	}))
}

// updateDriver saves a driver's new wording; the key never changes.
func (s *Server) updateDriver(c echo.Context) error {
	ctx := c.Request().Context()
	d, err := s.driverParam(c)
	if err != nil {
		return err
	}
	name, category, statement := c.FormValue("name"), c.FormValue("category"), c.FormValue("statement")
	_, err = s.surveys.UpdateDriver(ctx, d.ID, name, category, statement, principal(c).Actor())
	var fe survey.Problems
	if errors.As(err, &fe) {
		return s.render(c, http.StatusUnprocessableEntity, adminview.DriverEditPage(adminview.DriverEditView{
			ID: d.ID, Retired: d.Retired(), Translations: postedTranslations(c, survey.TrDriver),
			Form: adminview.DriverForm{Key: d.Key, Name: name, Category: category, Statement: statement, Errors: fe.In(ctx)},
		}))
	}
	if err == nil {
		err = s.saveTranslations(c, survey.TrDriver, d.ID)
	}
	if err != nil {
		return err
	}
	return s.redirectWith(c, "/admin/drivers#"+driverAnchor(d.ID), flashOK, i18n.T(c.Request().Context(), "admin.drivers.flash.saved", "Key", d.Key))
}

// retireDriver stops offering a driver for new snapshots.
func (s *Server) retireDriver(c echo.Context) error {
	return s.setDriverRetired(c, true)
}

// restoreDriver offers a retired driver again.
func (s *Server) restoreDriver(c echo.Context) error {
	return s.setDriverRetired(c, false)
}

func (s *Server) setDriverRetired(c echo.Context, retired bool) error {
	ctx := c.Request().Context()
	d, err := s.driverParam(c)
	if err != nil {
		return err
	}
	if err := s.surveys.SetDriverRetired(ctx, d.ID, retired, principal(c).Actor()); err != nil {
		return err
	}
	msg := i18n.T(ctx, "admin.drivers.flash.retired", "Name", d.Name)
	if !retired {
		msg = i18n.T(ctx, "admin.drivers.flash.restored", "Name", d.Name)
	}
	return s.redirectWith(c, "/admin/drivers#"+driverAnchor(d.ID), flashOK, msg)
}

func driverAnchor(id int64) string { return fmt.Sprintf("driver-%d", id) }
