package results

import (
	"cmp"
	"context"
	"crypto/sha256"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/survey"
)

// FewerThanK stands in the response export for a team or segment value
// whose group is not shown: too small, or hidden so that a smaller group
// cannot be worked out. One marker for both, so the rows it hides cannot
// be told apart.
const FewerThanK = "(fewer than k)"

// NoTeam labels respondents without a team in the response export.
const NoTeam = "(no team)"

// exportSegments are the response columns shown per value, in order.
var exportSegments = []string{"job_role", "work_arrangement", "tenure_band", "level", "location"}

type exportResponse struct {
	ID              int64
	TeamID          *int64
	JobRole         string
	WorkArrangement string
	TenureBand      string
	Level           string
	Location        string
}

func (r exportResponse) segment(key string) string {
	return map[string]string{"job_role": r.JobRole, "work_arrangement": r.WorkArrangement, "tenure_band": r.TenureBand,
		"level": r.Level, "location": r.Location}[key]
}

type exportAnswer struct {
	ResponseID int64
	QuestionID int64
	Item       string
	Rating     *int
	Number     *float64
	Text       *string
}

// ResponseRows returns a materialised snapshot's submitted responses for
// the admins' response-level export: one row per response, numbered 1..n
// in an order that depends on the rows' contents alone (a hash of them),
// so neither the number nor the order says who answered when. No person,
// invitation, response ID or date appears, nor comment authors.
//
// The team column holds the smallest team (with its sub-teams) shown on
// the dashboards that contains the respondent's team, so that the rows
// under one label are a shown group minus shown groups inside it, which
// the suppression keeps at zero or at least k (see insight.Protect);
// counting a team's rows means counting the paths that start with it.
// Segment columns hold the value when it has at least k submitted
// responses in the snapshot, and only while the row's whole combination
// of segment values is shared by k rows of its team label (see
// maskRareCombinations). Anything else reads FewerThanK.
func (s *Store) ResponseRows(ctx context.Context, snapshotID int64) (header []string, rows [][]string, err error) {
	snap, _, err := s.exportSnapshot(ctx, snapshotID)
	if err != nil {
		return nil, nil, err
	}
	all, err := s.dir.Teams(ctx)
	if err != nil {
		return nil, nil, err
	}
	allSizes, err := s.loadSizes(ctx, all, []int64{snap.ID}, snap.ID, Filter{})
	if err != nil {
		return nil, nil, err
	}
	outline, err := s.surveys.Outline(ctx, snap.ID)
	if err != nil {
		return nil, nil, err
	}
	var resps []exportResponse
	if err := s.db.WithContext(ctx).Table("responses").
		Select("id, team_id, job_role, work_arrangement, tenure_band, level, location").
		Where("snapshot_id = ? AND submitted = ?", snap.ID, true).Scan(&resps).Error; err != nil {
		return nil, nil, fmt.Errorf("results: responses of %d: %w", snap.ID, err)
	}
	var answers []exportAnswer
	if err := s.db.WithContext(ctx).Table("answers a").
		Select("a.response_id, a.question_id, a.item, a.rating, a.number, a.text").
		Joins("JOIN responses r ON r.id = a.response_id").
		Where("r.snapshot_id = ? AND r.submitted = ?", snap.ID, true).Scan(&answers).Error; err != nil {
		return nil, nil, fmt.Errorf("results: answers of %d: %w", snap.ID, err)
	}
	byResponse := map[int64]map[int64][]survey.Item{}
	for _, a := range answers {
		if byResponse[a.ResponseID] == nil {
			byResponse[a.ResponseID] = map[int64][]survey.Item{}
		}
		it := survey.Item{Item: a.Item, Rating: a.Rating, Number: a.Number, Text: a.Text}
		byResponse[a.ResponseID][a.QuestionID] = append(byResponse[a.ResponseID][a.QuestionID], it)
	}

	labels := teamLabels(allSizes[snap.ID], all)
	shown := s.shownValues(resps)
	cols := answerColumns(outline)
	header = append([]string{"response", "team"}, exportSegments...)
	for _, c := range cols {
		header = append(header, csvText(c.name))
	}
	for _, r := range resps {
		team := int64(0)
		if r.TeamID != nil {
			team = *r.TeamID
		}
		row := []string{csvText(labels[team])}
		for _, seg := range exportSegments {
			v := r.segment(seg)
			if !shown[seg][v] {
				v = FewerThanK
			}
			row = append(row, csvText(v))
		}
		for _, c := range cols {
			row = append(row, c.cell(byResponse[r.ID][c.question]))
		}
		rows = append(rows, row)
	}
	if err := s.maskRareCombinations(rows, 1+len(exportSegments)); err != nil {
		return nil, nil, err
	}
	return header, numberRows(snap.ID, rows), nil
}

