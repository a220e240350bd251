package web

import (
	"context"
	"strings"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/survey"
)

// kindLabel names a question kind for the builder, in the reader's
// language (survey.Kind.Label is the English one, for logs and the API).
func kindLabel(ctx context.Context, k survey.Kind) string {
	return i18n.T(ctx, "admin.kind."+string(k))
}

// kindDetail is what the builder's outline says about a question's
// settings, in the reader's language; the survey package's Detail says
// the same in English.
func kindDetail(ctx context.Context, q survey.Question, ratedDrivers int) string {
	c := q.Config
	switch q.Kind {
	case survey.KindAllocation:
		return i18n.T(ctx, "admin.detail.allocation", "Count", len(c.Categories), "List", strings.Join(c.Categories, ", "))
	case survey.KindSingle, survey.KindMulti:
		return i18n.T(ctx, "admin.detail.choice", "Count", len(c.Choices), "List", strings.Join(c.Choices, ", "))
	case survey.KindPriority:
		return i18n.T(ctx, "admin.detail.priority", "Max", survey.MaxPriorityPicks, "Rated", ratedDrivers)
	case survey.KindText:
		return i18n.T(ctx, "admin.detail.text", "Max", c.MaxLength)
	case survey.KindNumber:
		var parts []string
		if c.Min != nil {
			parts = append(parts, i18n.T(ctx, "admin.detail.from", "N", formatNumber(c.Min)))
		}
		if c.Max != nil {
			parts = append(parts, i18n.T(ctx, "admin.detail.to", "N", formatNumber(c.Max)))
		}
		if c.Unit != "" {
			parts = append(parts, c.Unit)
		}
		return strings.Join(parts, " ")
	case survey.KindNPS:
		return i18n.T(ctx, "admin.detail.nps")
	}
	return q.Kind.Behaviour().Detail(q, ratedDrivers)
}
