package web

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/input"
	"github.com/devpulse/devpulse/internal/responses"
	"github.com/devpulse/devpulse/internal/survey"
	adminview "github.com/devpulse/devpulse/templates/admin"
)

// builderInput is what a failed form on the builder page sends back, so
// the page shows it as entered with each message next to its field.
type builderInput struct {
	errs        survey.Problems
	settings    *adminview.SnapshotSettingsForm
	newSection  string
	renameID    int64
	renameTitle string
	extendTo    string
}

// showSnapshot is the builder page.
func (s *Server) showSnapshot(c echo.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	return s.renderBuilder(c, http.StatusOK, id, builderInput{})
}

func (s *Server) renderBuilder(c echo.Context, status int, id int64, in builderInput) error {
	v, err := s.builderView(c, id, in)
	if err != nil {
		return err
	}
	return s.render(c, status, adminview.SnapshotBuilderPage(v))
}

func (s *Server) builderView(c echo.Context, id int64, in builderInput) (adminview.SnapshotBuilderView, error) {
	ctx := c.Request().Context()
	o, err := s.surveys.Outline(ctx, id)
	if err != nil {
		return adminview.SnapshotBuilderView{}, err
	}
	drivers, err := s.surveys.Drivers(ctx, true)
	if err != nil {
		return adminview.SnapshotBuilderView{}, err
	}
	teams, err := s.dir.Teams(ctx)
	if err != nil {
		return adminview.SnapshotBuilderView{}, err
	}
	snap, loc := o.Snapshot, o.Snapshot.Location()
	v := adminview.SnapshotBuilderView{
		ID: snap.ID, Title: snap.Title, State: snap.State, TimeZone: snap.TimeZone,
		OpensAt: snapshotTime(ctx, snap.OpensAt, snap), ClosesAt: snapshotTime(ctx, snap.ClosesAt, snap),
		Editable: snap.Editable(), Flash: s.snapshotFlash(c), Errors: in.errs.In(ctx),
		Questions: len(o.Questions), NewSection: in.newSection, ExtendTo: in.extendTo,
		HoldResults: snap.HoldResults,
	}
	if v.ExtendTo == "" {
		v.ExtendTo = localInput(snap.ClosesAt, loc)
	}
	if run, ok, err := s.results.Materialised(ctx, snap.ID); err != nil {
		return adminview.SnapshotBuilderView{}, err
	} else if ok {
		v.Results = adminview.SnapshotResults{Done: true, At: snapshotTime(ctx, &run.MaterialisedAt, snap), Responses: run.Responses, Invited: run.Invited}
	}
	if err := s.builderReach(ctx, snap, &v); err != nil {
		return adminview.SnapshotBuilderView{}, err
	}
	var chosen []string
	settings := adminview.SnapshotSettingsForm{
		Title: snap.Title, TimeZone: snap.TimeZone, AudienceAll: snap.AudienceAll,
		OpensAt: localInput(snap.OpensAt, loc), ClosesAt: localInput(snap.ClosesAt, loc),
		ReminderDays: snap.ReminderDays,
	}
	for _, t := range teams {
		on := slices.Contains(o.TeamIDs, t.ID)
		if on {
			chosen = append(chosen, t.Path)
		}
		settings.Teams = append(settings.Teams, adminview.SnapshotOption{Value: strconv.FormatInt(t.ID, 10), Label: t.Path, Checked: on})
	}
	if in.settings != nil {
		settings = *in.settings
	}
	v.Settings, v.Zones = settings, zonesWith(settings.TimeZone)
	v.Audience = i18n.T(ctx, "admin.builder.audience_all")
	if !snap.AudienceAll {
		v.Audience = i18n.T(ctx, "admin.builder.audience_teams", "Teams", strings.Join(chosen, ", "))
	}
	v.Sections = builderSections(ctx, o, drivers, in)
	if in.renameID != 0 {
		delete(v.Errors, "section_title") // shown next to that section's rename field
	}
	return v, nil
}

// builderSections lists the sections with their questions; a section whose
// rename failed keeps the title as entered with its message.
func builderSections(ctx context.Context, o survey.Outline, drivers []survey.Driver, in builderInput) []adminview.SnapshotSectionRow {
	var out []adminview.SnapshotSectionRow
	byID := map[int64]survey.Driver{}
	for _, d := range drivers {
		byID[d.ID] = d
	}
	ratedDrivers := len(survey.DriverKeys(o.Questions))
	for i, sec := range o.Sections {
		row := adminview.SnapshotSectionRow{ID: sec.ID, Title: sec.Title, First: i == 0, Last: i == len(o.Sections)-1, RenameTitle: sec.Title}
		if in.renameID == sec.ID {
			row.RenameTitle, row.RenameError = in.renameTitle, in.errs["section_title"].In(ctx)
		}
		qs := o.InSection(sec.ID)
		for j, q := range qs {
			qr := adminview.SnapshotQuestionRow{
				ID: q.ID, KindLabel: kindLabel(ctx, q.Kind), Prompt: q.Prompt, Required: q.Required,
				Detail: kindDetail(ctx, q, ratedDrivers), Roles: q.Roles(), First: j == 0, Last: j == len(qs)-1,
			}
			if q.DriverID != nil {
				qr.Driver = byID[*q.DriverID].Name
			}
			row.Questions = append(row.Questions, qr)
		}
		out = append(out, row)
	}
	return out
}

