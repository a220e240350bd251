package web

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	adminview "github.com/devpulse/devpulse/templates/admin"
	surveyview "github.com/devpulse/devpulse/templates/survey"
)

// previewSnapshot shows one section as respondents will see it, with the
// same components the survey uses. ?section=N picks the section (1-based),
// ?width=phone draws it in a phone-sized frame.
func (s *Server) previewSnapshot(c echo.Context) error {
	o, err := s.outlineParam(c)
	if err != nil {
		return err
	}
	names, err := s.driverNames(c)
	if err != nil {
		return err
	}
	sections := surveyview.Sections(o, names)
	n, _ := strconv.Atoi(c.QueryParam("section"))
	n = max(1, min(n, len(sections)))
	phone := c.QueryParam("width") == "phone"
	url := func(section int, phone bool) string {
		u := fmt.Sprintf("/admin/snapshots/%d/preview?section=%d", o.Snapshot.ID, section)
		if phone {
			u += "&width=phone"
		}
		return u
	}
	v := adminview.SnapshotPreviewView{
		ID: o.Snapshot.ID, Title: o.Snapshot.Title, State: o.Snapshot.State, Phone: phone,
		PhoneURL: url(n, true), WideURL: url(n, false),
	}
	for i, sec := range sections {
		v.Sections = append(v.Sections, adminview.SnapshotOption{Value: url(i+1, phone), Label: sec.Title, Checked: i+1 == n})
	}
	if len(sections) > 0 {
		v.Page = surveyview.Page{Section: sections[n-1], Number: n, Total: len(sections), Preview: true}
		if n > 1 {
			v.Page.PrevHref = url(n-1, phone)
		}
		if n < len(sections) {
			v.Page.NextHref = url(n+1, phone)
		}
	}
	return s.render(c, http.StatusOK, adminview.SnapshotPreviewPage(v))
}
