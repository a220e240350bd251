package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/testdb"
	adminview "github.com/devpulse/devpulse/templates/admin"
)

// An admin whose language setting is Spanish reads the directory and
// programme pages in Spanish: words, validation messages, a bad CSV
// file's problems by line, dates and numbers.
func TestDirectoryPagesInSpanish(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s := newTestServer(t, db, "http://localhost")
		f := newFixture(t, db)
		if err := directory.NewStore(db).SetLanguage(context.Background(), f.people[admin], i18n.Spanish); err != nil {
			t.Fatal(err)
		}
		// A token, so the tokens page has dates and the audit log an entry.
		created := tokensRequest(t, s, f, admin, http.MethodPost, "/admin/tokens", url.Values{"name": {"Panel de BI"}, "scope": {auth.ScopeResultsRead}})
		if created.Code != http.StatusOK || !strings.Contains(pageText(created.Body.String()), "Cópialo ahora") {
			t.Fatalf("create token: %d", created.Code)
		}
		pages := map[string]struct{ want, english []string }{
			"/admin/people": {[]string{"Personas", "Equipo", "Rol concedido", "administrador"},
				[]string{"All teams", "Role granted", "No one matches"}},
			"/admin/teams": {[]string{"Equipos", "Añadir un equipo", "Ruta del equipo", "Árbol de equipos"},
				[]string{"Add a team", "Team tree"}},
			"/admin/roster": {[]string{"Importar plantilla", "Formato del fichero", "Nombre completo.", "obligatoria"},
				[]string{"Roster import", "File format", "Full name."}},
			"/admin/tokens": {[]string{"Tokens de la API", "Nuevo token", "Panel de BI", "nunca", "activo", "leer el árbol de equipos"},
				[]string{"API tokens", "New token", "Create token", "Last used"}},
			"/admin/audit": {[]string{"Registro de auditoría", "Token de la API creado", "1 entrada", "Todas las acciones"},
				[]string{"Audit log", "All actions", "1 entry"}},
			"/admin/invitations": {[]string{"Invitaciones", "todavía no se ha abierto ninguna"},
				[]string{"Invitations go out", "none has opened"}},
			"/admin/benchmarks": {[]string{"Referencias", "Aún no hay referencias", "Subir referencias", "Percentil 25"},
				[]string{"Upload benchmarks", "No benchmarks yet", "File format"}},
			"/admin/metrics": {[]string{"Métricas de sistemas", "Importar métricas semanales", "Comprobar y ver"},
				[]string{"Import weekly metrics", "Check and preview", "File format"}},
			"/admin/metrics/links": {[]string{"Métricas vinculadas a factores", "Vincular una métrica", "Más bajo es mejor"},
				[]string{"Link a metric", "Lower is better", "Metric name"}},
		}
		for path, page := range pages {
			rec := f.request(t, s, http.MethodGet, path, admin)
			if rec.Code != http.StatusOK {
				t.Fatalf("GET %s: %d", path, rec.Code)
			}
			spanishPage(t, rec.Body.String(), page.want, page.english)
		}
		tokens := pageText(f.request(t, s, http.MethodGet, "/admin/tokens", admin).Body.String())
		if !spanishDate.MatchString(tokens) {
			t.Errorf("the tokens page has no date in Spanish:\n%s", tokens)
		}
		audit := pageText(f.request(t, s, http.MethodGet, "/admin/audit", admin).Body.String())
		if !spanishDate.MatchString(audit) {
			t.Errorf("the audit log has no date in Spanish:\n%s", audit)
		}
		checkSpanishPerson(t, s, f)
		checkSpanishRoster(t, s, f)
		checkSpanishBenchmarks(t, s, f)
		checkSpanishNumbers(t)
		checkAcceptLanguage(t, s, f)
	})
}

// checkSpanishPerson saves a person with an empty name: the form comes
// back with the message in Spanish.
func checkSpanishPerson(t *testing.T, s *Server, f *fixture) {
	t.Helper()
	path := fmt.Sprintf("/admin/people/%d", f.people[respondent])
	page := f.request(t, s, http.MethodGet, path, admin).Body.String()
	spanishPage(t, page, []string{"Datos", "Guardar cambios", "Conceder un rol", "Activa: puede iniciar sesión"},
		[]string{"Save changes", "Grant a role", "Work arrangement"})
	rec := tokensRequest(t, s, f, admin, http.MethodPost, path, url.Values{"name": {""}, "email": {"respondent@example.com"}})
	if rec.Code != http.StatusUnprocessableEntity {
		t.Fatalf("empty name: %d", rec.Code)
	}
	spanishPage(t, rec.Body.String(), []string{"Escribe un nombre.", "No se ha guardado nada: corrige los campos marcados abajo."},
		[]string{"Enter a name.", "Nothing was saved"})
}

