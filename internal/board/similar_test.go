package board_test

import (
	"slices"
	"testing"

	"github.com/devpulse/devpulse/internal/board"
)

func TestSimilarWords(t *testing.T) {
	for _, tc := range []struct {
		title string
		want  []string
	}{
		{"Slow CI builds", []string{"builds", "slow"}},
		{"The API docs are out of date", []string{"docs", "date", "api"}},
		{"Builds, builds and BUILDS", []string{"builds"}},
		{"a b ci", nil},
		{"when does this happen with that", []string{"happen"}},
		{"deploys rollback approval pipeline flaky retries", []string{"rollback", "approval", "pipeline", "deploys", "retries"}},
	} {
		if got := board.SimilarWords(tc.title); !slices.Equal(got, tc.want) {
			t.Errorf("SimilarWords(%q) = %q, want %q", tc.title, got, tc.want)
		}
	}
}
