package admin

import (
	"context"
	"fmt"
	"github.com/devpulse/devpulse/internal/i18n"
	"strings"

	"github.com/a-h/templ"

	"github.com/devpulse/devpulse/internal/survey"
	surveyview "github.com/devpulse/devpulse/templates/survey"
)

// View-models of the driver library and the snapshot screens. Names start
// with Driver or Snapshot: other admin screens live in this package too.

// SnapshotFlash is a one-time message at the top of a page.
type SnapshotFlash struct {
	Kind    string // "ok" or "error"
	Message string
}

// SnapshotOption is one entry of a select, radio or checkbox group.
type SnapshotOption struct {
	Value   string
	Label   string
	Checked bool
}

// DriverRow is one driver in the library list.
type DriverRow struct {
	ID        int64
	Key       string
	Name      string
	Category  string
	Statement string
	Retired   bool
}

// DriverForm holds what the add and edit forms show, as entered.
type DriverForm struct {
	Key       string
	Name      string
	Category  string
	Statement string
	Errors    map[string]string
}

// DriverListView is the driver library page.
type DriverListView struct {
	Flash   SnapshotFlash
	Active  []DriverRow
	Retired []DriverRow
	New     DriverForm
}

// DriverEditView is the page that changes a driver's wording.
type DriverEditView struct {
	ID      int64
	Retired bool
	Form    DriverForm
	// Translations of the name and statement (translations.templ).
	Translations []TrFields
}

// SnapshotRow is one snapshot in the list.
type SnapshotRow struct {
	ID       int64
	Title    string
	State    string
	TimeZone string
	OpensAt  string
	ClosesAt string
}

// SnapshotListView lists every snapshot.
type SnapshotListView struct {
	Flash     SnapshotFlash
	Snapshots []SnapshotRow
}

// SnapshotNewView is the "new snapshot" form, as entered.
type SnapshotNewView struct {
	Title    string
	Start    string
	CopyFrom string
	TimeZone string
	Earlier  []SnapshotOption
	Zones    []string
	Errors   map[string]string
}

// SnapshotSettingsForm is the builder's settings form, as entered.
type SnapshotSettingsForm struct {
	Title       string
	TimeZone    string
	OpensAt     string
	ClosesAt    string
	AudienceAll bool
	Teams       []SnapshotOption
	// ReminderDays: days before the close that reminders go out, "3,1".
	ReminderDays string
}

// SnapshotQuestionRow is one question in the builder's outline.
type SnapshotQuestionRow struct {
	ID        int64
	KindLabel string
	Prompt    string
	Detail    string
	Required  bool
	Driver    string
	Roles     []string
	First     bool
	Last      bool
}

// SnapshotSectionRow is one section in the builder's outline.
type SnapshotSectionRow struct {
	ID        int64
	Title     string
	First     bool
	Last      bool
	Questions []SnapshotQuestionRow
	// RenameTitle and RenameError keep a failed rename as entered.
	RenameTitle string
	RenameError string
}

// SnapshotBuilderView is the builder page of one snapshot.
type SnapshotBuilderView struct {
	ID        int64
	Title     string
	State     string
	TimeZone  string
	OpensAt   string
	ClosesAt  string
	Audience  string
	Editable  bool
	Flash     SnapshotFlash
	Settings  SnapshotSettingsForm
	Zones     []string
	Errors    map[string]string
	Sections  []SnapshotSectionRow
	Questions int
	// NewSection keeps the add-section form as entered.
	NewSection string
	// ExtendTo keeps the extend form as entered.
	ExtendTo string
	Results  SnapshotResults
	// HoldResults: respondents wait for publishing (snapshot_sharing.templ).
	HoldResults bool
	// K is the minimum group size; AudienceSize is how many people
	// opening would invite now, and Reach how they are told.
	K            int
	AudienceSize int
	Reach        string
	// Answered is the participation so far: in bands while open, exact
	// once closed (insight.Threshold.LiveParticipation).
	Answered string
}

// openQuestion is what "Open now" asks before it invites anyone.
func (v SnapshotBuilderView) openQuestion(ctx context.Context) string {
	return i18n.T(ctx, "admin.confirm.open", "Title", v.Title, "Count", v.AudienceSize, "Reach", v.Reach)
}