// maskRareCombinations protects people whose combination of segment
// values is rare even where each value alone is common (the only office
// SRE of a team). Within each team label, rows that share all their
// segment cells form a group; groups that insight.SuppressSegments would
// hide (fewer than k rows, plus the next-smallest while the hidden rows
// together hold fewer than k) have every segment cell masked. Cells
// 1..n-1 of each row are the segments; cell 0 is the team label.
func (s *Store) maskRareCombinations(rows [][]string, n int) error {
	byLabel := map[string][]int{}
	for i, r := range rows {
		byLabel[r[0]] = append(byLabel[r[0]], i)
	}
	for _, idx := range byLabel {
		counts := map[string]int{}
		key := func(r []string) string { return strings.Join(r[1:n], "\x00") }
		for _, i := range idx {
			counts[key(rows[i])]++
		}
		hidden, err := s.k.SuppressSegments(len(idx), counts)
		if err != nil {
			return err
		}
		for _, i := range idx {
			if hidden[key(rows[i])] {
				for c := 1; c < n; c++ {
					rows[i][c] = csvText(FewerThanK)
				}
			}
		}
	}
	return nil
}

// numberRows orders rows by a hash of their cells and puts their number
// in front.
func numberRows(snapshotID int64, rows [][]string) [][]string {
	type keyed struct {
		key [32]byte
		row []string
	}
	ks := make([]keyed, len(rows))
	for i, r := range rows {
		ks[i] = keyed{sha256.Sum256([]byte(fmt.Sprint(snapshotID) + "\x00" + strings.Join(r, "\x00"))), r}
	}
	slices.SortFunc(ks, func(a, b keyed) int {
		return cmp.Or(slices.Compare(a.key[:], b.key[:]), slices.Compare(a.row, b.row))
	})
	out := make([][]string, len(ks))
	for i, k := range ks {
		out[i] = append([]string{strconv.Itoa(i + 1)}, k.row...)
	}
	return out
}

// teamLabels maps each direct team (0: no team) to the path of the
// smallest shown group that holds it, or FewerThanK.
func teamLabels(sz *sizes, all []directory.Team) map[int64]string {
	byID := map[int64]directory.Team{}
	for _, t := range all {
		byID[t.ID] = t
	}
	out := map[int64]string{0: FewerThanK}
	if sz.view(0, Filter{}).IsShown() {
		out[0] = NoTeam
	}
	for _, t := range all {
		out[t.ID] = FewerThanK
		for at, ok := t, true; ok; {
			if sz.view(at.ID, Filter{}).IsShown() {
				out[t.ID] = at.Path
				break
			}
			if at.ParentID == nil {
				break
			}
			at, ok = byID[*at.ParentID]
		}
	}
	return out
}

// shownValues says, per segment, which values have at least k submitted
// responses in the snapshot.
func (s *Store) shownValues(resps []exportResponse) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for _, seg := range exportSegments {
		counts := map[string]int{}
		for _, r := range resps {
			counts[r.segment(seg)]++
		}
		out[seg] = map[string]bool{}
		for v, n := range counts {
			out[seg][v] = s.k.Shows(n)
		}
	}
	return out
}

// answerColumn is one column of answers: a question's, or one of its
// columns when its kind writes several (an allocation's categories).
type answerColumn struct {
	name     string
	question int64
	cell     func(items []survey.Item) string
}

// answerColumns lays out the outline's questions as columns, as their
// kinds export them, named by their key (or q and their place in the
// survey when they have none). Cells that hold what people typed or
// chose are neutralised for spreadsheets.
func answerColumns(o survey.Outline) []answerColumn {
	var out []answerColumn
	for i, q := range o.Questions {
		name := q.Key
		if name == "" {
			name = fmt.Sprintf("q%d", i+1)
		}
		for _, c := range q.Kind.Behaviour().Columns(q) {
			col := answerColumn{name: name, question: q.ID, cell: c.Cell}
			if c.Suffix != "" {
				col.name += ": " + c.Suffix
			}
			if c.Text {
				col.cell = func(items []survey.Item) string { return csvText(c.Cell(items)) }
			}
			out = append(out, col)
		}
	}
	return out
}