// updateSnapshotSettings saves title, time zone, schedule and audience.
func (s *Server) updateSnapshotSettings(c echo.Context) error {
	ctx := c.Request().Context()
	snap, err := s.snapshotParam(c)
	if err != nil {
		return err
	}
	form, st, errs := s.parseSettings(c)
	if len(errs) == 0 {
		err = s.surveys.UpdateSettings(ctx, snap.ID, st, principal(c).Actor())
		if fe, ok := asProblems(err); ok {
			errs, err = fe, nil
		}
	}
	if err != nil {
		return err
	}
	if len(errs) > 0 {
		return s.renderBuilder(c, http.StatusUnprocessableEntity, snap.ID, builderInput{errs: errs, settings: &form})
	}
	return s.redirectWith(c, fmt.Sprintf("/admin/snapshots/%d#settings", snap.ID), flashOK, i18n.T(ctx, "admin.flash.settings_saved"))
}

// parseSettings reads the settings form, as entered and as settings.
func (s *Server) parseSettings(c echo.Context) (adminview.SnapshotSettingsForm, survey.Settings, survey.Problems) {
	errs := survey.Problems{}
	form := adminview.SnapshotSettingsForm{
		Title: c.FormValue("title"), TimeZone: c.FormValue("time_zone"),
		OpensAt: c.FormValue("opens_at"), ClosesAt: c.FormValue("closes_at"),
		AudienceAll:  c.FormValue("audience") != "teams",
		ReminderDays: strings.TrimSpace(c.FormValue("reminder_days")),
	}
	st := survey.Settings{Title: form.Title, TimeZone: form.TimeZone, AudienceAll: form.AudienceAll, ReminderDays: form.ReminderDays}
	loc, ok := loadZone(form.TimeZone)
	if !ok {
		errs["time_zone"] = input.M("admin.invalid.time_zone")
	}
	var good bool
	if st.OpensAt, good = parseLocal(form.OpensAt, loc); !good {
		errs["opens_at"] = input.M("admin.invalid.opens_format")
	}
	if st.ClosesAt, good = parseLocal(form.ClosesAt, loc); !good {
		errs["closes_at"] = input.M("admin.invalid.closes_format")
	}
	params, _ := c.FormParams()
	picked := params["teams"]
	for _, v := range picked {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil {
			st.TeamIDs = append(st.TeamIDs, id)
		}
	}
	teams, err := s.dir.Teams(c.Request().Context())
	if err == nil {
		for _, t := range teams {
			id := strconv.FormatInt(t.ID, 10)
			form.Teams = append(form.Teams, adminview.SnapshotOption{Value: id, Label: t.Path, Checked: slices.Contains(picked, id)})
		}
	}
	if !form.AudienceAll && len(st.TeamIDs) == 0 {
		errs["teams"] = input.M("admin.invalid.teams")
	}
	return form, st, errs
}

// builderReach fills in whom the snapshot reaches: how many people opening
// would invite and how, or how many have answered (in bands while open).
func (s *Server) builderReach(ctx context.Context, snap survey.Snapshot, v *adminview.SnapshotBuilderView) error {
	k := s.results.Threshold()
	v.K = k.K()
	if snap.State == survey.Draft || snap.State == survey.Scheduled {
		n, err := s.responses.AudienceSize(ctx, snap.ID)
		v.AudienceSize, v.Reach = n, s.reach(ctx)
		return err
	}
	counts, err := s.responses.Participation(ctx, snap.ID)
	if err != nil {
		return err
	}
	var total responses.Count
	for _, c := range counts {
		total = total.Add(c)
	}
	switch live := k.LiveParticipation(total.Submitted, total.Invited); {
	case snap.State != survey.Open:
		v.Answered = i18n.T(ctx, "admin.answered.exact", "Submitted", total.Submitted, "Invited", total.Invited)
	case !live.Shown:
		v.Answered = live.Message().In(ctx)
	default:
		v.Answered = i18n.T(ctx, "admin.answered.band", "Band", live.Message().In(ctx), "Invited", total.Invited)
	}
	return nil
}

// reach says how invitations travel with the channels configured.
func (s *Server) reach(ctx context.Context) string {
	mail, slack := s.deps.Config.SMTPURL != "", s.deps.Config.SlackToken != ""
	switch {
	case mail && slack:
		return i18n.T(ctx, "admin.reach.both")
	case mail:
		return i18n.T(ctx, "admin.reach.email")
	case slack:
		return i18n.T(ctx, "admin.reach.slack")
	}
	return i18n.T(ctx, "admin.reach.none")
}