// closeQuestion is what "Close now" asks: closing is final.
func (v SnapshotBuilderView) closeQuestion(ctx context.Context) string {
	return i18n.T(ctx, "admin.confirm.close", "Title", v.Title, "Answered", v.Answered)
}

// publishQuestion is what "Publish results" asks.
func (v SnapshotBuilderView) publishQuestion(ctx context.Context) string {
	return i18n.T(ctx, "admin.confirm.publish", "Title", v.Title)
}

// tooFew says the results cannot be shown: fewer than K responses.
func (v SnapshotBuilderView) tooFew() bool { return v.Results.Done && v.Results.Responses < v.K }

// SnapshotResults is when a closed snapshot's results were materialised.
type SnapshotResults struct {
	Done      bool
	At        string
	Responses int
	Invited   int
}

// SnapshotQuestionView is the add or edit question page, as entered.
type SnapshotQuestionView struct {
	SnapshotID    int64
	SnapshotTitle string
	QuestionID    int64
	Section       string
	Sections      []SnapshotOption
	Kinds         []SnapshotOption
	Drivers       []SnapshotOption
	Kind          string
	Prompt        string
	Help          string
	Required      bool
	Driver        string
	Choices       string
	Categories    string
	Min           string
	Max           string
	Unit          string
	MaxLength     string
	Roles         string
	Errors        map[string]string
	// Notice explains why nothing was saved when no one field is to blame.
	Notice string
	// Translations of the prompt, help, options and unit (translations.templ).
	Translations []TrFields
}

// Editing reports whether the page changes an existing question.
func (v SnapshotQuestionView) Editing() bool { return v.QuestionID != 0 }

// SnapshotPreviewView wraps the respondent's view of one section.
type SnapshotPreviewView struct {
	ID       int64
	Title    string
	State    string
	Phone    bool
	PhoneURL string
	WideURL  string
	Sections []SnapshotOption // Value is the link, Checked the current one
	Page     surveyview.Page
}

// snapshotStateLabel names a state for people, in the reader's language.
func snapshotStateLabel(ctx context.Context, state string) string {
	if state == "" {
		return ""
	}
	return i18n.T(ctx, "admin.state."+state)
}

// snapshotAria marks a field invalid when it has an error and links it to
// its error message and hint (hint is an element ID, or empty).
// kindsUsing lists, space-separated, the kinds whose questions use a
// setting: app.js shows the setting's fieldset for those kinds only.
func kindsUsing(s survey.Setting) string {
	var out []string
	for _, k := range survey.KindsUsing(s) {
		out = append(out, string(k))
	}
	return strings.Join(out, " ")
}

func snapshotAria(errs map[string]string, field, hint string) templ.Attributes {
	var ids []string
	attrs := templ.Attributes{}
	if errs[field] != "" {
		attrs["aria-invalid"] = "true"
		ids = append(ids, "err-"+field)
	}
	if hint != "" {
		ids = append(ids, hint)
	}
	if len(ids) > 0 {
		attrs["aria-describedby"] = strings.Join(ids, " ")
	}
	return attrs
}

// categoriesOf lists the drivers' categories once each, in order.
func categoriesOf(rows []DriverRow) []string {
	var out []string
	seen := map[string]bool{}
	for _, r := range rows {
		if !seen[r.Category] {
			seen[r.Category] = true
			out = append(out, r.Category)
		}
	}
	return out
}

func snapshotURL(id int64, suffix string) templ.SafeURL {
	return templ.SafeURL(fmt.Sprintf("/admin/snapshots/%d%s", id, suffix))
}

func sectionURL(snapID, sectionID int64, suffix string) templ.SafeURL {
	return templ.SafeURL(fmt.Sprintf("/admin/snapshots/%d/sections/%d%s", snapID, sectionID, suffix))
}

func questionURL(snapID, questionID int64, suffix string) templ.SafeURL {
	return templ.SafeURL(fmt.Sprintf("/admin/snapshots/%d/questions/%d%s", snapID, questionID, suffix))
}

func joinRoles(roles []string) string { return strings.Join(roles, ", ") }
