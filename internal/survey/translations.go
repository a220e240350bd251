package survey

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/devpulse/devpulse/internal/i18n"

	"github.com/devpulse/devpulse/internal/input"
)

// Kinds of object an admin can translate, and their fields.
const (
	TrDriver   = "driver"   // fields: name, statement
	TrQuestion = "question" // fields: prompt, help, options
	TrSection  = "section"  // field: title
)

// Translation is one field of one object in one language other than
// English; English is the object's own text.
type Translation struct {
	ID        int64
	Kind      string
	ObjectID  int64
	Field     string
	Lang      string
	Text      string
	UpdatedAt time.Time
}

// TableName names the translations table.
func (Translation) TableName() string { return "translations" }

type textKey struct {
	kind  string
	id    int64
	field string
}

// Texts are one language's translations of some objects. The zero value
// has none, so every lookup gives the English text.
type Texts map[textKey]string

// Get returns the translation of an object's field, or english when there
// is none.
func (t Texts) Get(kind string, id int64, field, english string) string {
	if s := t[textKey{kind, id, field}]; s != "" {
		return s
	}
	return english
}

// Lines returns a field that holds one item per line (a question's
// options), or english when there is no translation with as many items:
// a list that no longer lines up with the English one would mislabel.
func (t Texts) Lines(kind string, id int64, field string, english []string) []string {
	lines := strings.Split(t[textKey{kind, id, field}], "\n")
	if len(lines) != len(english) {
		return english
	}
	return lines
}

// Translations loads the translations into lang of objects of one kind.
// English, or no objects, needs no query.
func (s *Store) Translations(ctx context.Context, lang, kind string, ids []int64) (Texts, error) {
	out := Texts{}
	if lang == i18n.English || len(ids) == 0 {
		return out, nil
	}
	var rows []Translation
	err := s.db.WithContext(ctx).Where("lang = ? AND kind = ? AND object_id IN ?", lang, kind, ids).Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("survey: %s translations: %w", kind, err)
	}
	for _, r := range rows {
		out[textKey{r.Kind, r.ObjectID, r.Field}] = r.Text
	}
	return out, nil
}

// SetTranslations stores an object's fields in lang; an empty text removes
// that field's translation, so the English shows again.
func (s *Store) SetTranslations(ctx context.Context, kind string, id int64, lang string, fields map[string]string) error {
	if !i18n.Supported(lang) || lang == i18n.English {
		return Problems{"lang": input.M("admin.invalid.lang")}
	}
	return s.tx(ctx, func(tx *gorm.DB) error { return setTranslations(tx, kind, id, lang, fields, s.now()) })
}

func setTranslations(tx *gorm.DB, kind string, id int64, lang string, fields map[string]string, now time.Time) error {
	for field, text := range fields {
		text = strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n"))
		where := tx.Where("kind = ? AND object_id = ? AND field = ? AND lang = ?", kind, id, field, lang)
		if text == "" {
			if err := where.Delete(&Translation{}).Error; err != nil {
				return fmt.Errorf("survey: remove %s %d %s: %w", kind, id, field, err)
			}
			continue
		}
		row := Translation{Kind: kind, ObjectID: id, Field: field, Lang: lang, Text: text, UpdatedAt: now}
		err := tx.Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "kind"}, {Name: "object_id"}, {Name: "field"}, {Name: "lang"}},
			DoUpdates: clause.AssignmentColumns([]string{"text", "updated_at"}),
		}).Create(&row).Error
		if err != nil {
			return fmt.Errorf("survey: translate %s %d %s: %w", kind, id, field, err)
		}
	}
	return nil
}

// copyTranslations gives a copied object the translations of its original.
func copyTranslations(tx *gorm.DB, kind string, from, to int64) error {
	err := tx.Exec(`INSERT INTO translations (kind, object_id, field, lang, text, updated_at)
		SELECT kind, ?, field, lang, text, updated_at FROM translations WHERE kind = ? AND object_id = ?`, to, kind, from).Error
	if err != nil {
		return fmt.Errorf("survey: copy %s %d translations: %w", kind, from, err)
	}
	return nil
}
