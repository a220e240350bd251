package web

import (
	"github.com/labstack/echo/v4"

	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/internal/survey"
)

// apiResults is a snapshot's aggregates as JSON exports and the API send
// them. A hidden group's scores are null and suppressed says why.
type apiResults struct {
	Snapshot apiSnapshot    `json:"snapshot"`
	K        int            `json:"k"`
	Rows     []apiAggregate `json:"rows"`
	// Questions holds the other questions' figures (see api_question_results.go).
	Questions []apiQuestionResult `json:"questions"`
}

type apiAggregate struct {
	// TeamID is null for the organisation.
	TeamID           *int64   `json:"team_id"`
	Team             string   `json:"team"`
	DriverKey        string   `json:"driver_key"`
	Driver           string   `json:"driver"`
	Responses        int      `json:"responses"`
	Invited          int      `json:"invited"`
	Participation    *int     `json:"participation"`
	Suppressed       *string  `json:"suppressed"`
	Score            *int     `json:"score"`
	Mean             *float64 `json:"mean"`
	Answered         *int     `json:"answered"`
	NotApplicable    *int     `json:"not_applicable"`
	Delta            *int     `json:"delta"`
	DeltaSignificant *bool    `json:"delta_significant"`
	PriorityShare    *int     `json:"priority_share"`
}

func toAPIResults(snap survey.Snapshot, k int, rows []results.AggregateRow, questions []results.GroupQuestions) apiResults {
	out := apiResults{Snapshot: toAPISnapshot(snap), K: k, Rows: make([]apiAggregate, 0, len(rows)), Questions: toAPIQuestions(questions)}
	for _, r := range rows {
		a := apiAggregate{Team: r.TeamPath, DriverKey: r.DriverKey, Driver: r.DriverName, Responses: r.Responses, Invited: r.Invited,
			Participation: optional(r.Participation.Value, r.Participation.OK)}
		if r.TeamID != results.Org {
			a.TeamID = &r.TeamID
		}
		if r.Hidden != results.Shown {
			a.Suppressed = optional(string(r.Hidden), true)
			out.Rows = append(out.Rows, a)
			continue
		}
		a.Score = optional(r.Score.Value, r.Score.OK)
		a.Mean = optional(results.RoundMean(r.Mean), r.MeanOK)
		a.Answered, a.NotApplicable = optional(r.Answered, true), optional(r.NotApplicable, true)
		a.Delta = optional(r.Delta.Points, r.Delta.OK)
		a.DeltaSignificant = optional(r.Delta.Significant, r.Delta.OK)
		a.PriorityShare = optional(r.Priority.Value, r.Priority.OK)
		out.Rows = append(out.Rows, a)
	}
	return out
}

func optional[T any](v T, ok bool) *T {
	if !ok {
		return nil
	}
	return &v
}

// apiResultsJSON and apiResultsCSV answer GET /api/v1/snapshots/:id/results
// and /results.csv: the organisation's aggregates, suppressed as on the
// dashboards. A token is not a person, so it reads every team.
func (s *Server) apiResultsJSON(c echo.Context) error { return s.exportResults(c, true, false) }
func (s *Server) apiResultsCSV(c echo.Context) error  { return s.exportResults(c, false, true) }
