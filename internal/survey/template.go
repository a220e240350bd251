package survey

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/i18n"
)

// TimeCategories are the template's time allocation categories.
var TimeCategories = []string{"New features", "Bugs and maintenance", "Incidents and on-call", "Toil and manual work", "Meetings and coordination", "Other"}

func ptr[T any](v T) *T { return &v }

// fillFromTemplate adds the default template to an empty snapshot: a rating
// of every active driver, priorities, time allocation, AI usage and hours
// saved, overall satisfaction, and free text.
func (s *Store) fillFromTemplate(ctx context.Context, tx *gorm.DB, snapID int64) error {
	var drivers []Driver
	if err := tx.Where("retired_at IS NULL").Order("position, name").Find(&drivers).Error; err != nil {
		return fmt.Errorf("survey: template drivers: %w", err)
	}
	var ratings []Question
	for _, d := range drivers {
		ratings = append(ratings, Question{Kind: KindRating, Key: d.Key, Prompt: d.Statement, DriverID: ptr(d.ID), Required: true})
	}
	sections := []struct {
		title, es string
		questions []Question
	}{
		{"Your developer experience", "Tu experiencia como desarrollador", ratings},
		{"What to improve first", "Qué mejorar primero", []Question{{
			Kind: KindPriority, Key: KeyPriorities, Required: true,
			Prompt: "Which of these would you most like to see improved? Pick up to three.",
		}}},
		{"Where your time goes", "En qué se va tu tiempo", []Question{{
			Kind: KindAllocation, Key: KeyAllocation, Required: true,
			Prompt: "In a typical week, roughly what share of your working time goes to each of these?",
			Help:   "Percentages must add up to 100.", Config: Config{Categories: TimeCategories},
		}}},
		{"AI coding assistants", "Asistentes de programación con IA", []Question{
			{Kind: KindFrequency, Key: KeyAIFrequency, Required: true, Prompt: "How often do you use an AI coding assistant in your work?"},
			{Kind: KindNumber, Key: KeyAIHoursSaved, Prompt: "About how many hours a week does an AI assistant save you?",
				Help: "Your best estimate; 0 if none.", Config: Config{Min: ptr(0.0), Max: ptr(40.0), Unit: "hours per week"}},
		}},
		{"Overall", "En general", []Question{
			{Kind: KindRating, Key: KeyOverall, Required: true, Prompt: "Overall, I am satisfied with my experience as a developer here."},
			{Kind: KindText, Key: KeyComments, Prompt: "Is there anything else you want the platform team or your lead to know?",
				Help:   "Your comment is shown only to groups of the minimum size, without your name unless you agree below.",
				Config: Config{MaxLength: DefaultTextLength}},
		}},
	}
	now := s.now()
	for i, sec := range sections {
		row := Section{SnapshotID: snapID, Title: sec.title, Position: i + 1}
		if err := tx.Create(&row).Error; err != nil {
			return fmt.Errorf("survey: template section: %w", err)
		}
		if err := setTranslations(tx, TrSection, row.ID, i18n.Spanish, map[string]string{"title": sec.es}, now); err != nil {
			return err
		}
		for j, q := range sec.questions {
			q.SnapshotID, q.SectionID, q.Position, q.CreatedAt, q.UpdatedAt = snapID, row.ID, j+1, now, now
			if err := tx.Create(&q).Error; err != nil {
				return fmt.Errorf("survey: template question: %w", err)
			}
			if es, ok := templateSpanish[q.Key]; ok {
				if err := setTranslations(tx, TrQuestion, q.ID, i18n.Spanish, es, now); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// templateSpanish is the Spanish of the template's own questions, by key;
// driver ratings read their driver's translated statement.
var templateSpanish = map[string]map[string]string{
	KeyPriorities: {"prompt": "¿Cuáles de estos aspectos te gustaría más ver mejorados? Elige hasta tres."},
	KeyAllocation: {
		"prompt":  "En una semana normal, ¿qué parte aproximada de tu tiempo de trabajo dedicas a cada uno de estos?",
		"help":    "Los porcentajes deben sumar 100.",
		"options": "Nuevas funcionalidades\nErrores y mantenimiento\nIncidentes y guardias\nTareas repetitivas y manuales\nReuniones y coordinación\nOtros",
	},
	KeyAIFrequency:  {"prompt": "¿Con qué frecuencia usas un asistente de programación con IA en tu trabajo?"},
	KeyAIHoursSaved: {"prompt": "¿Cuántas horas a la semana te ahorra, más o menos, un asistente de IA?", "help": "Tu mejor estimación; 0 si ninguna.", "unit": "horas por semana"},
	KeyOverall:      {"prompt": "En general, estoy satisfecho con mi experiencia como desarrollador aquí."},
	KeyComments: {
		"prompt": "¿Hay algo más que quieras que sepan el equipo de plataforma o tu responsable?",
		"help":   "Tu comentario solo se muestra a grupos del tamaño mínimo, sin tu nombre salvo que lo aceptes más abajo.",
	},
}
