package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testdb"
)

func TestDriverLibrary(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		a := newAdminClient(t, db)
		ctx := context.Background()

		rec := a.get("/admin/drivers")
		expect(t, rec, http.StatusOK)
		if n := strings.Count(rec.Body.String(), `data-testid="driver-row"`); n != 15 {
			t.Fatalf("%d drivers listed, want the 15 defaults", n)
		}

		// Bad input: each message next to its field, nothing lost.
		rec = a.post("/admin/drivers", url.Values{"key": {"Release Confidence"}, "name": {"Release confidence"}, "category": {""}, "statement": {"I trust releases."}})
		expect(t, rec, http.StatusUnprocessableEntity)
		body := rec.Body.String()
		if testText(body, "error-key") == "" || testText(body, "error-category") == "" || testText(body, "error-name") != "" {
			t.Errorf("field errors: key %q category %q name %q", testText(body, "error-key"), testText(body, "error-category"), testText(body, "error-name"))
		}
		if inputValue(body, "driver-name") != "Release confidence" || !strings.Contains(body, "I trust releases.</textarea>") {
			t.Errorf("the form lost what was entered")
		}

		// A good driver is stored and shown with a message.
		form := url.Values{"key": {"release_confidence"}, "name": {"Release confidence"}, "category": {"Outer loop"}, "statement": {"I trust releases."}}
		rec = a.post("/admin/drivers", form)
		expect(t, rec, http.StatusSeeOther)
		ds, _ := survey.NewStore(db, nil).Drivers(ctx, false)
		added := ds[len(ds)-1]
		if added.Key != "release_confidence" || rec.Header().Get("Location") != fmt.Sprintf("/admin/drivers#driver-%d", added.ID) {
			t.Fatalf("stored %+v, location %q", added, rec.Header().Get("Location"))
		}
		if got := testText(a.get("/admin/drivers").Body.String(), "flash"); !strings.Contains(got, "added") {
			t.Errorf("flash %q", got)
		}

		// The key is unique.
		rec = a.post("/admin/drivers", form)
		expect(t, rec, http.StatusUnprocessableEntity)
		if !strings.Contains(testText(rec.Body.String(), "error-key"), "already has this key") {
			t.Errorf("duplicate key message %q", testText(rec.Body.String(), "error-key"))
		}

		path := fmt.Sprintf("/admin/drivers/%d", added.ID)
		checkDriverEdit(t, a, db, path, added.ID)

		// Retire and restore.
		expect(t, a.post(path+"/retire", nil), http.StatusSeeOther)
		body = a.get("/admin/drivers").Body.String()
		retired := body[strings.Index(body, `data-testid="drivers-retired"`):]
		if !strings.Contains(retired, `data-key="release_confidence"`) {
			t.Errorf("retired driver not listed as retired")
		}
		expect(t, a.post(path+"/restore", nil), http.StatusSeeOther)
		if d, _ := survey.NewStore(db, nil).Driver(ctx, added.ID); d.Retired() {
			t.Errorf("driver still retired")
		}
		var actions []string
		db.Model(&audit.Event{}).Where("action LIKE 'driver.%'").Order("id").Pluck("action", &actions)
		if strings.Join(actions, ",") != "driver.create,driver.update,driver.retire,driver.restore" {
			t.Errorf("audit %v", actions)
		}

		expect(t, a.get("/admin/drivers/99999"), http.StatusNotFound)
		expect(t, a.post("/admin/drivers/99999/retire", nil), http.StatusNotFound)
	})
}

// checkDriverEdit edits a driver's wording: the page says snapshots keep
// theirs, a bad edit keeps what was entered, and the key never changes.
func checkDriverEdit(t *testing.T, a *adminClient, db *gorm.DB, path string, id int64) {
	t.Helper()
	ctx := context.Background()
	// Editing the wording: the page says snapshots keep theirs.
	rec := a.get(path)
	expect(t, rec, http.StatusOK)
	if !strings.Contains(rec.Body.String(), `data-testid="driver-wording-note"`) || testText(rec.Body.String(), "driver-key") != "release_confidence" {
		t.Errorf("edit page lacks the key or the wording note")
	}
	rec = a.post(path, url.Values{"name": {"Release trust"}, "category": {"Outer loop"}, "statement": {""}})
	expect(t, rec, http.StatusUnprocessableEntity)
	if testText(rec.Body.String(), "error-statement") == "" || inputValue(rec.Body.String(), "driver-name") != "Release trust" {
		t.Errorf("bad edit: statement error %q, name %q", testText(rec.Body.String(), "error-statement"), inputValue(rec.Body.String(), "driver-name"))
	}
	expect(t, a.post(path, url.Values{"key": {"hijack"}, "name": {"Release trust"}, "category": {"Outer loop"}, "statement": {"Releases are calm."}}), http.StatusSeeOther)
	d, _ := survey.NewStore(db, nil).Driver(ctx, id)
	if d.Key != "release_confidence" || d.Name != "Release trust" || d.Statement != "Releases are calm." {
		t.Errorf("after edit: %+v", d)
	}
}
