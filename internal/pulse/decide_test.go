package pulse

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/testdb"
)

func TestProgrammeDefinitionIsValidatedAndSavedByKey(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		r := newRig(t, db, nil, nil)
		ctx := context.Background()
		var d Definition
		d.Key, d.Name, d.OwnerTeam, d.SamplePercent, d.ExpiryHours = "Bad Key", "", "No/Such", 0, 0
		d.Trigger.Type, d.Trigger.Repository = "Deploy", "[x"
		d.Questions.Choice = &Choice{Prompt: "Which?", Options: []string{"only one"}}
		d.Driver = "nope"
		_, _, err := r.svc.Save(ctx, d, "test")
		var inv *InvalidError
		if !errors.As(err, &inv) {
			t.Fatalf("err %v", err)
		}
		msgs := inv.Texts()
		for _, f := range []string{"key", "name", "owner_team", "trigger.type", "trigger.repository", "questions.rating", "questions.choice", "sample_percent", "expiry_hours", "driver"} {
			if msgs[f].String() == "" || strings.HasPrefix(msgs[f].String(), "pulse.invalid.") {
				t.Errorf("no message for %s (%v)", f, msgs)
			}
		}
		if got, want := msgs["driver"].String(), `no driver in the library has the key "nope"`; got != want {
			t.Errorf("driver: %q, want %q", got, want)
		}
		es := i18n.WithLang(ctx, i18n.Spanish)
		if got, want := msgs["sample_percent"].In(es), "debe ser un porcentaje entero de 1 a 100"; got != want {
			t.Errorf("sample_percent in Spanish: %q, want %q", got, want)
		}
		p := r.programme(t, "deploys", nil)
		p2 := r.programme(t, "deploys", func(d *Definition) { d.SamplePercent = 20 })
		if p2.ID != p.ID || p2.SamplePercent != 20 {
			t.Fatalf("save by key again: %+v", p2)
		}
		var n int64
		db.Model(&Programme{}).Count(&n)
		if n != 1 {
			t.Fatalf("%d programmes", n)
		}
	})
}

func TestAnEventBecomesOneAskWithinTheBudget(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		r := newRig(t, db, nil, nil)
		ada := r.person(t, "ada@example.com", "")
		r.programme(t, "deploys", func(d *Definition) { d.Trigger.Repository = "infra-*"; d.DelayMinutes = 30 })
		r.programme(t, "ci", func(d *Definition) { d.Trigger.Type = "ci.finished" })

		r.event(t, "deploy.completed", "ada@example.com", map[string]any{"repository": "acme/shop"}) // condition not met
		if n := len(r.asks(t, ada.ID)); n != 0 {
			t.Fatalf("%d asks for a repository outside the trigger", n)
		}
		first := r.event(t, "deploy.completed", "ada@example.com", map[string]any{"repository": "acme/infra-live"})
		as := r.asks(t, ada.ID)
		if len(as) != 1 || as[0].State != StateScheduled || as[0].EventID != first.ID || !as[0].SendAt.Equal(r.clock.Add(30*time.Minute)) {
			t.Fatalf("asks %+v", as)
		}
		// A later event of the same flow within the delay replaces the earlier.
		r.clock = r.clock.Add(10 * time.Minute)
		later := r.event(t, "deploy.completed", "ada@example.com", map[string]any{"repository": "acme/infra-live"})
		as = r.asks(t, ada.ID)
		if len(as) != 1 || as[0].EventID != later.ID || !as[0].SendAt.Equal(r.clock.Add(30*time.Minute)) {
			t.Fatalf("after a later event of the flow: %+v", as)
		}
		// Sent; then another programme's event within 14 days asks nothing.
		r.clock = r.clock.Add(time.Hour)
		r.sendDue(t)
		r.clock = r.clock.Add(13 * 24 * time.Hour)
		r.event(t, "ci.finished", "ada@example.com", nil)
		r.event(t, "deploy.completed", "ada@example.com", map[string]any{"repository": "infra-dns"})
		if as = r.asks(t, ada.ID); len(as) != 1 || as[0].State != StateOpen {
			t.Fatalf("within 14 days: %+v", as)
		}
		// After 14 days, the next event asks again.
		r.clock = r.clock.Add(25 * time.Hour)
		r.event(t, "ci.finished", "ada@example.com", nil)
		if as = r.asks(t, ada.ID); len(as) != 2 {
			t.Fatalf("after 14 days: %d asks", len(as))
		}
	})
}

