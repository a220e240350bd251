package i18n

import (
	"context"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

func TestCatalogsLoad(t *testing.T) {
	if _, err := catalog(); err != nil {
		t.Fatal(err)
	}
}

// TestCatalogComplete: every message of the English catalog is in every
// other catalog, with the same plural forms, so nobody reads a mix.
func TestCatalogComplete(t *testing.T) {
	en := messages(t, English)
	if len(en) < 50 {
		t.Fatalf("only %d English messages", len(en))
	}
	for _, l := range Languages[1:] {
		other := messages(t, l.Code)
		for id, m := range en {
			o, ok := other[id]
			switch {
			case !ok:
				t.Errorf("%s lacks %q", l.Code, id)
			case (m.One == "") != (o.One == ""):
				t.Errorf("%s: %q has plural forms unlike English", l.Code, id)
			}
		}
		for id := range other {
			if _, ok := en[id]; !ok {
				t.Errorf("%s has %q, which English does not", l.Code, id)
			}
		}
	}
}

// messages reads every catalog file of a language, and fails when two
// files define one message (the later would silently win).
func messages(t *testing.T, lang string) map[string]*goi18n.Message {
	t.Helper()
	b := goi18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	files, err := catalogFiles(lang)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*goi18n.Message{}
	from := map[string]string{}
	for _, name := range files {
		data, err := locales.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := b.ParseMessageFileBytes(data, name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range f.Messages {
			if prev, ok := from[m.ID]; ok {
				t.Errorf("%q is in both %s and %s", m.ID, prev, name)
			}
			out[m.ID], from[m.ID] = m, name
		}
	}
	return out
}

func TestMatch(t *testing.T) {
	for _, tc := range []struct{ setting, accept, want string }{
		{"", "", English},
		{"", "es", Spanish},
		{"", "es-MX,es;q=0.9,en;q=0.8", Spanish},
		{"", "de-DE,de;q=0.9", English},
		{"", "fr, es;q=0.5", Spanish},
		{"", "en-GB,es;q=0.3", English},
		{"", "not a header;;", English},
		{"es", "en-US", Spanish},
		{"en", "es", English},
		{"xx", "es", Spanish},
	} {
		if got := Match(tc.setting, tc.accept); got != tc.want {
			t.Errorf("Match(%q, %q) = %q, want %q", tc.setting, tc.accept, got, tc.want)
		}
	}
}

func TestPluralsAndPlaceholders(t *testing.T) {
	es, en := For(Spanish), For(English)
	for _, tc := range []struct {
		got, want string
	}{
		{en.T("respond.missing.title", "Count", 1), "One question still needs an answer"},
		{en.T("respond.missing.title", "Count", 3), "3 questions still need an answer"},
		{es.T("respond.missing.title", "Count", 1), "Una pregunta aún necesita respuesta"},
		{es.T("respond.missing.title", "Count", 4), "4 preguntas aún necesitan respuesta"},
		{es.T("survey.submit"), "Enviar respuestas"},
		{T(WithLang(context.Background(), Spanish), "survey.next"), "Siguiente sección"},
		{T(context.Background(), "survey.next"), "Next section"},
		{For("de").T("survey.next"), "Next section"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

// TestMissingFallsBackToEnglish: a message Spanish lacks shows in
// English, and an unknown ID shows itself rather than nothing.
func TestMissingFallsBackToEnglish(t *testing.T) {
	b := goi18n.NewBundle(language.English)
	b.MustAddMessages(language.English, &goi18n.Message{ID: "only.en", Other: "Only in English"})
	l := &Localizer{lang: Spanish, loc: goi18n.NewLocalizer(b, Spanish, English)}
	if got := l.T("only.en"); got != "Only in English" {
		t.Errorf("fallback = %q", got)
	}
	if got := l.T("no.such.key"); got != "no.such.key" {
		t.Errorf("unknown key = %q", got)
	}
}

func TestFormatting(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 12, 7, 17, 30, 0, 0, berlin)
	es, en := For(Spanish), For(English)
	for _, tc := range []struct{ got, want string }{
		{en.DateTime(at), "Monday 7 December at 17:30 CET"},
		{es.DateTime(at), "lunes 7 de diciembre a las 17:30 CET"},
		{en.ShortDateTime(at), "Mon 7 Dec, 17:30 CET"},
		{es.ShortDateTime(at), "lun 7 dic, 17:30 CET"},
		{en.Date(at), "7 Dec 2026"},
		{es.Date(at), "7 dic 2026"},
		{en.Number(12345), "12,345"},
		{es.Number(12345), "12.345"},
		{en.Decimal(2.5, 1), "2.5"},
		{es.Decimal(2.5, 1), "2,5"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}
