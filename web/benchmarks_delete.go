package web

import (
	"errors"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/benchmark"
	"github.com/devpulse/devpulse/internal/i18n"
)

// deleteBenchmarks removes one set, named by its source and year.
func (s *Server) deleteBenchmarks(c echo.Context) error {
	l := i18n.From(c.Request().Context())
	source := c.FormValue("source")
	year, err := strconv.Atoi(c.FormValue("year"))
	if err != nil || source == "" {
		return s.redirectWith(c, "/admin/benchmarks", flashError, l.T("directory.benchmarks.delete_which"))
	}
	n, err := s.benchmarks.DeleteSet(c.Request().Context(), source, year, principal(c).Actor())
	if errors.Is(err, benchmark.ErrNotFound) {
		return s.redirectWith(c, "/admin/benchmarks", flashError, l.T("directory.benchmarks.delete_none", "Source", source, "Year", strconv.Itoa(year)))
	}
	if err != nil {
		return err
	}
	return s.redirectWith(c, "/admin/benchmarks", flashOK, l.T("directory.benchmarks.deleted", "Source", source, "Year", strconv.Itoa(year), "Count", n, "N", l.Number(int(n))))
}
