package web

import (
	"bytes"
	"io"
	"mime"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/input"
	"github.com/devpulse/devpulse/internal/roster"
)

// rosterResult is the JSON answer of the roster API.
type rosterResult struct {
	Added           int               `json:"added"`
	Changed         int               `json:"changed"`
	Deactivated     int               `json:"deactivated"`
	Unchanged       int               `json:"unchanged"`
	LeadGrantsAdded int               `json:"lead_grants_added"`
	TeamsCreated    int               `json:"teams_created"`
	Errors          []input.LineError `json:"errors"`
	Applied         bool              `json:"applied"`
	DryRun          bool              `json:"dry_run"`
	Message         string            `json:"message"`
	// Preview details the changes, for a dry run to be checked before the real one.
	Preview *rosterPreview `json:"preview,omitempty"`
}

type rosterPreview struct {
	Added        []string          `json:"added"`
	Changed      []rosterChange    `json:"changed"`
	Deactivated  []string          `json:"deactivated"`
	LeadGrants   []roster.GrantAdd `json:"lead_grants_added"`
	TeamsCreated []string          `json:"teams_created"`
}

type rosterChange struct {
	Email  string               `json:"email"`
	Fields []roster.FieldChange `json:"fields"`
}

// importRosterAPI imports a CSV roster sent as the request body. With
// dry_run=true it only reports what would change.
func (s *Server) importRosterAPI(c echo.Context) error {
	if mt, _, _ := mime.ParseMediaType(c.Request().Header.Get(echo.HeaderContentType)); mt != "text/csv" {
		return echo.NewHTTPError(http.StatusUnsupportedMediaType, "Send the roster as the request body with Content-Type: text/csv (curl --data-binary @people.csv).")
	}
	var opts roster.Options
	dryRun, err := boolParam(c, "dry_run")
	if err == nil {
		opts.DeactivateMissing, err = boolParam(c, "deactivate_missing")
	}
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "dry_run and deactivate_missing take true or false.")
	}
	data, err := io.ReadAll(io.LimitReader(c.Request().Body, maxRosterBytes+1))
	if err != nil {
		return err
	}
	if len(data) > maxRosterBytes {
		return echo.NewHTTPError(http.StatusRequestEntityTooLarge, "The roster is larger than 8 MB.")
	}
	res := rosterResult{DryRun: dryRun, Errors: []input.LineError{}}
	f, errs := roster.Parse(bytes.NewReader(data))
	if len(errs) > 0 {
		res.Errors = errs
		res.Message = "The file has " + strconv.Itoa(len(errs)) + " problems. Nothing was changed."
		return c.JSON(http.StatusUnprocessableEntity, res)
	}
	ctx := c.Request().Context()
	var plan *roster.Plan
	if dryRun {
		plan, err = s.roster.Preview(ctx, f, opts)
	} else {
		plan, err = s.roster.Apply(ctx, f, opts, principal(c).Actor())
	}
	if err != nil {
		return err
	}
	res.fill(plan)
	res.Applied = !dryRun
	return c.JSON(http.StatusOK, res)
}

func (r *rosterResult) fill(p *roster.Plan) {
	r.Added, r.Changed, r.Deactivated, r.Unchanged = len(p.Added), len(p.Changed), len(p.Deactivated), p.Unchanged
	r.LeadGrantsAdded, r.TeamsCreated = len(p.GrantsAdded), len(p.TeamsCreated)
	r.Message = p.Summary()
	if p.Empty() {
		r.Message = "No changes: the directory already matches the file."
	}
	pv := &rosterPreview{Added: []string{}, Changed: []rosterChange{}, Deactivated: []string{},
		LeadGrants: append([]roster.GrantAdd{}, p.GrantsAdded...), TeamsCreated: append([]string{}, p.TeamsCreated...)}
	for _, a := range p.Added {
		pv.Added = append(pv.Added, a.Email)
	}
	for _, ch := range p.Changed {
		pv.Changed = append(pv.Changed, rosterChange{Email: ch.Email, Fields: ch.Fields})
	}
	for _, d := range p.Deactivated {
		pv.Deactivated = append(pv.Deactivated, d.Email)
	}
	r.Preview = pv
}

// boolParam reads an optional true/false query parameter.
func boolParam(c echo.Context, name string) (bool, error) {
	v := c.QueryParam(name)
	if v == "" {
		return false, nil
	}
	return strconv.ParseBool(v)
}
