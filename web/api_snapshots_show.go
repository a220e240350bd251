package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/survey"
)

// apiSnapshotDetail is one snapshot with everything it asks.
type apiSnapshotDetail struct {
	apiSnapshot
	Sections []apiSection `json:"sections"`
}

type apiSection struct {
	ID        int64         `json:"id"`
	Title     string        `json:"title"`
	Questions []apiQuestion `json:"questions"`
}

type apiQuestion struct {
	ID            int64         `json:"id"`
	Kind          string        `json:"kind"`
	Key           string        `json:"key"`
	Prompt        string        `json:"prompt"`
	Help          string        `json:"help"`
	Required      bool          `json:"required"`
	DriverKey     *string       `json:"driver_key"`
	Config        survey.Config `json:"config"`
	AudienceRoles []string      `json:"audience_roles"`
}

// apiShowSnapshot answers GET /api/v1/snapshots/:id with its sections and
// questions in order; an unknown ID is a JSON 404.
func (s *Server) apiShowSnapshot(c echo.Context) error {
	ctx := c.Request().Context()
	o, err := s.outlineParam(c)
	if err != nil {
		return err
	}
	drivers, err := s.surveys.Drivers(ctx, true)
	if err != nil {
		return err
	}
	keys := map[int64]string{}
	for _, d := range drivers {
		keys[d.ID] = d.Key
	}
	out := apiSnapshotDetail{apiSnapshot: toAPISnapshot(o.Snapshot), Sections: make([]apiSection, 0, len(o.Sections))}
	for _, sec := range o.Sections {
		as := apiSection{ID: sec.ID, Title: sec.Title, Questions: []apiQuestion{}}
		for _, q := range o.InSection(sec.ID) {
			aq := apiQuestion{ID: q.ID, Kind: string(q.Kind), Key: q.Key, Prompt: q.Prompt, Help: q.Help, Required: q.Required,
				Config: q.Config, AudienceRoles: q.Roles()}
			if aq.AudienceRoles == nil {
				aq.AudienceRoles = []string{}
			}
			if q.DriverID != nil {
				if k, ok := keys[*q.DriverID]; ok {
					aq.DriverKey = &k
				}
			}
			as.Questions = append(as.Questions, aq)
		}
		out.Sections = append(out.Sections, as)
	}
	return c.JSON(http.StatusOK, out)
}
