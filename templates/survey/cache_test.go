package survey

import (
	"bytes"
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/a-h/templ"

	"github.com/devpulse/devpulse/internal/i18n"
	domain "github.com/devpulse/devpulse/internal/survey"
)

// TestFieldKeyCoversQuestion changes each field of a question in turn (and
// of its options): every change must change the cache key, or a question
// added a field that a kept drawing would ignore.
func TestFieldKeyCoversQuestion(t *testing.T) {
	base := Question{ID: 1, Options: []Option{{Value: "v", Label: "l"}}}
	key := fieldKey("en", base)
	if fieldKey("es", base) == key {
		t.Error("the language does not change the key")
	}
	typ := reflect.TypeOf(base)
	for i := 0; i < typ.NumField(); i++ {
		q := base
		q.Options = append([]Option(nil), base.Options...)
		f := reflect.ValueOf(&q).Elem().Field(i)
		switch f.Kind() {
		case reflect.String:
			f.SetString(f.String() + "x")
		case reflect.Int, reflect.Int64:
			f.SetInt(f.Int() + 2)
		case reflect.Bool:
			f.SetBool(!f.Bool())
		case reflect.Slice:
			if typ.Field(i).Name == "Options" {
				for j := 0; j < reflect.TypeOf(Option{}).NumField(); j++ {
					o := append([]Option(nil), base.Options...)
					v := reflect.ValueOf(&o[0]).Elem().Field(j)
					v.SetString(v.String() + "x")
					q.Options = o
					if fieldKey("en", q) == key {
						t.Errorf("Option.%s does not change the key", reflect.TypeOf(Option{}).Field(j).Name)
					}
				}
				continue
			}
			f.Set(reflect.ValueOf([]string{"x"}))
		default:
			t.Fatalf("Question.%s: a %s; teach fieldKey and this test about it", typ.Field(i).Name, f.Kind())
		}
		if fieldKey("en", q) == key {
			t.Errorf("Question.%s does not change the key", typ.Field(i).Name)
		}
	}
	// Lengths are written with the strings: moving text from one field to
	// the next is a different question.
	if fieldKey("en", Question{Prompt: "ab", Help: "c"}) == fieldKey("en", Question{Prompt: "a", Help: "bc"}) {
		t.Error("prompt and help run together in the key")
	}
}

// A kept question is drawn exactly as afresh, in each language; an answered
// one or one with an error is never taken from the cache.
func TestFieldFromCache(t *testing.T) {
	q := FromQuestion(domain.Question{ID: 9, Kind: domain.KindRating, Prompt: "Builds are fast."}, nil)
	for _, lang := range []string{"en", "es"} {
		ctx := i18n.WithLang(context.Background(), lang)
		fresh := draw(t, ctx, QuestionField(q))
		for i := 0; i < 2; i++ {
			if got := draw(t, ctx, field(q)); got != fresh {
				t.Fatalf("%s, drawing %d: kept question differs:\n%s\nwant\n%s", lang, i, got, fresh)
			}
		}
	}
	en := draw(t, i18n.WithLang(context.Background(), "en"), field(q))
	es := draw(t, i18n.WithLang(context.Background(), "es"), field(q))
	if en == es {
		t.Fatal("English and Spanish draw the same")
	}

	answered := q
	answered.Values = []string{"4"}
	got := draw(t, context.Background(), field(answered))
	if !strings.Contains(got, `value="4" checked`) {
		t.Errorf("the answer is not shown:\n%s", got)
	}
	wrong := q
	wrong.Error = "Choose one of the answers on the scale."
	if got := draw(t, context.Background(), field(wrong)); !strings.Contains(got, wrong.Error) {
		t.Errorf("the error is not shown:\n%s", got)
	}
	// Then the blank question still draws blank.
	if got := draw(t, context.Background(), field(q)); strings.Contains(got, "checked") || strings.Contains(got, wrong.Error) {
		t.Errorf("an answer or error leaked into the kept question:\n%s", got)
	}
}

func draw(t *testing.T, ctx context.Context, c templ.Component) string {
	t.Helper()
	var buf bytes.Buffer
	if err := c.Render(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}