func TestBudgetLimits(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		r := newRig(t, db, nil, nil)
		r.programme(t, "deploys", nil)
		// Four a quarter: on 14-day steps from the quarter's start, the fifth is refused.
		r.clock = time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC)
		bo := r.person(t, "bo@example.com", "")
		for i := 0; i < 6; i++ {
			r.event(t, "deploy.completed", "bo@example.com", nil)
			r.sendDue(t)
			r.clock = r.clock.Add(15 * 24 * time.Hour)
		}
		if n := len(r.asks(t, bo.ID)); n != 4 {
			t.Fatalf("%d asks in a quarter, want 4", n)
		}
		// Never: no asks at all. Monthly: not again after 20 days.
		cy := r.person(t, "cy@example.com", "")
		if err := r.svc.SetPrefs(ctx, cy.ID, string(FreqNever), ""); err != nil {
			t.Fatal(err)
		}
		r.event(t, "deploy.completed", "cy@example.com", nil)
		if n := len(r.asks(t, cy.ID)); n != 0 {
			t.Fatalf("never: %d asks", n)
		}
		if err := r.svc.SetPrefs(ctx, cy.ID, string(FreqMonthly), string(ChanPage)); err != nil {
			t.Fatal(err)
		}
		r.event(t, "deploy.completed", "cy@example.com", nil)
		r.clock = r.clock.Add(20 * 24 * time.Hour)
		r.event(t, "deploy.completed", "cy@example.com", nil)
		if n := len(r.asks(t, cy.ID)); n != 1 {
			t.Fatalf("monthly: %d asks in 20 days", n)
		}
		if err := r.svc.SetPrefs(ctx, cy.ID, "hourly", ""); !errors.Is(err, ErrInvalid) {
			t.Fatalf("bad frequency: %v", err)
		}
		// An unanswered quarterly invitation in its last week: no ask.
		di := r.person(t, "di@example.com", "")
		closes := r.clock.Add(3 * 24 * time.Hour)
		db.Exec(`INSERT INTO snapshots (title, state, time_zone, closes_at, created_at, updated_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			"2026 Q4", "open", "UTC", closes, r.clock, r.clock, "test")
		var snapID int64
		db.Raw("SELECT MAX(id) FROM snapshots").Scan(&snapID)
		if err := db.Exec(`INSERT INTO invitations (snapshot_id, person_id, created_at) VALUES (?, ?, ?)`, snapID, di.ID, r.clock).Error; err != nil {
			t.Fatal(err)
		}
		r.event(t, "deploy.completed", "di@example.com", nil)
		if n := len(r.asks(t, di.ID)); n != 0 {
			t.Fatalf("during the survey's last week: %d asks", n)
		}
		db.Exec("UPDATE invitations SET submitted = ? WHERE person_id = ?", true, di.ID)
		r.event(t, "deploy.completed", "di@example.com", nil)
		if n := len(r.asks(t, di.ID)); n != 1 {
			t.Fatalf("after submitting: %d asks", n)
		}
	})
}

func TestSamplingIsDeterministic(t *testing.T) {
	in := 0
	for i := 0; i < 1000; i++ {
		k := "event-" + string(rune('a'+i%26)) + time.Duration(i).String()
		if sampled(k, 7, 20) != sampled(k, 7, 20) {
			t.Fatal("same key, different decision")
		}
		if sampled(k, 7, 20) {
			in++
		}
	}
	if in < 150 || in > 250 {
		t.Fatalf("20%% sampling took %d of 1000", in)
	}
}