// checkSpanishRoster uploads a roster with bad lines: every problem is
// listed in Spanish with its line number.
func checkSpanishRoster(t *testing.T, s *Server, f *fixture) {
	t.Helper()
	bad := "email,name,team\nnot-an-email,A,Eng\nb@example.com,,Eng\n"
	rec := f.post(t, s, "/admin/roster/preview", admin, map[string]string{"file": bad})
	if rec.Code != http.StatusUnprocessableEntity {
		t.Fatalf("bad roster: %d", rec.Code)
	}
	body := rec.Body.String()
	spanishPage(t, body, []string{"Hay 2 problemas en 2 líneas", `correo no válido "not-an-email"`, "falta un valor obligatorio: name",
		"No se ha cambiado nada", "Línea", "Problema"},
		[]string{"bad email", "missing required value", "Nothing was changed", "There are"})
	lines := regexp.MustCompile(`data-testid="roster-error-line">(\d+)<`).FindAllStringSubmatch(body, -1)
	if len(lines) != 2 || lines[0][1] != "2" || lines[1][1] != "3" {
		t.Errorf("problem lines %v, want 2 and 3", lines)
	}
}

// checkSpanishBenchmarks uploads a benchmark file with bad lines: its
// problems in Spanish, by line.
func checkSpanishBenchmarks(t *testing.T, s *Server, f *fixture) {
	t.Helper()
	rec := f.post(t, s, "/admin/benchmarks/preview", admin, map[string]string{"file": badBenchmarks})
	if rec.Code != http.StatusUnprocessableEntity {
		t.Fatalf("bad benchmarks: %d", rec.Code)
	}
	body := rec.Body.String()
	spanishPage(t, body, []string{"Hay 2 problemas en 2 líneas", `clave de factor desconocida "ci_speed"`, "p50 (35) es menor que p25 (40)",
		"Corrige el fichero aquí", "Comprobar de nuevo"},
		[]string{"unknown driver key", "is below", "Fix the file here", "Check again"})
	var lines []string
	for _, m := range benchmarkLineRe.FindAllStringSubmatch(body, -1) {
		lines = append(lines, m[1])
	}
	if strings.Join(lines, ",") != "3,5" {
		t.Errorf("problem lines %v, want 3,5", lines)
	}
}

// checkSpanishNumbers: a count is written with Spanish digit grouping.
func checkSpanishNumbers(t *testing.T) {
	t.Helper()
	ctx := i18n.WithLang(context.Background(), i18n.Spanish)
	view := adminview.PeopleView{Total: 12345, Page: 3, Pages: 247, Rows: make([]adminview.PersonRow, 50)}
	var buf bytes.Buffer
	if err := adminview.PeopleResults(view).Render(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	text := pageText(buf.String())
	for _, want := range []string{"12.345 personas", "se muestran 101–150 de 12.345", "Siguiente"} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in %s", want, text)
		}
	}
}

// checkAcceptLanguage: an admin with no language setting whose browser
// asks for Spanish gets the people page in Spanish too.
func checkAcceptLanguage(t *testing.T, s *Server, f *fixture) {
	t.Helper()
	ctx := context.Background()
	if err := directory.NewStore(f.db).SetLanguage(ctx, f.people[admin], ""); err != nil {
		t.Fatal(err)
	}
	token, err := auth.NewSessions(f.db).Create(ctx, f.people[admin])
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodGet, "/admin/people", nil)
	req.Header.Set("Accept-Language", "es-ES,es;q=0.9")
	req.AddCookie(&http.Cookie{Name: sessionCookie, Value: token})
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	spanishPage(t, rec.Body.String(), []string{"Personas", "Rol concedido"},
		[]string{"All teams"})
	if en := f.request(t, s, http.MethodGet, "/admin/people", admin).Body.String(); !strings.Contains(pageText(en), "All teams") {
		t.Error("without a setting or Accept-Language the page is not English")
	}
}
