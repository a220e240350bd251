package admin

import (
	"context"

	"github.com/devpulse/devpulse/internal/i18n"
	"github.com/devpulse/devpulse/internal/input"
)

// Say writes m in the reader's language, and so any argument of m that is
// itself a Message ("team: <what is wrong with the path>"); the English
// String of such a message writes its arguments in English the same way.
func Say(ctx context.Context, m input.Message) string {
	if m.ID == "" {
		return ""
	}
	args := make([]any, len(m.Args))
	for i, a := range m.Args {
		if inner, ok := a.(input.Message); ok {
			a = Say(ctx, inner)
		}
		args[i] = a
	}
	return i18n.T(ctx, m.ID, args...)
}

// csvProblemCount is the sentence above a refused file's problems: "There
// are 3 problems on 2 lines in people.csv."
func csvProblemCount(ctx context.Context, problems, lines int, file string) string {
	l := i18n.From(ctx)
	key := "directory.csv.count"
	switch {
	case problems == 1:
		key = "directory.csv.count_one"
	case lines == 1:
		key = "directory.csv.count_one_line"
	}
	if file != "" {
		key += "_file"
	}
	return l.T(key, "Problems", l.Number(problems), "Lines", l.Number(lines), "File", file)
}
