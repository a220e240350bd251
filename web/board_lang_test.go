package web

import (
	"context"
	"encoding/json"
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
	"github.com/devpulse/devpulse/internal/testdb"
)

// spanishDate is a day as Spanish pages write it: "7 dic 2026".
var spanishDate = regexp.MustCompile(`\b\d{1,2} (ene|feb|mar|abr|may|jun|jul|ago|sep|oct|nov|dic) \d{4}\b`)

// inSpanish sends a request as a persona whose browser asks for Spanish;
// a non-nil form is posted.
func (f *fixture) inSpanish(t *testing.T, s *Server, method, path string, who persona, form url.Values) *httptest.ResponseRecorder {
	t.Helper()
	var req *http.Request
	if form != nil {
		req = httptest.NewRequest(method, path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	} else {
		req = httptest.NewRequest(method, path, nil)
	}
	req.Header.Set("Accept-Language", "es-ES,es;q=0.9,en;q=0.5")
	token, err := auth.NewSessions(f.db).Create(context.Background(), f.people[who])
	if err != nil {
		t.Fatal(err)
	}
	req.AddCookie(&http.Cookie{Name: sessionCookie, Value: token})
	req.AddCookie(&http.Cookie{Name: "devpulse_csrf", Value: sessionCSRFToken(token)})
	req.Header.Set("X-CSRF-Token", sessionCSRFToken(token))
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	return rec
}

// A person reading in Spanish (their browser's choice, or their own
// setting) finds the feedback board, the replies to survey comments and
// their own comments in Spanish; the API keeps its machine values.
func TestBoardInSpanish(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		s := newTestServer(t, db, "http://localhost")
		f, comment := replyWorld(t, db)
		boardInSpanish(t, s, f)
		repliesInSpanish(t, s, f, comment)
		actionsInSpanish(t, s, f)
		homeInSpanish(t, s, f)
	})
}

// boardInSpanish: the list with its filters and status names, an item
// with its dates, the post form with its messages, the admin's tool list.
func boardInSpanish(t *testing.T, s *Server, f *fixture) {
	tool := f.boardTool(t, s)
	rec := f.inSpanish(t, s, http.MethodPost, "/feedback", respondent, form("title", " ", "tool", fmt.Sprint(tool.ID)))
	if msg, _ := testID(rec.Body.String(), "error-title"); rec.Code != http.StatusUnprocessableEntity || msg != "Ponle un título a tu propuesta." {
		t.Errorf("empty title: %d %q", rec.Code, msg)
	}
	spanishPage(t, rec.Body.String(), []string{"Publicar una propuesta", "Herramienta o flujo", "Publicar de forma anónima"},
		[]string{"Give your feedback a title", "Post anonymously", "Tool or flow"})

	rec = f.inSpanish(t, s, http.MethodPost, "/feedback", respondent, form("title", "Builds are slow", "tool", fmt.Sprint(tool.ID), "anonymous", "1"))
	item := rec.Header().Get("Location")
	if page := f.followFlash(t, s, rec, respondent); !strings.Contains(page, "Publicada. Ahora los demás pueden votarla.") {
		t.Error("the flash after posting is not Spanish")
	}
	f.inSpanish(t, s, http.MethodPost, item+"/status", leadA, form("status", "wont_do", "reason", "The new runner replaces it."))

	text := spanishPage(t, f.inSpanish(t, s, http.MethodGet, "/feedback", leadA, nil).Body.String(),
		[]string{"Tablero de propuestas", "Cualquier herramienta", "Más votadas", "de una persona de ingeniería",
			"Nueva", "En revisión", "Planificada", "En curso", "Hecha", "No se hará"},
		[]string{"Feedback board", "Any tool", "Most votes", "an engineer", "Under review", "Won't do", "In progress"})
	if !spanishDate.MatchString(text) {
		t.Errorf("list: no Spanish date in\n%s", text)
	}
	text = spanishPage(t, f.inSpanish(t, s, http.MethodGet, item, leadA, nil).Body.String(),
		[]string{"publicada por una persona de ingeniería", "A mí también", "0 votos", "Lo que dijeron los responsables",
			"Responder como responsable", "Fijar el estado", "Añadir un comentario", "Fusionar un duplicado"},
		[]string{"posted by", "Me too", "votes", "What the owners said", "Set status", "Add a comment", "Won't do"})
	if !spanishDate.MatchString(text) {
		t.Errorf("item: no Spanish date in\n%s", text)
	}
	rec = f.inSpanish(t, s, http.MethodPost, item+"/status", leadA, form("status", "done", "reason", ""))
	if msg, _ := testID(rec.Body.String(), "error-reason"); !strings.Contains(msg, "«Hecha» necesita un motivo") {
		t.Errorf("no reason: %d %q", rec.Code, msg)
	}
	spanishPage(t, f.inSpanish(t, s, http.MethodGet, "/admin/tools", admin, nil).Body.String(),
		[]string{"Herramientas del tablero de propuestas", "Equipo responsable", "Añadir una herramienta", "Reacciones visibles", "Me encanta"},
		[]string{"Owning team", "Add a tool", "Reactions shown", "Love it"})

	// The API keeps its machine values whatever the language.
	req := httptest.NewRequest(http.MethodGet, "/api/v1/feedback", nil)
	req.Header.Set("Authorization", "Bearer "+apiReader(t, f.db))
	req.Header.Set("Accept-Language", "es")
	api := serve(s, req)
	var list struct{ Feedback []map[string]any }
	if err := json.Unmarshal(api.Body.Bytes(), &list); err != nil || len(list.Feedback) != 1 {
		t.Fatalf("api: %d %s", api.Code, api.Body)
	}
	if got := list.Feedback[0]; got["status"] != "wont_do" || got["author"] != "an engineer" {
		t.Errorf("api item = %v", got)
	}
}

