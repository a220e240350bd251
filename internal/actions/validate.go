package actions

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
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
	textField(errs, "title", a.Title, MaxTitle, "Say in a few words what will be done.")
	if strings.TrimSpace(in.OwnerEmail) == "" {
		errs["owner"] = "Name the person who owns this action, by their email."
	}
	if !a.Status.Valid() {
		errs["status"] = "Choose planned, in progress, done or won't do."
	}
	if _, err := time.Parse(time.DateOnly, a.TargetDate); err != nil {
		errs["target_date"] = "Enter the target date as YYYY-MM-DD, for example 2027-03-31."
	}
	if a.Status == WontDo {
		textField(errs, "reason", a.Reason, MaxText, "Say why this will not be done: the people who asked will read it.")
	} else {
		a.Reason = ""
	}
	a.Drivers = cleanDrivers(in.Drivers)
	if len(a.Drivers) == 0 {
		errs["drivers"] = "Link the action to at least one driver."
	}
	for _, k := range a.Drivers {
		if _, ok := drivers[k]; !ok {
			errs["drivers"] = "Choose drivers from the list."
		}
	}
	return a, errs
}

// validateUpdate checks an update; moving to WontDo needs the text, which
// is the reason.
func validateUpdate(in UpdateInput) (Update, FieldErrors) {
	errs := FieldErrors{}
	u := Update{Body: strings.TrimSpace(in.Body), Status: Status(in.Status)}
	msg := "Write what happened."
	if u.Status == WontDo {
		msg = "Say why this will not be done: the people who asked will read it."
	}
	textField(errs, "body", u.Body, MaxText, msg)
	if u.Status != "" && !u.Status.Valid() {
		errs["status"] = "Choose planned, in progress, done or won't do, or leave the status as it is."
	}
	return u, errs
}

func textField(errs FieldErrors, field, v string, max int, empty string) {
	switch {
	case v == "":
		errs[field] = empty
	case utf8.RuneCountInString(v) > max:
		errs[field] = "Keep it under " + strconv.Itoa(max) + " characters."
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
