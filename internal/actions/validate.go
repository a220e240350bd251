package actions

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/devpulse/devpulse/internal/input"
)

// Limits of what people type.
const (
	MaxTitle = 200
	MaxText  = 2000
)

// Input is an action as a lead or executive enters it.
type Input struct {
	// TeamID is the team; nil for an organisation action.
	TeamID     *int64
	Title      string
	OwnerEmail string
	Status     string
	TargetDate string
	Reason     string
	Drivers    []string
	// RequestKey names one submission of the form: sent again, it
	// creates nothing more.
	RequestKey string
}

// UpdateInput is a dated update as entered: text, and the status it
// moves the action to ("" keeps it).
type UpdateInput struct {
	Body       string
	Status     string
	RequestKey string
}

// validate checks an action as entered; drivers maps the keys that may be
// linked to their names.
func validate(in Input, drivers map[string]string) (Action, FieldErrors) {
	errs := FieldErrors{}
	a := Action{TeamID: in.TeamID, Title: strings.TrimSpace(in.Title), Status: Status(in.Status),
		TargetDate: strings.TrimSpace(in.TargetDate), Reason: strings.TrimSpace(in.Reason)}
	if a.Status == "" {
		a.Status = Planned
	}
	textField(errs, "title", a.Title, MaxTitle, input.M("actions.invalid.title"))
	if strings.TrimSpace(in.OwnerEmail) == "" {
		errs["owner"] = input.M("actions.invalid.owner")
	}
	if !a.Status.Valid() {
		errs["status"] = input.M("actions.invalid.status")
	}
	if _, err := time.Parse(time.DateOnly, a.TargetDate); err != nil {
		errs["target_date"] = input.M("actions.invalid.target_date")
	}
	if a.Status == WontDo {
		textField(errs, "reason", a.Reason, MaxText, input.M("actions.invalid.reason"))
	} else {
		a.Reason = ""
	}
	a.Drivers = cleanDrivers(in.Drivers)
	if len(a.Drivers) == 0 {
		errs["drivers"] = input.M("actions.invalid.drivers_none")
	}
	for _, k := range a.Drivers {
		if _, ok := drivers[k]; !ok {
			errs["drivers"] = input.M("actions.invalid.drivers")
		}
	}
	return a, errs
}

// validateUpdate checks an update; moving to WontDo needs the text, which
// is the reason.
func validateUpdate(in UpdateInput) (Update, FieldErrors) {
	errs := FieldErrors{}
	u := Update{Body: strings.TrimSpace(in.Body), Status: Status(in.Status)}
	msg := input.M("actions.invalid.update")
	if u.Status == WontDo {
		msg = input.M("actions.invalid.reason")
	}
	textField(errs, "body", u.Body, MaxText, msg)
	if u.Status != "" && !u.Status.Valid() {
		errs["status"] = input.M("actions.invalid.update_status")
	}
	return u, errs
}

func textField(errs FieldErrors, field, v string, max int, empty input.Message) {
	switch {
	case v == "":
		errs[field] = empty
	case utf8.RuneCountInString(v) > max:
		errs[field] = input.M("actions.invalid.too_long", "Max", max)
	}
}

func cleanDrivers(keys []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, k := range keys {
		if k = strings.TrimSpace(k); k != "" && !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}
