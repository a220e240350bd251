package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/pulse"
	"github.com/devpulse/devpulse/internal/testdb"
)

const terraformProgramme = `{"key": "terraform-apply", "name": "Terraform apply", "owner_team": "Eng/Platform",
 "trigger": {"type": "pr.merged", "repository": "infra-*", "label": "terraform"},
 "questions": {"rating": "How was this Terraform change?", "comment": "What got in the way?",
   "choice": {"prompt": "Slowest step?", "options": ["plan", "review", "apply"]}},
 "sample_percent": 20, "delay_minutes": 30, "expiry_hours": 72, "active_from": "2026-01-01", "driver": "%s"}`

func TestProgrammesAPI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		l := startLive(t, db, nil)
		pulseOrg(t, db)
		var driver string
		db.Table("drivers").Select("key").Order("id").Limit(1).Scan(&driver)
		tok := apiToken(t, db, auth.ScopePulseWrite)
		body := strings.Replace(terraformProgramme, "%s", driver, 1)
		status, out := l.apiCall(t, "POST", "/api/v1/pulse/programmes", tok, body, nil)
		if status != http.StatusCreated || out["created"] != true {
			t.Fatalf("create: %d %v", status, out)
		}
		status, out = l.apiCall(t, "POST", "/api/v1/pulse/programmes", tok, strings.Replace(body, `"sample_percent": 20`, `"sample_percent": 50`, 1), nil)
		if status != http.StatusOK || out["created"] != false {
			t.Fatalf("replace: %d %v", status, out)
		}
		var p pulse.Programme
		db.Where("key = ?", "terraform-apply").First(&p)
		if p.SamplePercent != 50 || p.DriverKey != driver || p.ParsedConditions().Label != "terraform" || p.ParsedQuestions().Choice.Options[2] != "apply" {
			t.Fatalf("stored %+v", p)
		}
		bad := `{"key": "x", "name": "X", "owner_team": "Nope", "trigger": {"type": "pr.merged"}, "questions": {}, "sample_percent": 0, "expiry_hours": 1}`
		status, out = l.apiCall(t, "POST", "/api/v1/pulse/programmes", tok, bad, nil)
		errs, _ := out["errors"].([]any)
		if status != http.StatusUnprocessableEntity || len(errs) != 3 {
			t.Fatalf("bad: %d %v", status, out)
		}
		if status, _ = l.apiCall(t, "POST", "/api/v1/pulse/programmes", apiToken(t, db, auth.ScopeEventsWrite), body, nil); status != http.StatusForbidden {
			t.Fatalf("events token: %d", status)
		}
	})
}

func TestProgrammesAdminPages(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		l := startLive(t, db, nil)
		_, adm, _ := pulseOrg(t, db)
		l.signInLive(t, db, adm.ID)
		form := url.Values{"key": {"deploys"}, "name": {"Deploys"}, "owner_team": {"Eng/Platform"}, "event_type": {"deploy.completed"},
			"equals": {"environment=production"}, "rating": {"How was this deploy?"}, "sample_percent": {"abc"}, "delay_minutes": {"30"}, "expiry_hours": {"72"}}
		pg := l.postForm(t, "/admin/pulse", form)
		if pg.status != http.StatusUnprocessableEntity || !pg.has("error-sample_percent") || countRows(t, db, &pulse.Programme{}, "") != 0 {
			t.Fatalf("bad sample: %d", pg.status)
		}
		form.Set("sample_percent", "25")
		pg = l.postForm(t, "/admin/pulse", form)
		if pg.status != http.StatusOK || !pg.has("pulse-row-deploys") || !strings.Contains(pg.body, "Saved Deploys.") {
			t.Fatalf("create: %d %s", pg.status, pg.body)
		}
		var p pulse.Programme
		db.Where("key = ?", "deploys").First(&p)
		if p.ParsedConditions().Equals["environment"] != "production" || p.SamplePercent != 25 {
			t.Fatalf("stored %+v", p)
		}
		pg = l.postForm(t, "/admin/pulse/"+itoa(p.ID)+"/pause", url.Values{"paused": {"true"}})
		db.First(&p, p.ID)
		if !p.Paused || !strings.Contains(pg.body, "Paused") {
			t.Fatalf("pause: %d paused=%v", pg.status, p.Paused)
		}
		pg = l.get(t, "/admin/pulse/"+itoa(p.ID))
		if pg.status != http.StatusOK || !strings.Contains(pg.body, "environment=production") {
			t.Fatalf("edit page: %d", pg.status)
		}
		form.Set("name", "Production deploys")
		form.Del("paused")
		l.postForm(t, "/admin/pulse/"+itoa(p.ID), form)
		db.First(&p, p.ID)
		if p.Name != "Production deploys" || p.Paused {
			t.Fatalf("update: %+v", p)
		}
	})
}
