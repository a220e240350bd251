// Package i18n owns the languages people read devpulse in: which languages
// there are, which one a person gets, the message catalogs, and how
// numbers and dates are written in each.
package i18n

import (
	"embed"
	"fmt"
	"io/fs"
	"sync"

	"github.com/BurntSushi/toml"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// Language codes devpulse has a complete catalog for. English is the
// fallback for anything a catalog or an admin's translation lacks.
const (
	English = "en"
	Spanish = "es"
)

// Language is one language people can choose, named in itself.
type Language struct {
	Code string
	Name string
}

// Languages lists the supported languages, English first.
var Languages = []Language{{English, "English"}, {Spanish, "Español"}}

// Supported reports whether code is one of Languages.
func Supported(code string) bool {
	for _, l := range Languages {
		if l.Code == code {
			return true
		}
	}
	return false
}

// The catalogs are locales/LANG.toml plus any number of
// locales/AREA.LANG.toml, one per part of the product, so that people
// translating different parts do not edit one file.
//
//go:embed locales/*.toml
var locales embed.FS

// catalog is built once from the embedded files; it never changes after.
var catalog = sync.OnceValues(loadCatalog)

func loadCatalog() (*goi18n.Bundle, error) {
	b := goi18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	for _, l := range Languages {
		files, err := catalogFiles(l.Code)
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			if _, err := b.LoadMessageFileFS(locales, f); err != nil {
				return nil, fmt.Errorf("i18n: catalog %s: %w", f, err)
			}
		}
	}
	return b, nil
}

// catalogFiles lists a language's catalog files: LANG.toml first, then
// every AREA.LANG.toml.
func catalogFiles(lang string) ([]string, error) {
	areas, err := fs.Glob(locales, "locales/*."+lang+".toml")
	if err != nil {
		return nil, err
	}
	return append([]string{"locales/" + lang + ".toml"}, areas...), nil
}

// matcher picks among the supported languages; English comes first in
// Languages, so it is the answer when nothing matches.
var matcher = language.NewMatcher(tags())

func tags() []language.Tag {
	out := make([]language.Tag, len(Languages))
	for i, l := range Languages {
		out[i] = language.Make(l.Code)
	}
	return out
}

// Match chooses the language for a person: their own setting when it is
// supported, else the best match of the browser's Accept-Language header,
// else English.
func Match(setting, acceptLanguage string) string {
	if Supported(setting) {
		return setting
	}
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(tags) == 0 {
		return English
	}
	_, i, conf := matcher.Match(tags...)
	if conf == language.No {
		return English
	}
	return Languages[i].Code
}

// Localizer writes messages, numbers and dates in one language.
type Localizer struct {
	lang string
	loc  *goi18n.Localizer
}

var localizers = sync.Map{} // lang -> *Localizer; one per language is enough

// For returns the Localizer of a language code; an unsupported code gets
// English.
func For(lang string) *Localizer {
	if !Supported(lang) {
		lang = English
	}
	if l, ok := localizers.Load(lang); ok {
		return l.(*Localizer)
	}
	b, err := catalog()
	if err != nil {
		panic(err) // the catalogs are embedded: TestCatalogsLoad fails first
	}
	l, _ := localizers.LoadOrStore(lang, &Localizer{lang: lang, loc: goi18n.NewLocalizer(b, lang, English)})
	return l.(*Localizer)
}

// Lang is the language code, for <html lang> and stored preferences.
func (l *Localizer) Lang() string { return l.lang }

// T returns the message id in the localizer's language, English when the
// language lacks it. args are name, value pairs for the message's
// placeholders; a "Count" picks the plural form.
func (l *Localizer) T(id string, args ...any) string {
	lc := &goi18n.LocalizeConfig{MessageID: id}
	if len(args) > 0 {
		data := make(map[string]any, len(args)/2)
		for i := 0; i+1 < len(args); i += 2 {
			name := fmt.Sprint(args[i])
			data[name] = args[i+1]
			if name == "Count" {
				lc.PluralCount = args[i+1]
			}
		}
		lc.TemplateData = data
	}
	s, err := l.loc.Localize(lc)
	if err != nil && s == "" {
		return id // a missing key shows itself; TestCatalogComplete keeps them out
	}
	return s
}
