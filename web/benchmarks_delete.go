package web

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/benchmark"
)

// deleteBenchmarks removes one set, named by its source and year.
func (s *Server) deleteBenchmarks(c echo.Context) error {
	source := c.FormValue("source")
	year, err := strconv.Atoi(c.FormValue("year"))
	if err != nil || source == "" {
		return s.redirectWith(c, "/admin/benchmarks", flashError, "Say which benchmark set to delete.")
	}
	n, err := s.benchmarks.DeleteSet(c.Request().Context(), source, year, principal(c).Actor())
	if errors.Is(err, benchmark.ErrNotFound) {
		return s.redirectWith(c, "/admin/benchmarks", flashError, fmt.Sprintf("There is no benchmark set %s %d: nothing was deleted.", source, year))
	}
	if err != nil {
		return err
	}
	return s.redirectWith(c, "/admin/benchmarks", flashOK, fmt.Sprintf("Deleted the benchmark set %s %d (%d rows).", source, year, n))
}