// repliesInSpanish: the reply page with its message, and the author's
// own comments, read in Spanish because the author chose it (no
// Accept-Language on that request).
func repliesInSpanish(t *testing.T, s *Server, f *fixture, comment int64) {
	thread := fmt.Sprintf("/comments/%d", comment)
	rec := f.inSpanish(t, s, http.MethodPost, thread+"/replies", leadA, form("body", " "))
	if msg, _ := testID(rec.Body.String(), "error-body"); rec.Code != http.StatusUnprocessableEntity || msg != "Escribe una respuesta antes de enviarla." {
		t.Errorf("empty reply: %d %q", rec.Code, msg)
	}
	f.inSpanish(t, s, http.MethodPost, thread+"/replies", leadA, form("body", "Which repositories?"))
	text := spanishPage(t, f.inSpanish(t, s, http.MethodGet, thread, leadA, nil).Body.String(),
		[]string{"Responder a un comentario", "Tu respuesta", "Enviar respuesta", "Which repositories?"},
		[]string{"Reply to a comment", "Your reply", "Send reply", "No replies yet"})
	if !spanishDate.MatchString(text) {
		t.Errorf("reply page: no Spanish date in\n%s", text)
	}

	if err := directory.NewStore(f.db).SetLanguage(context.Background(), f.people[respondent], "es"); err != nil {
		t.Fatal(err)
	}
	spanishPage(t, f.formRequest(t, s, http.MethodGet, "/me/comments", respondent, nil).Body.String(),
		[]string{"Tus comentarios", "Contestar, sin tu nombre", "Borrar el comentario", anonymousComment},
		[]string{"Your comments", "Answer, without your name", "Delete comment"})
}

// actionsInSpanish: the new-action form with its messages, the list with
// its filters and an action's page with its update line.
func actionsInSpanish(t *testing.T, s *Server, f *fixture) {
	bad := url.Values{"team_id": {fmt.Sprint(f.teamA.ID)}, "status": {"wont_do"}, "target_date": {"soon"}}
	rec := f.inSpanish(t, s, http.MethodPost, "/actions", leadA, bad)
	if msg, _ := testID(rec.Body.String(), "error-target_date"); rec.Code != http.StatusUnprocessableEntity || !strings.HasPrefix(msg, "Escribe la fecha objetivo") {
		t.Errorf("bad action: %d %q", rec.Code, msg)
	}
	spanishPage(t, rec.Body.String(), []string{"Nueva acción: Eng/A", "Correo de la persona responsable", "Factores que aborda", "Añadir la acción"},
		[]string{"Owner's email", "Drivers it addresses", "Add action", "Say why"})

	rec = f.inSpanish(t, s, http.MethodPost, "/actions", leadA, newActionForm(f.teamA.ID, "Cache the module downloads", "k-es"))
	action := rec.Header().Get("Location")
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("create: %d %s", rec.Code, rec.Body)
	}
	f.inSpanish(t, s, http.MethodPost, action+"/updates", leadA, form("body", "Runners first.", "status", "in_progress", "key", "u-es"))
	spanishPage(t, f.inSpanish(t, s, http.MethodGet, "/actions", leadA, nil).Body.String(),
		[]string{"Acciones", "Qué se está haciendo", "Filtrar", "Todos", "Planificada", "En curso", "No se hará",
			"responsable: lead of A", "para el 31 mar 2027", "pasa a En curso"},
		[]string{"What is being done", "Filter", "owner lead of A", "by 2027-03-31", "moved to"})
	spanishPage(t, f.inSpanish(t, s, http.MethodGet, action, leadA, nil).Body.String(),
		[]string{"Fecha objetivo", "31 mar 2027", "Novedades", "Runners first.", "Añadir la novedad", "Mantener el estado"},
		[]string{"Target date", "Updates", "Add update", "Keep the status", "moved to"})
}

// homeInSpanish: the landing page, the home page's cards and comments
// panel, and the admin index.
func homeInSpanish(t *testing.T, s *Server, f *fixture) {
	spanishPage(t, getLang(t, s, "/", "es").Body.String(),
		[]string{"Descubre dónde sufren tus desarrolladores", "Responsables de equipo", "Iniciar sesión"},
		[]string{"Know where your developers hurt", "Team leads", "Sign in"})
	spanishPage(t, f.inSpanish(t, s, http.MethodGet, "/", admin, nil).Body.String(),
		[]string{"Tus equipos", "Dirigir el programa", "Encuestas"},
		[]string{"Your teams", "Run the programme", "Survey snapshots"})
	spanishPage(t, f.inSpanish(t, s, http.MethodGet, "/", respondent, nil).Body.String(),
		[]string{"Respuestas a tus comentarios", "respondió: Which repositories?", "Leer la conversación y contestar", "Tus comentarios (1)"},
		[]string{"Replies to your comments", "Read the thread", "Your comments"})
	spanishPage(t, f.inSpanish(t, s, http.MethodGet, "/admin", admin, nil).Body.String(),
		[]string{"Personas", "Tablero de propuestas", "Registro de auditoría"},
		[]string{"People", "Feedback board", "Audit log"})
}
