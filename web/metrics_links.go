package web

import (
	"errors"
	"net/http"
	"slices"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/metrics"
	adminview "github.com/devpulse/devpulse/templates/admin"
)

// showMetricLinks lists the links with the form that adds one.
func (s *Server) showMetricLinks(c echo.Context) error {
	v, err := s.metricLinksView(c)
	if err != nil {
		return err
	}
	v.Flash = s.snapshotFlash(c)
	return s.render(c, http.StatusOK, adminview.MetricLinksPage(v))
}

// addMetricLink links a metric to a driver; a bad form comes back with
// its messages.
func (s *Server) addMetricLink(c echo.Context) error {
	driverID, _ := strconv.ParseInt(c.FormValue("driver"), 10, 64)
	form := adminview.MetricLinkForm{DriverID: driverID, Metric: c.FormValue("metric"), Direction: c.FormValue("direction")}
	l, err := s.metrics.AddLink(c.Request().Context(), driverID, form.Metric, form.Direction, principal(c).Actor())
	var bad metrics.LinkError
	if errors.As(err, &bad) {
		v, err := s.metricLinksView(c)
		if err != nil {
			return err
		}
		form.Errors = bad
		v.Form = form
		return s.render(c, http.StatusUnprocessableEntity, adminview.MetricLinksPage(v))
	}
	if err != nil {
		return err
	}
	return s.redirectWith(c, "/admin/metrics/links", flashOK, i18n.T(c.Request().Context(), "directory.links.linked", "Metric", l.MetricName))
}

// removeMetricLink deletes a link.
func (s *Server) removeMetricLink(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := s.metrics.RemoveLink(c.Request().Context(), id, principal(c).Actor()); err != nil {
		return err
	}
	return s.redirectWith(c, "/admin/metrics/links", flashOK, i18n.T(c.Request().Context(), "directory.links.removed"))
}

// metricLinksView reads the links, the drivers and the names to suggest.
func (s *Server) metricLinksView(c echo.Context) (adminview.MetricLinksView, error) {
	ctx := c.Request().Context()
	var v adminview.MetricLinksView
	var err error
	if v.Links, err = s.metrics.Links(ctx); err != nil {
		return v, err
	}
	if v.Drivers, err = s.surveys.Drivers(ctx, false); err != nil {
		return v, err
	}
	if v.Names, err = s.metrics.Names(ctx); err != nil {
		return v, err
	}
	v.Names = append(v.Names, metrics.FigureNames...)
	slices.Sort(v.Names)
	v.Names = slices.Compact(v.Names)
	return v, nil
}
