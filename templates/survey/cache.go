package survey

import (
	"bytes"
	"context"
	"io"
	"strconv"
	"strings"

	"github.com/a-h/templ"
	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/devpulse/devpulse/internal/i18n"
)

// Every respondent of a snapshot sees the same questions, and drawing
// them was most of a survey page's rendering. A question nobody has
// answered or marked wrong is drawn once per language and kept, by
// everything it is drawn from (fieldKey): a translation or driver name
// changed while the snapshot is open gives a new key, so it shows at once
// and no cache needs clearing. Answered questions and questions with an
// error are drawn afresh, so no answer is ever kept here.

// fields keeps at most 2048 questions (about 1 KiB each), the least
// recently drawn leaving first: edits in a draft's preview make new keys
// that are soon not worth keeping.
var fields = newFieldCache()

func newFieldCache() *lru.Cache[string, []byte] {
	c, err := lru.New[string, []byte](2048)
	if err != nil {
		panic(err) // only for a size under 1
	}
	return c
}

// field draws q, from the cache when it holds no answer and no error.
func field(q Question) templ.Component {
	if len(q.Values) > 0 || len(q.Alloc) > 0 || q.Error != "" {
		return QuestionField(q)
	}
	return templ.ComponentFunc(func(ctx context.Context, w io.Writer) error {
		key := fieldKey(i18n.Lang(ctx), q)
		html, ok := fields.Get(key)
		if !ok {
			var buf bytes.Buffer
			if err := QuestionField(q).Render(ctx, &buf); err != nil {
				return err
			}
			html = buf.Bytes()
			fields.Add(key, html)
		}
		_, err := w.Write(html)
		return err
	})
}

// fieldKey is everything QuestionField draws an unanswered question from:
// the language and every field of q (TestFieldKeyCoversQuestion checks
// that a change to any field changes the key). Strings are written with
// their length, so no two questions share a key.
func fieldKey(lang string, q Question) string {
	var b strings.Builder
	b.Grow(256 + len(q.Prompt) + len(q.Help))
	str := func(s string) {
		b.WriteString(strconv.Itoa(len(s)))
		b.WriteByte(':')
		b.WriteString(s)
	}
	num := func(n int64) {
		b.WriteString(strconv.FormatInt(n, 10))
		b.WriteByte(';')
	}
	flag := func(f bool) {
		if f {
			b.WriteByte('1')
		} else {
			b.WriteByte('0')
		}
	}
	list := func(ss []string) {
		num(int64(len(ss)))
		for _, s := range ss {
			str(s)
		}
	}
	str(lang)
	num(q.ID)
	str(q.Kind)
	str(string(q.Widget))
	str(q.Prompt)
	str(q.Help)
	flag(q.Required)
	list(q.Roles)
	num(int64(len(q.Options)))
	for _, o := range q.Options {
		str(o.Value)
		str(o.Label)
	}
	flag(q.NotApplicable)
	str(q.Low)
	str(q.High)
	flag(q.Multiple)
	list(q.Categories)
	str(q.Min)
	str(q.Max)
	str(q.Unit)
	num(int64(q.MaxLength))
	num(int64(q.MaxPicks))
	list(q.Values)
	list(q.Alloc)
	str(q.Error)
	return b.String()
}
