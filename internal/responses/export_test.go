package responses

// The submit path's lookups, for tests that read their plans.
const (
	LinkSQL        = linkSQL
	AnswersSQL     = answersSQL
	FirstSubmitSQL = firstSubmitSQL
)
