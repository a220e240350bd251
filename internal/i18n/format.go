package i18n

import (
	"fmt"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// Number writes an integer the way the language groups digits
// (12,345 in English, 12.345 in Spanish).
func (l *Localizer) Number(n int) string {
	return message.NewPrinter(language.Make(l.lang)).Sprint(number.Decimal(n))
}

// Decimal writes a number with at most digits decimals, in the language's
// separators (2.5 in English, 2,5 in Spanish).
func (l *Localizer) Decimal(f float64, digits int) string {
	return message.NewPrinter(language.Make(l.lang)).Sprint(number.Decimal(f, number.MaxFractionDigits(digits)))
}

// names are the words a date is written with, per language; English uses
// Go's own.
type names struct {
	weekdays [7]string
	months   [12]string
}

var dateNames = map[string]names{
	Spanish: {
		weekdays: [7]string{"domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"},
		months: [12]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
			"septiembre", "octubre", "noviembre", "diciembre"},
	},
}

// DateTime writes a moment in full, in t's own location:
// "Monday 2 January at 15:04 CET", "lunes 2 de enero a las 15:04 CET".
func (l *Localizer) DateTime(t time.Time) string {
	n, ok := dateNames[l.lang]
	if !ok {
		return t.Format("Monday 2 January at 15:04 MST")
	}
	return fmt.Sprintf("%s %d de %s a las %s", n.weekdays[t.Weekday()], t.Day(), n.months[t.Month()-1], t.Format("15:04 MST"))
}

// ShortDateTime writes a moment briefly: "Mon 2 Jan, 15:04 CET",
// "lun 2 ene, 15:04 CET".
func (l *Localizer) ShortDateTime(t time.Time) string {
	n, ok := dateNames[l.lang]
	if !ok {
		return t.Format("Mon 2 Jan, 15:04 MST")
	}
	return fmt.Sprintf("%s %d %s, %s", short(n.weekdays[t.Weekday()]), t.Day(), short(n.months[t.Month()-1]), t.Format("15:04 MST"))
}

// Date writes a day: "2 Jan 2026", "2 ene 2026".
func (l *Localizer) Date(t time.Time) string {
	n, ok := dateNames[l.lang]
	if !ok {
		return t.Format("2 Jan 2006")
	}
	return fmt.Sprintf("%d %s %d", t.Day(), short(n.months[t.Month()-1]), t.Year())
}

// Time writes the time of day, the same in both languages (24 hours).
func (l *Localizer) Time(t time.Time) string { return t.Format("15:04") }

// short is a name's first three letters (Spanish abbreviates so).
func short(s string) string {
	r := []rune(s)
	if len(r) <= 3 {
		return s
	}
	return string(r[:3])
}
